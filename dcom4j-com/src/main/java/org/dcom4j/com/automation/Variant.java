package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.VarType.*;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An Automation VARIANT (MS-OAUT 2.2.29) as a Java value: a VARTYPE and a value whose Java type the
 * compact constructor checks against it:
 * <table>
 * <caption>vt → value</caption>
 * <tr><td>VT_EMPTY, VT_NULL</td><td>{@code null}</td></tr>
 * <tr><td>VT_I1, VT_UI1</td><td>{@link Byte} (VT_UI1: the unsigned value in the same bits)</td></tr>
 * <tr><td>VT_I2, VT_UI2</td><td>{@link Short} (VT_UI2 unsigned in the same bits)</td></tr>
 * <tr><td>VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR</td><td>{@link Integer} (VT_ERROR: an SCODE/HRESULT)</td></tr>
 * <tr><td>VT_I8, VT_UI8</td><td>{@link Long}</td></tr>
 * <tr><td>VT_R4</td><td>{@link Float}</td></tr>
 * <tr><td>VT_R8</td><td>{@link Double}</td></tr>
 * <tr><td>VT_CY</td><td>{@link Long}: the scaled 64-bit integer, value × 10 000 (2.2.24)</td></tr>
 * <tr><td>VT_DATE</td><td>{@link Double}: an OLE automation date, days since 1899-12-30 (2.2.25)</td></tr>
 * <tr><td>VT_BSTR</td><td>{@link String}, or {@code null} for a NULL BSTR</td></tr>
 * <tr><td>VT_BOOL</td><td>{@link Boolean} (VARIANT_BOOL 0xFFFF / 0 on the wire)</td></tr>
 * <tr><td>VT_DECIMAL</td><td>{@link BigDecimal}: unscaled magnitude below 2^96, scale 0..28 (a negative
 *     scale is normalised to 0)</td></tr>
 * <tr><td>VT_DISPATCH, VT_UNKNOWN</td><td>any object or {@code null}; on the wire an {@code Orpc.MInterfacePointer}
 *     (other objects are for the runtime to marshal first)</td></tr>
 * <tr><td>VT_ARRAY|t (also with VT_BYREF)</td><td>a {@link SafeArray} whose vt is t</td></tr>
 * <tr><td>VT_BYREF|VT_VARIANT</td><td>a {@link Variant} (not null)</td></tr>
 * <tr><td>VT_BYREF|t</td><td>the value as for t</td></tr>
 * </table>
 * Any other vt, or a value of another type, is refused with {@link IllegalArgumentException}.
 */
public record Variant(int vt, Object value) {
    private static final BigInteger MAX_DECIMAL = BigInteger.ONE.shiftLeft(96);
    /** The largest DECIMAL scale (2.2.26). */
    public static final int MAX_DECIMAL_SCALE = 28;

    public Variant {
        if ((vt & ~(VT_ARRAY | VT_BYREF | VT_TYPEMASK)) != 0) {
            throw new IllegalArgumentException("unsupported vt=" + VarType.name(vt));
        }
        int base = vt & VT_TYPEMASK;
        if ((vt & VT_ARRAY) != 0) {
            if (!(value instanceof SafeArray sa) || sa.vt() != base) {
                throw new IllegalArgumentException(VarType.name(vt) + " needs a SafeArray of " + VarType.name(base) + ", got " + describe(value));
            }
        } else if ((vt & VT_BYREF) != 0 && base == VT_VARIANT) {
            if (!(value instanceof Variant)) {
                throw new IllegalArgumentException("VT_BYREF|VT_VARIANT needs a Variant, got " + describe(value));
            }
        } else {
            if ((vt & VT_BYREF) != 0 && (base == VT_EMPTY || base == VT_NULL)) {
                throw new IllegalArgumentException("unsupported vt=" + VarType.name(vt));
            }
            value = checkScalar(base, value, vt, false);
        }
    }

    /**
     * Checks {@code value} against a base type (no flags) by the mapping above; returns it, a DECIMAL
     * with a negative scale normalised. VT_VARIANT (as a SAFEARRAY element) takes a non-null Variant.
     * {@code vt} and {@code element} name the value in an error only (no text is built otherwise).
     */
    static Object checkScalar(int base, Object value, int vt, boolean element) {
        boolean ok = switch (base) {
            case VT_EMPTY, VT_NULL -> value == null;
            case VT_I1, VT_UI1 -> value instanceof Byte;
            case VT_I2, VT_UI2 -> value instanceof Short;
            case VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR -> value instanceof Integer;
            case VT_I8, VT_UI8, VT_CY -> value instanceof Long;
            case VT_R4 -> value instanceof Float;
            case VT_R8, VT_DATE -> value instanceof Double;
            case VT_BSTR -> value == null || value instanceof String;
            case VT_BOOL -> value instanceof Boolean;
            case VT_DECIMAL -> value instanceof BigDecimal;
            case VT_DISPATCH, VT_UNKNOWN -> true;
            case VT_VARIANT -> value instanceof Variant;
            default -> throw new IllegalArgumentException("unsupported vt=" + what(vt, element));
        };
        if (!ok) {
            throw new IllegalArgumentException(what(vt, element) + " cannot hold " + describe(value));
        }
        if (value instanceof BigDecimal d) {
            if (d.scale() < 0) {
                if (d.signum() != 0 && d.scale() <= -(MAX_DECIMAL_SCALE + 1)) { // |d| >= 10^29 > 2^96: refused before rescaling
                    throw new IllegalArgumentException("VT_DECIMAL magnitude=" + d.unscaledValue().abs() + "E+" + -(long) d.scale()
                            + ", limit=2^96-1");
                }
                d = d.signum() == 0 ? BigDecimal.ZERO : d.setScale(0);
            }
            if (d.scale() > MAX_DECIMAL_SCALE) {
                throw new IllegalArgumentException("VT_DECIMAL scale=" + d.scale() + ", limit=" + MAX_DECIMAL_SCALE);
            }
            if (d.unscaledValue().abs().compareTo(MAX_DECIMAL) >= 0) {
                throw new IllegalArgumentException("VT_DECIMAL magnitude=" + d.unscaledValue().abs() + ", limit=2^96-1");
            }
            return d;
        }
        return value;
    }

    private static String what(int vt, boolean element) {
        return element ? "SafeArray element of " + VarType.name(vt) : VarType.name(vt);
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    }

    public static Variant empty() {
        return new Variant(VT_EMPTY, null);
    }

    /** VT_NULL (SQL-style null; {@code null} is taken). */
    public static Variant nullValue() {
        return new Variant(VT_NULL, null);
    }

    public static Variant i1(byte v) {
        return new Variant(VT_I1, v);
    }

    public static Variant ui1(byte v) {
        return new Variant(VT_UI1, v);
    }

    public static Variant i2(short v) {
        return new Variant(VT_I2, v);
    }

    public static Variant ui2(short v) {
        return new Variant(VT_UI2, v);
    }

    public static Variant i4(int v) {
        return new Variant(VT_I4, v);
    }

    public static Variant ui4(int v) {
        return new Variant(VT_UI4, v);
    }

    /** VT_INT. */
    public static Variant intValue(int v) {
        return new Variant(VT_INT, v);
    }

    /** VT_UINT. */
    public static Variant uintValue(int v) {
        return new Variant(VT_UINT, v);
    }

    public static Variant i8(long v) {
        return new Variant(VT_I8, v);
    }

    public static Variant ui8(long v) {
        return new Variant(VT_UI8, v);
    }

    public static Variant r4(float v) {
        return new Variant(VT_R4, v);
    }

    public static Variant r8(double v) {
        return new Variant(VT_R8, v);
    }

    /** VT_CY of the scaled integer (value × 10 000). */
    public static Variant cy(long scaled) {
        return new Variant(VT_CY, scaled);
    }

    /** VT_DATE of an OLE automation date. */
    public static Variant date(double oleDate) {
        return new Variant(VT_DATE, oleDate);
    }

    /** VT_BSTR; {@code null} is a NULL BSTR. */
    public static Variant bstr(String v) {
        return new Variant(VT_BSTR, v);
    }

    /** VT_ERROR of an SCODE. */
    public static Variant error(int scode) {
        return new Variant(VT_ERROR, scode);
    }

    public static Variant bool(boolean v) {
        return new Variant(VT_BOOL, v);
    }

    public static Variant decimal(BigDecimal v) {
        return new Variant(VT_DECIMAL, v);
    }

    /** VT_DISPATCH of an interface pointer (an {@code MInterfacePointer}, an object to marshal, or null). */
    public static Variant dispatch(Object v) {
        return new Variant(VT_DISPATCH, v);
    }

    /** VT_UNKNOWN of an interface pointer. */
    public static Variant unknown(Object v) {
        return new Variant(VT_UNKNOWN, v);
    }

    /** VT_ARRAY|a.vt(). */
    public static Variant array(SafeArray a) {
        return new Variant(VT_ARRAY | a.vt(), a);
    }

    /** VT_BYREF|VT_VARIANT pointing to {@code v}. */
    public static Variant byRefVariant(Variant v) {
        return new Variant(VT_BYREF | VT_VARIANT, v);
    }

    /** VT_BYREF|v.vt() with v's value (v must not be EMPTY, NULL or already byref). */
    public static Variant byRef(Variant v) {
        if ((v.vt & VT_BYREF) != 0) {
            throw new IllegalArgumentException("already byref: " + VarType.name(v.vt));
        }
        return new Variant(VT_BYREF | v.vt, v.value);
    }

    /**
     * The VARIANT of a Java value: Integer → I4, Long → I8, Double → R8, Float → R4, Short → I2, Byte → I1,
     * Boolean → BOOL, String → BSTR, BigDecimal → DECIMAL, null → EMPTY, a Variant → itself, a SafeArray →
     * VT_ARRAY|its vt; anything else → IllegalArgumentException.
     */
    public static Variant of(Object v) {
        return switch (v) {
            case null -> empty();
            case Variant x -> x;
            case Integer x -> i4(x);
            case Long x -> i8(x);
            case Double x -> r8(x);
            case Float x -> r4(x);
            case Short x -> i2(x);
            case Byte x -> i1(x);
            case Boolean x -> bool(x);
            case String x -> bstr(x);
            case BigDecimal x -> decimal(x);
            case SafeArray x -> array(x);
            default -> throw new IllegalArgumentException("no VARIANT type for " + v.getClass().getName());
        };
    }

    /** The base type (vt without VT_ARRAY/VT_BYREF). */
    public int baseType() {
        return vt & VT_TYPEMASK;
    }

    /** {@code VT_I4 42}, {@code VT_UI1 254}, {@code VT_BSTR "text"}, {@code VT_EMPTY}. */
    @Override
    public String toString() {
        if ((vt & VT_TYPEMASK) <= VT_NULL && (vt & (VT_ARRAY | VT_BYREF)) == 0) {
            return VarType.name(vt);
        }
        return VarType.name(vt) + " " + format(vt & VT_TYPEMASK, value, (vt & VT_ARRAY) != 0);
    }

    static String format(int base, Object value, boolean array) {
        if (array || value == null) {
            return String.valueOf(value);
        }
        return switch (base) {
            case VT_UI1 -> Integer.toString(Byte.toUnsignedInt((Byte) value));
            case VT_UI2 -> Integer.toString(Short.toUnsignedInt((Short) value));
            case VT_UI4, VT_UINT -> Integer.toUnsignedString((Integer) value);
            case VT_UI8 -> Long.toUnsignedString((Long) value);
            case VT_ERROR -> "0x" + Integer.toHexString((Integer) value);
            case VT_CY -> BigDecimal.valueOf((Long) value, 4).toPlainString();
            case VT_BSTR -> "\"" + value + "\"";
            case VT_DECIMAL -> ((BigDecimal) value).toPlainString();
            default -> String.valueOf(value);
        };
    }
}
