package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.VarType.*;
import static org.dcom4j.com.automation.VariantException.Kind.BAD_VAR_TYPE;
import static org.dcom4j.com.automation.VariantException.Kind.INVALID_ARG;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.dcom4j.com.automation.wire.Decimal;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.FlaggedWordBlob;
import org.dcom4j.com.automation.wire.WireSafeArray;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.automation.wire.WireVariant.Body;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;

/**
 * Conversion between {@link Variant}/{@link SafeArray} and the wire records ({@link WireVariant},
 * {@link WireSafeArray}, {@link DispParams}).
 *
 * <p>{@code toWire} refuses a value the wire cannot carry: a VT_DISPATCH/VT_UNKNOWN value that is not an
 * {@code MInterfacePointer} (or null) with {@link IllegalArgumentException} — the runtime marshals Java
 * objects first — and nesting deeper than {@link #MAX_DEPTH} with {@link VariantException} (INVALID_ARG);
 * an {@code MInterfacePointer} whose ulCntData disagrees with its bytes fails with {@code NdrException}
 * when clSize is measured.
 *
 * <p>{@code fromWire} throws only {@link VariantException}: {@link VariantException.Kind#BAD_VAR_TYPE}
 * (DISP_E_BADVARTYPE) for a vt outside {@link VarType} or an unsupported SAFEARRAY element type, {@link
 * VariantException.Kind#INVALID_ARG} (E_INVALIDARG) for inconsistent fields (cDims vs rgsabound, element
 * count vs bounds, sfType vs vt, a NULL where a value is required), counts over {@link
 * SafeArray#MAX_ELEMENTS} and nesting deeper than {@link #MAX_DEPTH}. Values that NDR itself cannot
 * decode fail earlier, in the codec, with {@code NdrException}.
 */
public final class Variants {
    /** Limit on VARIANT nesting (VARIANT in a SAFEARRAY in a VARIANT, VT_BYREF|VT_VARIANT): 16 levels. */
    public static final int MAX_DEPTH = 16;
    /** cbElements written for VT_VARIANT elements (MS-OAUT 2.2.8: 16). */
    static final int VARIANT_CB = 16;

    private Variants() {
    }

    /** The wire form of {@code v}, with the canonical header ({@link WireVariant#of}). */
    public static WireVariant toWire(Variant v) {
        return toWire(v, 1);
    }

    /** The Java value of a wire VARIANT; a NULL VARIANT pointer is refused (INVALID_ARG). */
    public static Variant fromWire(WireVariant w) {
        return fromWire(w, 1);
    }

    /** DISPPARAMS of arguments in wire order (last argument first, named ones first) and the named DISPIDs. */
    public static DispParams toWire(List<Variant> wireOrderArgs, int[] namedDispIds) {
        if (namedDispIds.length > wireOrderArgs.size()) {
            throw new IllegalArgumentException("cNamedArgs=" + namedDispIds.length + " > cArgs=" + wireOrderArgs.size());
        }
        List<WireVariant> args = new ArrayList<>(wireOrderArgs.size());
        for (Variant a : wireOrderArgs) {
            args.add(toWire(a));
        }
        return DispParams.of(args, namedDispIds);
    }

    /** The arguments of a DISPPARAMS, in wire order (INVALID_ARG if counts and arrays disagree). */
    public static List<Variant> arguments(DispParams p) {
        int n = p.rgvarg() == null ? 0 : p.rgvarg().size();
        int named = p.rgdispidNamedArgs() == null ? 0 : p.rgdispidNamedArgs().length;
        if (n != p.cArgs() || named != p.cNamedArgs() || Integer.compareUnsigned(p.cNamedArgs(), p.cArgs()) > 0) {
            throw new VariantException(INVALID_ARG, "DISPPARAMS cArgs=" + Integer.toUnsignedString(p.cArgs()) + " (rgvarg " + n
                    + "), cNamedArgs=" + Integer.toUnsignedString(p.cNamedArgs()) + " (rgdispidNamedArgs " + named + ")");
        }
        List<Variant> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fromWire(p.rgvarg().get(i)));
        }
        return out;
    }

    private static void depth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new VariantException(INVALID_ARG, "VARIANT nesting depth=" + depth + ", limit=" + MAX_DEPTH);
        }
    }

    static WireVariant toWire(Variant v, int depth) {
        depth(depth);
        int vt = v.vt();
        int base = vt & VT_TYPEMASK;
        Object x = v.value();
        Body body;
        if ((vt & VT_ARRAY) != 0) {
            WireSafeArray sa = safeArrayToWire((SafeArray) x, depth);
            WireVariant.SafeArrayRef ref = new WireVariant.SafeArrayRef(sa);
            body = (vt & VT_BYREF) != 0 ? new WireVariant.ByRefArray(new WireVariant.PSafeArrayRef(ref)) : new WireVariant.Array(ref);
        } else if ((vt & VT_BYREF) != 0) {
            body = switch (base) {
                case VT_I1, VT_UI1 -> new WireVariant.ByRefByte1((Byte) x);
                case VT_I2, VT_UI2 -> new WireVariant.ByRefShort2((Short) x);
                case VT_BOOL -> new WireVariant.ByRefShort2(bool((Boolean) x));
                case VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR -> new WireVariant.ByRefLong4((Integer) x);
                case VT_R4 -> new WireVariant.ByRefFloat4((Float) x);
                case VT_I8, VT_UI8, VT_CY -> new WireVariant.ByRefLong8((Long) x);
                case VT_R8, VT_DATE -> new WireVariant.ByRefDouble8((Double) x);
                case VT_DECIMAL -> new WireVariant.ByRefDecimal(decimal((BigDecimal) x, 0));
                case VT_BSTR -> new WireVariant.ByRefBstr(new WireVariant.BstrRef(FlaggedWordBlob.of((String) x)));
                case VT_DISPATCH, VT_UNKNOWN -> new WireVariant.ByRefInterface(new WireVariant.InterfaceRef(itf(x, vt)));
                case VT_VARIANT -> new WireVariant.ByRefVariant(new WireVariant.VariantRef(toWire((Variant) x, depth + 1)));
                default -> throw new VariantException(BAD_VAR_TYPE, "unsupported vt=" + VarType.name(vt));
            };
        } else {
            body = scalarToWire(base, x, vt);
        }
        return WireVariant.of(vt, body);
    }

    private static Body scalarToWire(int base, Object x, int vt) {
        return switch (base) {
            case VT_EMPTY -> new WireVariant.Empty();
            case VT_NULL -> new WireVariant.Null();
            case VT_I1, VT_UI1 -> new WireVariant.Byte1((Byte) x);
            case VT_I2, VT_UI2 -> new WireVariant.Short2((Short) x);
            case VT_BOOL -> new WireVariant.Short2(bool((Boolean) x));
            case VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR -> new WireVariant.Long4((Integer) x);
            case VT_R4 -> new WireVariant.Float4((Float) x);
            case VT_I8, VT_UI8, VT_CY -> new WireVariant.Long8((Long) x);
            case VT_R8, VT_DATE -> new WireVariant.Double8((Double) x);
            case VT_BSTR -> new WireVariant.Bstr(FlaggedWordBlob.of((String) x));
            case VT_DECIMAL -> new WireVariant.DecimalVal(decimal((BigDecimal) x, VT_DECIMAL));
            case VT_DISPATCH, VT_UNKNOWN -> new WireVariant.Interface(itf(x, vt));
            default -> throw new VariantException(BAD_VAR_TYPE, "unsupported vt=" + VarType.name(vt));
        };
    }

    private static short bool(boolean b) {
        return b ? (short) -1 : 0;
    }

    private static MInterfacePointer itf(Object x, int vt) {
        if (x == null || x instanceof MInterfacePointer) {
            return (MInterfacePointer) x;
        }
        throw new IllegalArgumentException(VarType.name(vt) + " value must be marshalled to an MInterfacePointer first, got "
                + x.getClass().getName());
    }

    /**
     * The DECIMAL of a BigDecimal. {@code wReserved}: Windows sends VT_DECIMAL there for a by-value
     * DECIMAL (in memory the DECIMAL overlays the VARIANT, its wReserved being vt) and 0 by reference.
     */
    static Decimal decimal(BigDecimal d, int wReserved) {
        BigInteger u = d.unscaledValue();
        BigInteger m = u.abs();
        return new Decimal(wReserved, d.scale(), u.signum() < 0 ? Decimal.DECIMAL_NEG : 0, m.shiftRight(64).intValue(), m.longValue());
    }

    static BigDecimal decimal(Decimal d) {
        if (d.scale() > Variant.MAX_DECIMAL_SCALE) {
            throw new VariantException(INVALID_ARG, "DECIMAL scale=" + d.scale() + ", limit=" + Variant.MAX_DECIMAL_SCALE);
        }
        if ((d.sign() & ~Decimal.DECIMAL_NEG) != 0) {
            throw new VariantException(INVALID_ARG, "DECIMAL sign=0x" + Integer.toHexString(d.sign()) + ", expected 0 or 0x80");
        }
        BigInteger m = BigInteger.valueOf(Integer.toUnsignedLong(d.hi32())).shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(d.lo64())));
        return new BigDecimal(d.sign() != 0 ? m.negate() : m, d.scale());
    }

    static Variant fromWire(WireVariant w, int depth) {
        depth(depth);
        if (w == null) {
            throw new VariantException(INVALID_ARG, "NULL VARIANT pointer");
        }
        int vt = w.vt();
        int base = vt & VT_TYPEMASK;
        if ((vt & ~(VT_ARRAY | VT_BYREF | VT_TYPEMASK)) != 0 || !VarType.isKnownBase(base)) {
            throw new VariantException(BAD_VAR_TYPE, "unsupported vt=" + VarType.name(vt));
        }
        Object value = switch (w.varUnion()) {
            case WireVariant.Empty e -> null;
            case WireVariant.Null n -> null;
            case WireVariant.Byte1 b -> b.value();
            case WireVariant.Short2 s -> base == VT_BOOL ? s.value() != 0 : s.value();
            case WireVariant.Long4 l -> l.value();
            case WireVariant.Float4 f -> f.value();
            case WireVariant.Long8 l -> l.value();
            case WireVariant.Double8 d -> d.value();
            case WireVariant.Bstr b -> bstr(b.value());
            case WireVariant.Interface i -> i.value();
            case WireVariant.DecimalVal d -> decimal(d.value());
            case WireVariant.Array a -> safeArrayFromWire(required(a.value(), vt).value(), base, depth);
            case WireVariant.ByRefByte1 b -> required(b.value(), vt);
            case WireVariant.ByRefShort2 s -> base == VT_BOOL ? required(s.value(), vt) != 0 : required(s.value(), vt);
            case WireVariant.ByRefLong4 l -> required(l.value(), vt);
            case WireVariant.ByRefFloat4 f -> required(f.value(), vt);
            case WireVariant.ByRefLong8 l -> required(l.value(), vt);
            case WireVariant.ByRefDouble8 d -> required(d.value(), vt);
            case WireVariant.ByRefDecimal d -> decimal(required(d.value(), vt));
            case WireVariant.ByRefBstr b -> bstr(required(b.value(), vt).value());
            case WireVariant.ByRefInterface i -> required(i.value(), vt).value();
            case WireVariant.ByRefArray a -> safeArrayFromWire(required(required(a.value(), vt).value(), vt).value(), base, depth);
            case WireVariant.ByRefVariant v -> fromWire(required(v.value(), vt).value(), depth + 1);
        };
        try {
            return new Variant(vt, value);
        } catch (IllegalArgumentException e) {
            throw new VariantException(BAD_VAR_TYPE, e.getMessage());
        }
    }

    private static <T> T required(T v, int vt) {
        if (v == null) {
            throw new VariantException(INVALID_ARG, VarType.name(vt) + " with a NULL pointer");
        }
        return v;
    }

    private static String bstr(FlaggedWordBlob b) {
        return b == null ? null : b.value();
    }

    static WireSafeArray safeArrayToWire(SafeArray a, int depth) {
        int vt = a.vt();
        int n = a.elements().size();
        List<Object> e = a.elements();
        WireSafeArray.Union u;
        int features = WireSafeArray.FADF_HAVEVARTYPE;
        int cb;
        switch (vt) {
            case VT_I1, VT_UI1 -> {
                byte[] d = new byte[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (Byte) e.get(i);
                }
                u = new WireSafeArray.ByteStr(n, d);
                cb = 1;
            }
            case VT_I2, VT_UI2, VT_BOOL -> {
                short[] d = new short[n];
                for (int i = 0; i < n; i++) {
                    d[i] = vt == VT_BOOL ? bool((Boolean) e.get(i)) : (Short) e.get(i);
                }
                u = new WireSafeArray.WordStr(n, d);
                cb = 2;
            }
            case VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR, VT_R4 -> {
                int[] d = new int[n];
                for (int i = 0; i < n; i++) {
                    d[i] = vt == VT_R4 ? Float.floatToRawIntBits((Float) e.get(i)) : (Integer) e.get(i);
                }
                u = new WireSafeArray.LongStr(n, d);
                cb = 4;
            }
            case VT_I8, VT_UI8, VT_CY, VT_R8, VT_DATE -> {
                long[] d = new long[n];
                for (int i = 0; i < n; i++) {
                    d[i] = vt == VT_R8 || vt == VT_DATE ? Double.doubleToRawLongBits((Double) e.get(i)) : (Long) e.get(i);
                }
                u = new WireSafeArray.HyperStr(n, d);
                cb = 8;
            }
            case VT_BSTR -> {
                List<FlaggedWordBlob> d = new ArrayList<>(n);
                for (Object o : e) {
                    d.add(FlaggedWordBlob.of((String) o));
                }
                u = new WireSafeArray.BstrStr(n, d);
                features |= WireSafeArray.FADF_BSTR;
                cb = 4;
            }
            case VT_DISPATCH, VT_UNKNOWN -> {
                List<MInterfacePointer> d = new ArrayList<>(n);
                for (Object o : e) {
                    d.add(itf(o, vt));
                }
                u = vt == VT_DISPATCH ? new WireSafeArray.DispatchStr(n, d) : new WireSafeArray.UnknownStr(n, d);
                features |= vt == VT_DISPATCH ? WireSafeArray.FADF_DISPATCH : WireSafeArray.FADF_UNKNOWN;
                cb = 4;
            }
            case VT_VARIANT -> {
                List<WireVariant> d = new ArrayList<>(n);
                for (Object o : e) {
                    d.add(toWire((Variant) o, depth + 1));
                }
                u = new WireSafeArray.VariantStr(n, d);
                features |= WireSafeArray.FADF_VARIANT;
                cb = VARIANT_CB;
            }
            default -> throw new VariantException(BAD_VAR_TYPE, "unsupported SAFEARRAY element vt=" + VarType.name(vt));
        }
        List<org.dcom4j.com.automation.wire.SafeArrayBound> rgsabound = new ArrayList<>();
        for (int i = a.bounds().size() - 1; i >= 0; i--) {
            SafeArray.Bound b = a.bounds().get(i);
            rgsabound.add(new org.dcom4j.com.automation.wire.SafeArrayBound(b.count(), b.lowerBound()));
        }
        return new WireSafeArray(rgsabound.size(), features, cb, vt << 16, u, rgsabound);
    }

    static SafeArray safeArrayFromWire(WireSafeArray w, int vt, int depth) {
        if (w == null) {
            throw new VariantException(INVALID_ARG, VarType.name(VT_ARRAY | vt) + " with a NULL SAFEARRAY");
        }
        if (!SafeArray.isElementType(vt)) {
            throw new VariantException(BAD_VAR_TYPE, "unsupported SAFEARRAY element vt=" + VarType.name(vt));
        }
        if (w.cDims() == 0 || w.cDims() != w.rgsabound().size() || w.cDims() > SafeArray.MAX_DIMS) {
            throw new VariantException(INVALID_ARG, "SAFEARRAY cDims=" + w.cDims() + " disagrees with rgsabound="
                    + w.rgsabound().size() + " (limit " + SafeArray.MAX_DIMS + ")");
        }
        long[] counts = new long[w.cDims()];
        List<SafeArray.Bound> bounds = new ArrayList<>(w.cDims());
        for (int i = 0; i < w.cDims(); i++) {
            var b = w.rgsabound().get(w.cDims() - 1 - i);
            counts[i] = Integer.toUnsignedLong(b.cElements());
            if (counts[i] > SafeArray.MAX_ELEMENTS) {
                throw new VariantException(INVALID_ARG, "SAFEARRAYBOUND cElements=" + counts[i] + ", limit=" + SafeArray.MAX_ELEMENTS);
            }
            bounds.add(new SafeArray.Bound(b.lLbound(), (int) counts[i]));
        }
        long n;
        try {
            n = SafeArray.elementCount(counts);
        } catch (IllegalArgumentException e) {
            throw new VariantException(INVALID_ARG, e.getMessage());
        }
        if (Integer.toUnsignedLong(w.uArrayStructs().size()) != n) {
            throw new VariantException(INVALID_ARG, "SAFEARRAY element count=" + Integer.toUnsignedString(w.uArrayStructs().size())
                    + " disagrees with the bounds' product=" + n);
        }
        List<Object> elements = new ArrayList<>((int) n);
        switch (w.uArrayStructs()) {
            case WireSafeArray.ByteStr s when vt == VT_I1 || vt == VT_UI1 -> {
                for (byte b : s.pData()) {
                    elements.add(b);
                }
            }
            case WireSafeArray.WordStr s when vt == VT_I2 || vt == VT_UI2 || vt == VT_BOOL -> {
                for (short x : s.pData()) {
                    elements.add(vt == VT_BOOL ? (Object) (x != 0) : (Object) x);
                }
            }
            case WireSafeArray.LongStr s when vt == VT_I4 || vt == VT_UI4 || vt == VT_INT || vt == VT_UINT || vt == VT_ERROR
                    || vt == VT_R4 -> {
                for (int x : s.pData()) {
                    elements.add(vt == VT_R4 ? (Object) Float.intBitsToFloat(x) : (Object) x);
                }
            }
            case WireSafeArray.HyperStr s when vt == VT_I8 || vt == VT_UI8 || vt == VT_CY || vt == VT_R8 || vt == VT_DATE -> {
                for (long x : s.pData()) {
                    elements.add(vt == VT_R8 || vt == VT_DATE ? (Object) Double.longBitsToDouble(x) : (Object) x);
                }
            }
            case WireSafeArray.BstrStr s when vt == VT_BSTR -> s.aBstr().forEach(b -> elements.add(bstr(b)));
            case WireSafeArray.DispatchStr s when vt == VT_DISPATCH -> elements.addAll(s.apDispatch());
            case WireSafeArray.UnknownStr s when vt == VT_UNKNOWN -> elements.addAll(s.apUnknown());
            case WireSafeArray.HaveIidStr s when vt == VT_UNKNOWN || vt == VT_DISPATCH -> elements.addAll(s.apUnknown());
            case WireSafeArray.VariantStr s when vt == VT_VARIANT -> {
                for (WireVariant x : s.aVariant()) {
                    elements.add(fromWire(x, depth + 1));
                }
            }
            default -> throw new VariantException(INVALID_ARG, "SAFEARRAY arm " + w.uArrayStructs().getClass().getSimpleName()
                    + " does not carry " + VarType.name(vt) + " elements");
        }
        try {
            return new SafeArray(vt, bounds, elements);
        } catch (IllegalArgumentException e) {
            throw new VariantException(INVALID_ARG, e.getMessage());
        }
    }
}
