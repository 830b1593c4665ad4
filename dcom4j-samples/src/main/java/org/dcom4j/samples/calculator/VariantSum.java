package org.dcom4j.samples.calculator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.automation.Conversions;
import org.dcom4j.com.automation.VarType;
import org.dcom4j.com.automation.Variant;

/**
 * The Calculator's Add over VARIANTs: both operands must be numeric (an integer type, VT_R4, VT_R8, VT_CY
 * or VT_DECIMAL, by reference or not); the sum has the wider of the two types in the order
 * <pre>VT_I1 &lt; VT_UI1 &lt; VT_I2 &lt; VT_UI2 &lt; VT_I4 = VT_INT &lt; VT_UI4 = VT_UINT &lt; VT_I8 &lt; VT_UI8 &lt; VT_CY &lt; VT_R4 &lt; VT_R8 &lt; VT_DECIMAL</pre>
 * (on a tie, the first operand's type). The sum is computed exactly and must fit that type
 * (DISP_E_OVERFLOW otherwise: 2147483647 + 1 as VT_I4 overflows — pass VT_I8 to get 2147483648).
 */
final class VariantSum {
    private static final List<Integer> ORDER = List.of(VarType.VT_I1, VarType.VT_UI1, VarType.VT_I2, VarType.VT_UI2, VarType.VT_I4,
            VarType.VT_UI4, VarType.VT_I8, VarType.VT_UI8, VarType.VT_CY, VarType.VT_R4, VarType.VT_R8, VarType.VT_DECIMAL);

    private VariantSum() {
    }

    static Variant of(Variant a, Variant b) throws ComException {
        Variant x = deref(a);
        Variant y = deref(b);
        int vt = rank(y.vt()) > rank(x.vt()) ? y.vt() : x.vt();
        BigDecimal sum = number(x).add(number(y));
        return as(vt, sum);
    }

    private static Variant deref(Variant v) {
        if (v.vt() == (VarType.VT_BYREF | VarType.VT_VARIANT)) {
            return deref((Variant) v.value());
        }
        return (v.vt() & VarType.VT_BYREF) != 0 ? new Variant(v.vt() & ~VarType.VT_BYREF, v.value()) : v;
    }

    private static int rank(int vt) {
        int r = ORDER.indexOf(vt == VarType.VT_INT ? VarType.VT_I4 : vt == VarType.VT_UINT ? VarType.VT_UI4 : vt);
        return r;
    }

    private static BigDecimal number(Variant v) throws ComException {
        if (rank(v.vt()) < 0) {
            throw new ComException(Hresult.DISP_E_TYPEMISMATCH, "Add takes numbers, not " + VarType.name(v.vt()));
        }
        return (BigDecimal) Conversions.toJava(v, BigDecimal.class);
    }

    private static Variant as(int vt, BigDecimal sum) throws ComException {
        try {
            return switch (vt) {
                case VarType.VT_R8 -> Variant.r8(sum.doubleValue());
                case VarType.VT_R4 -> r4(sum);
                case VarType.VT_DECIMAL -> Variant.decimal(sum.setScale(Math.clamp(sum.scale(), 0, 28), java.math.RoundingMode.HALF_EVEN));
                case VarType.VT_CY -> new Variant(VarType.VT_CY, sum.movePointRight(4).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
                case VarType.VT_UI8 -> new Variant(vt, unsigned(sum, 64).longValue());
                case VarType.VT_I8 -> Variant.i8(sum.longValueExact());
                case VarType.VT_UI4, VarType.VT_UINT -> new Variant(vt, unsigned(sum, 32).intValue());
                case VarType.VT_I4, VarType.VT_INT -> new Variant(vt, sum.intValueExact());
                case VarType.VT_UI2 -> new Variant(vt, unsigned(sum, 16).shortValue());
                case VarType.VT_I2 -> Variant.i2(sum.shortValueExact());
                case VarType.VT_UI1 -> new Variant(vt, unsigned(sum, 8).byteValue());
                default -> Variant.i1(sum.byteValueExact());
            };
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new ComException(Hresult.DISP_E_OVERFLOW, sum.toPlainString() + " does not fit " + VarType.name(vt));
        }
    }

    private static Variant r4(BigDecimal sum) {
        float f = sum.floatValue();
        if (Float.isInfinite(f)) {
            throw new ArithmeticException("R4 overflow");
        }
        return Variant.r4(f);
    }

    private static BigInteger unsigned(BigDecimal sum, int bits) {
        BigInteger i = sum.toBigIntegerExact();
        if (i.signum() < 0 || i.bitLength() > bits) {
            throw new ArithmeticException("unsigned overflow");
        }
        return i;
    }
}
