package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.junit.jupiter.api.Test;

class ConversionsTest {
    private static int hr(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(ComException.class, e).hresult();
    }

    @Test
    void roundsDoublesHalfEvenIntoIntegers() throws ComException {
        assertEquals(2, Conversions.toJava(Variant.r8(2.5), int.class));
        assertEquals(4, Conversions.toJava(Variant.r8(3.5), int.class));
        assertEquals(-2, Conversions.toJava(Variant.r8(-2.5), Integer.class));
    }

    @Test
    void aValueThatDoesNotFitIsAnOverflow() {
        assertEquals(Hresult.DISP_E_OVERFLOW, hr(() -> Conversions.toJava(Variant.i8(1L << 40), int.class)));
        assertEquals(Hresult.DISP_E_OVERFLOW, hr(() -> Conversions.toJava(Variant.i4(300), byte.class)));
        assertEquals(Hresult.DISP_E_OVERFLOW, hr(() -> Conversions.toJava(new Variant(VarType.VT_UI4, -1), int.class)));
    }

    @Test
    void unsignedTypesKeepTheirUnsignedValue() throws ComException {
        assertEquals(4294967295L, Conversions.toJava(new Variant(VarType.VT_UI4, -1), long.class));
        assertEquals(200, Conversions.toJava(new Variant(VarType.VT_UI1, (byte) 200), int.class));
    }

    @Test
    void numericStringsConvertAndOthersMismatch() throws ComException {
        assertEquals(12, Conversions.toJava(Variant.bstr(" 12 "), int.class));
        assertEquals(1.5, Conversions.toJava(Variant.bstr("1.5"), double.class));
        assertEquals(Hresult.DISP_E_TYPEMISMATCH, hr(() -> Conversions.toJava(Variant.bstr("twelve"), int.class)));
    }

    @Test
    void booleansFollowAutomationTrueAsMinusOne() throws ComException {
        assertEquals(-1, Conversions.toJava(Variant.bool(true), int.class));
        assertEquals(true, Conversions.toJava(Variant.i4(5), boolean.class));
        assertEquals(false, Conversions.toJava(Variant.bstr("False"), boolean.class));
        assertEquals("True", Conversions.toJava(Variant.bool(true), String.class));
    }

    @Test
    void nullConvertsOnlyToReferenceTypes() throws ComException {
        assertNull(Conversions.toJava(Variant.nullValue(), Integer.class));
        assertEquals(Hresult.DISP_E_TYPEMISMATCH, hr(() -> Conversions.toJava(Variant.nullValue(), int.class)));
        assertEquals(0, Conversions.toJava(Variant.empty(), int.class));
    }

    @Test
    void byReferenceArgumentsAreDereferenced() throws ComException {
        Variant byref = new Variant(VarType.VT_BYREF | VarType.VT_VARIANT, Variant.i2((short) 7));
        assertEquals(7L, Conversions.toJava(byref, long.class));
        assertEquals(byref, Conversions.toJava(byref, Variant.class));
    }

    @Test
    void javaResultsBecomeTheirVariantTypes() throws ComException {
        assertEquals(Variant.i4(5), Conversions.toVariant(5, int.class));
        assertEquals(Variant.empty(), Conversions.toVariant(null, void.class));
        assertEquals(Variant.bstr("x"), Conversions.toVariant('x', char.class));
        assertEquals(VarType.VT_DECIMAL, Conversions.toVariant(new BigDecimal("1.25"), BigDecimal.class).vt());
        Variant a = Conversions.toVariant(new int[] {1, 2}, int[].class);
        assertEquals(VarType.VT_ARRAY | VarType.VT_I4, a.vt());
        assertEquals(List.of(1, 2), ((SafeArray) a.value()).elements());
    }

    @Test
    void aDecimalBeyondNinetySixBitsIsAnOverflow() {
        assertEquals(Hresult.DISP_E_OVERFLOW, hr(() -> Conversions.toVariant(new BigDecimal("1e40"), BigDecimal.class)));
    }
}
