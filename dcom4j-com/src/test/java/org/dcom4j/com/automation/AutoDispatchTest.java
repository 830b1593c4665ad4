package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.ndr.Named;
import org.junit.jupiter.api.Test;

/** The automatic IDispatch called directly with wire structures: the rules of MS-OAUT 3.1.4.4 without a network. */
class AutoDispatchTest {
    private static final UUID IID_NULL = new UUID(0, 0);

    public static final class Target {
        String last;

        @DispMethod(name = "Join", dispId = 10)
        public String join(@Named("left") String left, @Named("right") String right) {
            return left + "|" + right;
        }

        @DispMethod(name = "Opt", dispId = 11)
        public String opt(Variant maybe) {
            return VarType.name(maybe.vt()) + " " + maybe.value();
        }

        @DispMethod(name = "Count", dispId = 12)
        public int count() {
            return 3;
        }

        @DispMethod(name = "Bad", dispId = 13)
        public void bad() {
            throw new IllegalStateException("state is wrong");
        }

        @DispProperty(name = "Last", dispId = 14)
        public void setLast(String s) {
            last = s;
        }
    }

    private final Target target = new Target();
    private final IDispatch d = AutoDispatch.of(target);

    private record Result(Variant value, ExcepInfo excepInfo, int argErr) {
    }

    private Result invoke(int id, int flags, int[] named, Variant... rgvarg) throws ComException {
        List<WireVariant> wire = new ArrayList<>();
        for (Variant v : rgvarg) {
            wire.add(Variants.toWire(v));
        }
        Out<WireVariant> r = new Out<>();
        Out<ExcepInfo> e = new Out<>();
        Out<Integer> a = new Out<>();
        try {
            d.invoke(id, IID_NULL, 0x409, flags, DispParams.of(wire, named), r, e, a, 0, new int[0], new InOut<>(List.of()));
        } catch (ComException ex) {
            throw new InvokeFailed(ex.hresult(), new Result(null, e.get(), a.get()));
        }
        return new Result(Variants.fromWire(r.get()), e.get(), a.get());
    }

    private static final class InvokeFailed extends ComException {
        final transient Result result;

        InvokeFailed(int hr, Result result) {
            super(hr, "");
            this.result = result;
        }
    }

    private InvokeFailed failure(int id, int flags, int[] named, Variant... rgvarg) {
        return assertThrows(InvokeFailed.class, () -> invoke(id, flags, named, rgvarg));
    }

    @Test
    void positionalArgumentsArriveRightToLeft() throws ComException {
        assertEquals(Variant.bstr("a|b"), invoke(10, IDispatch.DISPATCH_METHOD, new int[0], Variant.bstr("b"), Variant.bstr("a")).value());
    }

    @Test
    void namedArgumentsComeFirstAndBindByParameterDispId() throws ComException {
        // Join(left := "L") with "R" positional? No: named "right" (DISPID 1) first, then positional "L" for parameter 0.
        assertEquals(Variant.bstr("L|R"), invoke(10, IDispatch.DISPATCH_METHOD, new int[] {1}, Variant.bstr("R"), Variant.bstr("L")).value());
    }

    @Test
    void getIDsOfNamesResolvesTheMemberAndItsParametersWithoutCase() throws ComException {
        Out<int[]> ids = new Out<>();
        d.getIDsOfNames(IID_NULL, List.of("JOIN", "Right", "left"), 3, 0x409, ids);
        assertArrayEquals(new int[] {10, 1, 0}, ids.get());
    }

    @Test
    void anUnknownParameterNameIsUnknownNameWithTheKnownOnesFilledIn() {
        Out<int[]> ids = new Out<>();
        ComException e = assertThrows(ComException.class, () -> d.getIDsOfNames(IID_NULL, List.of("Join", "middle"), 2, 0, ids));
        assertEquals(Hresult.DISP_E_UNKNOWNNAME, e.hresult());
        assertArrayEquals(new int[] {10, DispatchTable.DISPID_UNKNOWN}, ids.get());
    }

    @Test
    void anOmittedArgumentReachesAVariantParameterAsParamNotFound() throws ComException {
        assertEquals(Variant.bstr("VT_ERROR " + Hresult.DISP_E_PARAMNOTFOUND), invoke(11, IDispatch.DISPATCH_METHOD, new int[0]).value());
    }

    @Test
    void aMethodWithoutParametersAnswersPropertyGet() throws ComException {
        assertEquals(Variant.i4(3), invoke(12, IDispatch.DISPATCH_PROPERTYGET, new int[0]).value());
        assertEquals(Variant.i4(3), invoke(12, IDispatch.DISPATCH_METHOD | IDispatch.DISPATCH_PROPERTYGET, new int[0]).value());
    }

    @Test
    void aPropertyPutNeedsItsValueNamedPropertyPut() throws ComException {
        assertEquals(Hresult.DISP_E_PARAMNOTFOUND, failure(14, IDispatch.DISPATCH_PROPERTYPUT, new int[0], Variant.bstr("x")).hresult());
        invoke(14, IDispatch.DISPATCH_PROPERTYPUT, new int[] {DispatchTable.DISPID_PROPERTYPUT}, Variant.bstr("x"));
        assertEquals("x", target.last);
    }

    @Test
    void propertyPutRefTakesOnlyInterfacePointers() {
        assertEquals(Hresult.DISP_E_TYPEMISMATCH,
                failure(14, IDispatch.DISPATCH_PROPERTYPUTREF, new int[] {DispatchTable.DISPID_PROPERTYPUT}, Variant.bstr("x")).hresult());
    }

    @Test
    void aWriteOnlyPropertyCannotBeRead() {
        assertEquals(Hresult.DISP_E_MEMBERNOTFOUND, failure(14, IDispatch.DISPATCH_PROPERTYGET, new int[0]).hresult());
    }

    @Test
    void anUnknownDispIdIsMemberNotFound() {
        assertEquals(Hresult.DISP_E_MEMBERNOTFOUND, failure(99, IDispatch.DISPATCH_METHOD, new int[0]).hresult());
    }

    @Test
    void aRuntimeExceptionIsDispExceptionWithEfailAndItsMessage() {
        InvokeFailed f = failure(13, IDispatch.DISPATCH_METHOD, new int[0]);
        assertEquals(Hresult.DISP_E_EXCEPTION, f.hresult());
        assertEquals(Hresult.E_FAIL, f.result.excepInfo().scode());
        assertEquals("state is wrong", f.result.excepInfo().bstrDescription().value());
        assertEquals("Target", f.result.excepInfo().bstrSource().value());
    }

    @Test
    void aByReferenceArgumentIndexOutsideRgvargIsInvalidArg() {
        Out<WireVariant> r = new Out<>();
        ComException e = assertThrows(ComException.class, () -> d.invoke(10, IID_NULL, 0, IDispatch.DISPATCH_METHOD,
                DispParams.of(List.of(), new int[0]), r, new Out<>(), new Out<>(), 1, new int[] {5},
                new InOut<>(List.of(Variants.toWire(Variant.i4(1))))));
        assertEquals(Hresult.E_INVALIDARG, e.hresult());
    }

    @Test
    void byReferenceArgumentsTravelInRgVarRefAndComeBack() throws ComException {
        InOut<List<WireVariant>> refs = new InOut<>(List.of(Variants.toWire(Variant.bstr("b"))));
        Out<WireVariant> r = new Out<>();
        d.invoke(10, IID_NULL, 0, IDispatch.DISPATCH_METHOD,
                DispParams.of(Arrays.asList(Variants.toWire(Variant.empty()), Variants.toWire(Variant.bstr("a"))), new int[0]),
                r, new Out<>(), new Out<>(), 1, new int[] {0}, refs);
        assertEquals(Variant.bstr("a|b"), Variants.fromWire(r.get()));
        assertEquals(1, refs.get().size());
    }

    @Test
    void aNonNullRiidIsUnknownInterface() {
        ComException e = assertThrows(ComException.class, () -> d.getIDsOfNames(UUID.randomUUID(), List.of("Join"), 1, 0, new Out<>()));
        assertEquals(Hresult.DISP_E_UNKNOWNINTERFACE, e.hresult());
    }

    @Test
    void typeInfoIsNotServed() throws ComException {
        assertEquals(0, d.getTypeInfoCount());
        assertEquals(Hresult.E_NOTIMPL, assertThrows(ComException.class, () -> d.getTypeInfo(0, 0)).hresult());
        assertEquals(Hresult.DISP_E_BADINDEX, assertThrows(ComException.class, () -> d.getTypeInfo(1, 0)).hresult());
    }

    @Test
    void anObjectImplementingIDispatchItselfIsUsedAsIs() {
        assertSame(d, AutoDispatch.of(d));
    }

    @Test
    void aNullArgumentArrayWithANonZeroCountIsInvalidArg() {
        ComException e = assertThrows(ComException.class, () -> d.invoke(10, IID_NULL, 0, IDispatch.DISPATCH_METHOD,
                new DispParams(null, null, 2, 0), new Out<>(), new Out<>(), new Out<>(), 0, new int[0], new InOut<>(List.of())));
        assertEquals(Hresult.E_INVALIDARG, e.hresult());
    }
}
