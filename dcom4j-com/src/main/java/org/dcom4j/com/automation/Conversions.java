package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.VarType.VT_ARRAY;
import static org.dcom4j.com.automation.VarType.VT_BYREF;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;

/**
 * The conversions between Java values and VARIANTs that the automatic IDispatch applies to arguments
 * ({@link #toJava}) and results ({@link #toVariant}). They follow VariantChangeType's rules where Java has
 * an equivalent; every refusal is a {@link ComException} with DISP_E_TYPEMISMATCH (no conversion exists) or
 * DISP_E_OVERFLOW (the value does not fit), which Invoke returns with the argument's index in puArgErr.
 *
 * <table>
 * <caption>VARIANT → Java parameter</caption>
 * <tr><th>parameter type</th><th>accepted VARIANTs</th></tr>
 * <tr><td>{@link Variant}</td><td>any, unchanged (a VT_BYREF stays by reference)</td></tr>
 * <tr><td>{@code Object}</td><td>any; the Variant's own value ({@link Variant} documents the mapping), null for EMPTY/NULL</td></tr>
 * <tr><td>{@code byte short int long} (and boxes)</td><td>integers, R4/R8/DATE/CY/DECIMAL rounded half-even, BOOL
 *     (True = -1), numeric BSTRs, EMPTY = 0; out of range: DISP_E_OVERFLOW</td></tr>
 * <tr><td>{@code float double BigDecimal}</td><td>every numeric type, BOOL, numeric BSTRs, EMPTY = 0; a BSTR beyond
 *     the float or double range: DISP_E_OVERFLOW</td></tr>
 * <tr><td>{@code boolean}</td><td>BOOL, numbers (non-zero = true), BSTR "true"/"false" or numeric, EMPTY = false</td></tr>
 * <tr><td>{@code String}</td><td>BSTR, numbers and BOOL ("True"/"False") as text, EMPTY = ""</td></tr>
 * <tr><td>{@link SafeArray}</td><td>VT_ARRAY|any</td></tr>
 * </table>
 * A numeric BSTR has at most 400 characters and a magnitude within 10^±400 (DISP_E_OVERFLOW beyond: no
 * Automation type holds it); "0e999" is 0.
 * VT_NULL converts only to {@code Object}, {@link Variant} and boxed types (as null); VT_BYREF arguments are
 * dereferenced first. Unsigned VARIANT types keep their unsigned value (UI4 0xFFFFFFFF → long 4294967295,
 * an int parameter overflows).
 *
 * <table>
 * <caption>Java result → VARIANT</caption>
 * <tr><td>{@code void}, null</td><td>VT_EMPTY</td></tr>
 * <tr><td>{@code Byte Short Integer Long}</td><td>VT_I1, VT_I2, VT_I4, VT_I8</td></tr>
 * <tr><td>{@code Float Double}</td><td>VT_R4, VT_R8</td></tr>
 * <tr><td>{@code Boolean}, {@code String}, {@code Character}</td><td>VT_BOOL, VT_BSTR, VT_BSTR</td></tr>
 * <tr><td>{@code BigDecimal}</td><td>VT_DECIMAL (DISP_E_OVERFLOW beyond 96 bits or scale 28)</td></tr>
 * <tr><td>{@link Variant}, {@link SafeArray}</td><td>itself, VT_ARRAY|its type</td></tr>
 * <tr><td>{@code int[] long[] double[] String[] boolean[]}, {@code Object[]}</td><td>one-dimensional SAFEARRAY (lower
 *     bound 0) of VT_I4, VT_I8, VT_R8, VT_BSTR, VT_BOOL, VT_VARIANT</td></tr>
 * <tr><td>any other object: a COM object (an {@code IUnknown} implementation or a proxy)</td><td>VT_DISPATCH
 *     when it answers IDispatch, else VT_UNKNOWN; the runtime marshals it as an interface pointer</td></tr>
 * </table>
 * Stateless; thread-safe.
 */
public final class Conversions {
    private static final BigDecimal CY_SCALE = BigDecimal.valueOf(10_000);
    /**
     * Limit on the decimal exponent of a numeric BSTR (|n| below 10^400 and at least 10^-400): beyond VT_R8's
     * range, and it keeps rescaling (a BigDecimal's setScale on "1e100000000") cheap.
     */
    static final int MAX_TEXT_EXPONENT = 400;

    private Conversions() {
    }

    /** {@code v} as a value of parameter type {@code type}. */
    public static Object toJava(Variant v, Class<?> type) throws ComException {
        if (type == Variant.class) {
            return v;
        }
        Object fast = exact(v, type);
        if (fast != null) {
            return fast;
        }
        v = deref(v);
        int vt = v.vt();
        Object x = v.value();
        if (type == Object.class) {
            return x;
        }
        if (vt == VarType.VT_NULL) {
            if (type.isPrimitive()) {
                throw mismatch(v, type);
            }
            return null;
        }
        if (type == SafeArray.class) {
            if ((vt & VT_ARRAY) != 0) {
                return x;
            }
            throw mismatch(v, type);
        }
        if (type == String.class) {
            return toText(v, type);
        }
        if (type == boolean.class || type == Boolean.class) {
            return toBoolean(v, type);
        }
        if (type.isInstance(x)) {
            return x; // an interface pointer or another reference type passed through
        }
        BigDecimal n = toNumber(v, type);
        return narrow(n, type, v);
    }

    /**
     * The conversions that need no arithmetic — the common calls (an int from VT_I4, a String from a BSTR, …):
     * the same results as the general path, without its BigDecimal; null when there is none.
     */
    private static Object exact(Variant v, Class<?> type) {
        Object x = v.value();
        return switch (v.vt()) {
            case VarType.VT_I4, VarType.VT_INT -> type == int.class || type == Integer.class ? x
                    : type == long.class || type == Long.class ? (Object) (long) (Integer) x
                    : type == double.class || type == Double.class ? (Object) (double) (Integer) x : null;
            case VarType.VT_I2 -> type == int.class || type == Integer.class ? (Object) (int) (Short) x
                    : type == short.class || type == Short.class ? x : null;
            case VarType.VT_I8 -> type == long.class || type == Long.class ? x : null;
            case VarType.VT_R8 -> type == double.class || type == Double.class ? x : null;
            case VarType.VT_BSTR -> type == String.class ? x : null;
            case VarType.VT_BOOL -> type == boolean.class || type == Boolean.class ? x : null;
            default -> null;
        };
    }

    /** The VARIANT a Java result becomes ({@code declared}: the method's return type; void gives VT_EMPTY). */
    public static Variant toVariant(Object value, Class<?> declared) throws ComException {
        if (declared == void.class || value == null) {
            return Variant.empty();
        }
        return switch (value) {
            case Variant v -> v;
            case Character c -> Variant.bstr(String.valueOf(c));
            case BigDecimal d -> decimal(d);
            case int[] a -> array(VarType.VT_I4, box(a));
            case long[] a -> array(VarType.VT_I8, box(a));
            case double[] a -> array(VarType.VT_R8, box(a));
            case boolean[] a -> array(VarType.VT_BOOL, box(a));
            case String[] a -> array(VarType.VT_BSTR, new ArrayList<>(java.util.Arrays.asList((Object[]) a)));
            case Object[] a -> variants(a);
            default -> Variant.of(value instanceof org.dcom4j.com.IUnknown || value instanceof org.dcom4j.com.ComProxy
                    ? objectVariant(value) : value);
        };
    }

    private static Variant objectVariant(Object o) {
        boolean dispatch = o instanceof IDispatch || DispatchTable.supports(o.getClass());
        return new Variant(dispatch ? VarType.VT_DISPATCH : VarType.VT_UNKNOWN, o);
    }

    private static Variant decimal(BigDecimal d) throws ComException {
        try {
            return Variant.decimal(d);
        } catch (IllegalArgumentException e) {
            throw new ComException(Hresult.DISP_E_OVERFLOW, "no DECIMAL holds " + d);
        }
    }

    private static Variant array(int vt, List<Object> elements) {
        return new Variant(VT_ARRAY | vt, new SafeArray(vt, List.of(new SafeArray.Bound(0, elements.size())), elements));
    }

    private static Variant variants(Object[] a) throws ComException {
        List<Object> out = new ArrayList<>(a.length);
        for (Object o : a) {
            out.add(toVariant(o, Object.class));
        }
        return array(VarType.VT_VARIANT, out);
    }

    private static List<Object> box(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int x : a) {
            l.add(x);
        }
        return l;
    }

    private static List<Object> box(long[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (long x : a) {
            l.add(x);
        }
        return l;
    }

    private static List<Object> box(double[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (double x : a) {
            l.add(x);
        }
        return l;
    }

    private static List<Object> box(boolean[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (boolean x : a) {
            l.add(x);
        }
        return l;
    }

    /** A VT_BYREF variant as the value it points to. */
    static Variant deref(Variant v) {
        if ((v.vt() & VT_BYREF) == 0) {
            return v;
        }
        if (v.vt() == (VT_BYREF | VarType.VT_VARIANT)) {
            return deref((Variant) v.value());
        }
        return new Variant(v.vt() & ~VT_BYREF, v.value());
    }

    /** The exact numeric value of a numeric, BOOL, EMPTY or numeric-BSTR variant. */
    static BigDecimal toNumber(Variant v, Class<?> target) throws ComException {
        Object x = v.value();
        return switch (v.vt()) {
            case VarType.VT_EMPTY -> BigDecimal.ZERO;
            case VarType.VT_I1, VarType.VT_I2, VarType.VT_I4, VarType.VT_INT, VarType.VT_I8 ->
                    BigDecimal.valueOf(((Number) x).longValue());
            case VarType.VT_UI1 -> BigDecimal.valueOf(((Byte) x) & 0xFF);
            case VarType.VT_UI2 -> BigDecimal.valueOf(((Short) x) & 0xFFFF);
            case VarType.VT_UI4, VarType.VT_UINT -> BigDecimal.valueOf(Integer.toUnsignedLong((Integer) x));
            case VarType.VT_UI8 -> new BigDecimal(new BigInteger(Long.toUnsignedString((Long) x)));
            case VarType.VT_R4, VarType.VT_R8, VarType.VT_DATE -> finite(((Number) x).doubleValue(), v, target);
            case VarType.VT_CY -> BigDecimal.valueOf((Long) x).divide(CY_SCALE);
            case VarType.VT_DECIMAL -> (BigDecimal) x;
            case VarType.VT_BOOL -> ((Boolean) x) ? BigDecimal.ONE.negate() : BigDecimal.ZERO;
            case VarType.VT_BSTR -> parse((String) x, v, target);
            default -> throw mismatch(v, target);
        };
    }

    private static BigDecimal finite(double d, Variant v, Class<?> target) throws ComException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ComException(Hresult.DISP_E_OVERFLOW, VarType.name(v.vt()) + " " + d + " is not a finite number for "
                    + target.getSimpleName());
        }
        return new BigDecimal(d);
    }

    private static BigDecimal parse(String s, Variant v, Class<?> target) throws ComException {
        if (s == null || s.isBlank() || s.length() > 400) {
            throw mismatch(v, target);
        }
        BigDecimal n;
        try {
            n = new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw mismatch(v, target);
        }
        if (n.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long exponent = (long) n.precision() - n.scale(); // 10^(exponent-1) <= |n| < 10^exponent
        if (exponent > MAX_TEXT_EXPONENT || exponent < -MAX_TEXT_EXPONENT) {
            throw new ComException(Hresult.DISP_E_OVERFLOW, "numeric BSTR exponent=" + exponent + ", limit=±" + MAX_TEXT_EXPONENT
                    + " for " + target.getSimpleName());
        }
        return n;
    }

    private static Object narrow(BigDecimal n, Class<?> type, Variant v) throws ComException {
        if (type == double.class || type == Double.class) {
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                throw overflow(v, type); // "1e400": beyond VT_R8, as VarR8FromStr answers
            }
            return d;
        }
        if (type == float.class || type == Float.class) {
            float f = n.floatValue();
            if (Float.isInfinite(f)) {
                throw overflow(v, type);
            }
            return f;
        }
        if (type == BigDecimal.class) {
            return n;
        }
        long min;
        long max;
        if (type == int.class || type == Integer.class) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (type == long.class || type == Long.class) {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        } else if (type == short.class || type == Short.class) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (type == byte.class || type == Byte.class) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else {
            throw mismatch(v, type);
        }
        BigDecimal r = n.setScale(0, RoundingMode.HALF_EVEN);
        if (r.compareTo(BigDecimal.valueOf(min)) < 0 || r.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw overflow(v, type);
        }
        long l = r.longValueExact();
        if (type == int.class || type == Integer.class) {
            return (int) l;
        }
        if (type == short.class || type == Short.class) {
            return (short) l;
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) l;
        }
        return l;
    }

    private static String toText(Variant v, Class<?> type) throws ComException {
        Object x = v.value();
        return switch (v.vt()) {
            case VarType.VT_BSTR -> (String) x;
            case VarType.VT_EMPTY -> "";
            case VarType.VT_BOOL -> ((Boolean) x) ? "True" : "False";
            case VarType.VT_R4, VarType.VT_R8 -> x.toString();
            case VarType.VT_I1, VarType.VT_I2, VarType.VT_I4, VarType.VT_INT, VarType.VT_I8, VarType.VT_UI1, VarType.VT_UI2,
                 VarType.VT_UI4, VarType.VT_UINT, VarType.VT_UI8, VarType.VT_CY, VarType.VT_DECIMAL ->
                    toNumber(v, type).toPlainString();
            default -> throw mismatch(v, type);
        };
    }

    private static Boolean toBoolean(Variant v, Class<?> type) throws ComException {
        if (v.vt() == VarType.VT_BOOL) {
            return (Boolean) v.value();
        }
        if (v.vt() == VarType.VT_BSTR && v.value() instanceof String s) {
            if (s.strip().equalsIgnoreCase("true")) {
                return true;
            }
            if (s.strip().equalsIgnoreCase("false")) {
                return false;
            }
        }
        return toNumber(v, type).signum() != 0;
    }

    private static ComException mismatch(Variant v, Class<?> type) {
        return new ComException(Hresult.DISP_E_TYPEMISMATCH, VarType.name(v.vt()) + " does not convert to " + type.getSimpleName());
    }

    private static ComException overflow(Variant v, Class<?> type) {
        return new ComException(Hresult.DISP_E_OVERFLOW, v + " does not fit " + type.getSimpleName());
    }
}
