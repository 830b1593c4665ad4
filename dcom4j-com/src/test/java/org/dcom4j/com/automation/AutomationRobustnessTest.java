package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.junit.jupiter.api.Test;

/**
 * What a hostile caller can send to the automatic IDispatch: values whose conversion would cost unbounded
 * CPU or memory are refused at once with the documented HRESULTs (MS-OAUT 3.1.4.3, 3.1.4.4).
 */
class AutomationRobustnessTest {
    private static final UUID IID_NULL = new UUID(0, 0);
    /** Far more than any refusal needs: the unbounded work these tests guard against takes hours. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    public static final class Target {
        @DispMethod(name = "Twice", dispId = 1)
        public long twice(long x) {
            return 2 * x;
        }

        @DispMethod(name = "Exact", dispId = 2)
        public BigDecimal exact(BigDecimal x) {
            return x;
        }

        @DispMethod(name = "Real", dispId = 3)
        public double real(double x) {
            return x;
        }

        @DispMethod(name = "Mixed", dispId = 4)
        public String mixed(String s, boolean b, IDispatch d, SafeArray a, Object o, char c) {
            return s + b + d + a + o + c;
        }

        @DispProperty(name = "Prop", dispId = 5)
        public void setProp(int x) {
        }

        @DispMethod(name = "Odd", dispId = 6)
        public void odd() throws ComException {
            throw new ComException(Hresult.S_FALSE, "a success code thrown");
        }
    }

    /** Implements a generic interface: javac adds a bridge {@code Object apply(Object)} carrying the annotation. */
    public static final class Upper implements java.util.function.Function<String, String> {
        @DispMethod(name = "Apply")
        @Override
        public String apply(String s) {
            return s.toUpperCase(java.util.Locale.ROOT);
        }
    }

    private final IDispatch d = AutoDispatch.of(new Target());

    private ComException invokeFails(int id, Variant arg, Out<Integer> argErr) {
        List<WireVariant> rgvarg = List.of(Variants.toWire(arg));
        return assertThrows(ComException.class, () -> d.invoke(id, IID_NULL, 0x409, IDispatch.DISPATCH_METHOD,
                DispParams.of(rgvarg, new int[0]), new Out<>(), new Out<>(), argErr, 0, new int[0], new InOut<>(List.of())));
    }

    private Variant invoke(int id, Variant arg) throws ComException {
        Out<WireVariant> r = new Out<>();
        d.invoke(id, IID_NULL, 0x409, IDispatch.DISPATCH_METHOD, DispParams.of(List.of(Variants.toWire(arg)), new int[0]), r,
                new Out<ExcepInfo>(), new Out<>(), 0, new int[0], new InOut<>(List.of()));
        return Variants.fromWire(r.get());
    }

    @Test
    void aNumericBstrWithAHugeExponentOverflowsAnIntegerParameterAtOnce() {
        for (String text : List.of("1e999999999", "1e100000000", "-7E+2000000000", "1e-100000000")) {
            Out<Integer> argErr = new Out<>();
            ComException e = assertTimeoutPreemptively(QUICKLY, () -> invokeFails(1, Variant.bstr(text), argErr));
            assertEquals(Hresult.DISP_E_OVERFLOW, e.hresult(), text);
            assertEquals(0, argErr.get());
        }
    }

    @Test
    void aNumericBstrWithAHugeExponentOverflowsABigDecimalParameter() {
        ComException e = assertTimeoutPreemptively(QUICKLY, () -> invokeFails(2, Variant.bstr("1e100000000"), new Out<>()));
        assertEquals(Hresult.DISP_E_OVERFLOW, e.hresult());
    }

    @Test
    void numericBstrsWithinTheAutomationRangeStillConvert() throws ComException {
        assertEquals(Variant.i8(2000), invoke(1, Variant.bstr("1e3")));
        assertEquals(Variant.r8(1e-300), invoke(3, Variant.bstr("1e-300")));
        assertEquals(Variant.r8(0.0), invoke(3, Variant.bstr("0e999999999")));
        assertEquals(Variant.decimal(new BigDecimal("123000")), invoke(2, Variant.bstr("1.23E+5")));
    }

    @Test
    void aDecimalWithAHugeNegativeScaleIsRefusedAtOnce() {
        IllegalArgumentException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(IllegalArgumentException.class, () -> Variant.decimal(new BigDecimal("1e100000000"))));
        assertEquals(true, e.getMessage().contains("limit"), e.getMessage());
        assertEquals(BigDecimal.ZERO, assertTimeoutPreemptively(QUICKLY, () -> Variant.decimal(new BigDecimal("0e999999999")).value()));
        assertEquals(new BigDecimal("100000"), Variant.decimal(new BigDecimal("1E+5")).value());
    }

    @Test
    void getIDsOfNamesRefusesMoreNamesThanTheIdlRangeAllows() {
        List<String> names = new ArrayList<>(Collections.nCopies(IDispatch.MAX_NAMES + 1, "x"));
        names.set(0, "Twice");
        Out<int[]> ids = new Out<>();
        ComException e = assertThrows(ComException.class, () -> d.getIDsOfNames(IID_NULL, names, names.size(), 0x409, ids));
        assertEquals(Hresult.E_INVALIDARG, e.hresult());
    }

    @Test
    void aBridgeMethodIsNotASecondMember() throws ComException {
        DispatchTable t = DispatchTable.of(Upper.class);
        assertEquals(1, t.members().size());
        assertEquals(String.class, t.member("apply").method().getReturnType());
        Out<WireVariant> r = new Out<>();
        AutoDispatch.of(new Upper()).invoke(1, IID_NULL, 0x409, IDispatch.DISPATCH_METHOD,
                DispParams.of(List.of(Variants.toWire(Variant.bstr("abc"))), new int[0]), r, new Out<>(), new Out<>(), 0,
                new int[0], new InOut<>(List.of()));
        assertEquals(Variant.bstr("ABC"), Variants.fromWire(r.get()));
    }

    @Test
    void oddArgumentsFailWithAnHresultNeverARuntimeException() {
        WireVariant nullBstrByRef = WireVariant.of(VarType.VT_BYREF | VarType.VT_BSTR,
                new WireVariant.ByRefBstr(new WireVariant.BstrRef(null)));
        List<WireVariant> odd = new ArrayList<>(List.of(Variants.toWire(Variant.bstr(null)), nullBstrByRef,
                Variants.toWire(Variant.dispatch(null)), Variants.toWire(new Variant(VarType.VT_ERROR, 5)),
                Variants.toWire(new Variant(VarType.VT_ARRAY | VarType.VT_I4, SafeArray.of(VarType.VT_I4, 1))),
                Variants.toWire(Variant.nullValue()), Variants.toWire(Variant.r8(Double.NaN)), Variants.toWire(Variant.bstr(" "))));
        odd.add(null);
        for (int id = 1; id <= 5; id++) {
            for (int flags : new int[] {0, 1, 2, 3, 4, 8, 12, 0xFFFF_FFFF}) {
                for (WireVariant w : odd) {
                    for (int[] named : new int[][] {{}, {DispatchTable.DISPID_PROPERTYPUT}, {Integer.MIN_VALUE}, {5}}) {
                        List<WireVariant> args = new ArrayList<>(Collections.nCopies(id == 4 ? 6 : 1, w));
                        int dispId = id;
                        assertDoesNotThrow(() -> {
                            try {
                                d.invoke(dispId, IID_NULL, 0, flags, new DispParams(args, named, args.size(), named.length), new Out<>(),
                                        new Out<>(), new Out<>(), 1, new int[] {0}, new InOut<>(Collections.singletonList(w)));
                            } catch (ComException documented) {
                                // an HRESULT: what the caller gets
                            }
                        }, () -> dispId + " " + flags + " " + w);
                    }
                }
            }
        }
    }

    @Test
    void aComExceptionWithASuccessCodeStillGivesANonZeroScode() {
        Out<ExcepInfo> ei = new Out<>();
        ComException e = assertThrows(ComException.class, () -> d.invoke(6, IID_NULL, 0, IDispatch.DISPATCH_METHOD,
                DispParams.of(List.of(), new int[0]), new Out<>(), ei, new Out<>(), 0, new int[0], new InOut<>(List.of())));
        assertEquals(Hresult.DISP_E_EXCEPTION, e.hresult());
        assertEquals(Hresult.E_FAIL, ei.get().scode(), "MS-OAUT 3.1.4.4.1: exactly one of wCode and scode is nonzero");
        assertEquals(0, ei.get().wCode());
    }

    @Test
    void aNumericBstrBeyondTheDoubleRangeOverflowsADoubleParameter() {
        assertEquals(Hresult.DISP_E_OVERFLOW, invokeFails(3, Variant.bstr("1e400"), new Out<>()).hresult());
        assertEquals(Hresult.DISP_E_OVERFLOW, invokeFails(3, Variant.bstr("-2e308"), new Out<>()).hresult());
    }

    @Test
    void tooManyNamesBecomeAFaultTheStubCanRaise() throws Exception {
        // OrpcDispatcher turns an [out] that cannot be encoded after a failure into a fault with the HRESULT:
        // it catches NdrException and IllegalArgumentException, so the encoder must fail with one of them
        var m = org.dcom4j.com.runtime.InterfaceDescriptor.of(IDispatch.class).method(5);
        List<String> names = Collections.nCopies(IDispatch.MAX_NAMES + 1, "x");
        Object[] in = m.request().decode(m.request().encode(m.requestValues(org.dcom4j.com.wire.Orpc.OrpcThis.of(IID_NULL),
                new Object[] {IID_NULL, names, names.size(), 0, new Out<int[]>()}, null)));
        Object[] args = m.arguments(in, null);
        assertThrows(java.lang.reflect.InvocationTargetException.class, () -> m.method().invoke(d, args), "E_INVALIDARG");
        Object[] values = m.failureValues(org.dcom4j.com.wire.Orpc.OrpcThat.EMPTY, in, args, Hresult.E_INVALIDARG);
        RuntimeException e = assertThrows(RuntimeException.class, () -> m.response().encode(values));
        assertEquals(true, e instanceof org.dcom4j.ndr.NdrException || e instanceof IllegalArgumentException, e::toString);
    }
}
