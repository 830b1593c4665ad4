package org.dcom4j.com.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.runtime.InterfaceDescriptor.Direction;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;
import org.junit.jupiter.api.Test;

/**
 * The wire form of methods with [out] and [in, out] parameters, byte for byte against equivalent
 * {@link NdrParameters} records (IDispatch::GetIDsOfNames and an Invoke-like shape, MS-OAUT 3.1.4.3
 * and 3.1.4.4, with stand-in VARIANT and EXCEPINFO records), against bytes impacket's stubs produce,
 * and the refusals at derivation.
 */
class OutParametersWireTest {
    private static final UUID CID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Orpc.OrpcThis THIS = Orpc.OrpcThis.of(CID);

    /** Stand-in for wireVARIANT: a unique pointer to a small record. */
    record Variant(short vt, int lVal) {
    }

    /** Stand-in for DISPPARAMS. */
    record DispParams(int cArgs, int cNamedArgs) {
    }

    /** Stand-in for EXCEPINFO. */
    record ExcepInfo(short wCode, short wReserved, @Unique @NdrString String bstrSource, int scode) {
    }

    @ComInterface("00020400-0000-0000-c000-000000000046")
    interface IDispatchLike extends IUnknown {
        @ComMethod(opnum = 5)
        void getIDsOfNames(UUID riid, @SizeIs("cNames") List<@Unique @NdrString String> rgszNames, int cNames, int lcid,
                           @SizeIs("cNames") Out<int[]> rgDispId) throws ComException;

        @ComMethod(opnum = 6)
        void invoke(int dispIdMember, UUID riid, int lcid, int dwFlags, DispParams pDispParams, Out<@Unique Variant> pVarResult,
                    Out<ExcepInfo> pExcepInfo, Out<Integer> pArgErr, int cVarRef, @SizeIs("cVarRef") int[] rgVarRefIdx,
                    @SizeIs("cVarRef") InOut<List<@Unique Variant>> rgVarRef) throws ComException;

        @ComMethod(opnum = 7)
        void names(int count, @SizeIs("count") Out<List<@Unique @NdrString String>> names, Out<Long> hyper, Out<Boolean> flag)
                throws ComException;
    }

    @NdrParameters
    record GetIDsOfNamesRequest(Orpc.OrpcThis orpcThis, UUID riid, @SizeIs("cNames") List<@Unique @NdrString String> rgszNames,
                                int cNames, int lcid) {
    }

    @NdrParameters
    record GetIDsOfNamesResponse(Orpc.OrpcThat orpcThat, @NotTransmitted int cNames, @SizeIs("cNames") int[] rgDispId, int hresult) {
    }

    @NdrParameters
    record InvokeRequest(Orpc.OrpcThis orpcThis, int dispIdMember, UUID riid, int lcid, int dwFlags, DispParams pDispParams,
                         int cVarRef, @SizeIs("cVarRef") int[] rgVarRefIdx, @SizeIs("cVarRef") List<@Unique Variant> rgVarRef) {
    }

    @NdrParameters
    record InvokeResponse(Orpc.OrpcThat orpcThat, @Unique Variant pVarResult, ExcepInfo pExcepInfo, int pArgErr,
                          @NotTransmitted int cVarRef, @SizeIs("cVarRef") List<@Unique Variant> rgVarRef, int hresult) {
    }

    private static MethodDescriptor method(int opnum) {
        return InterfaceDescriptor.of(IDispatchLike.class).method(opnum);
    }

    @Test
    void getIdsOfNamesEncodesAsTheEquivalentRecords() throws Exception {
        MethodDescriptor m = method(5);
        UUID riid = new UUID(0, 0);
        List<String> names = List.of("Quit", "Visible");
        Out<int[]> ids = new Out<>();
        Object[] args = {riid, names, 2, 0x409, ids};
        byte[] request = m.request().encode(m.requestValues(THIS, args, null));
        assertArrayEquals(NdrCodec.of(GetIDsOfNamesRequest.class).encode(new GetIDsOfNamesRequest(THIS, riid, names, 2, 0x409)), request);

        Object[] in = m.request().decode(request);
        Object[] serverArgs = m.arguments(in, null);
        assertEquals(Arrays.asList(riid, names, 2, 0x409), Arrays.asList(serverArgs).subList(0, 4));
        @SuppressWarnings("unchecked")
        Out<int[]> serverIds = (Out<int[]>) serverArgs[4];
        serverIds.set(new int[] {300, 558});
        byte[] response = m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, serverArgs, null, 0, null));
        assertArrayEquals(NdrCodec.of(GetIDsOfNamesResponse.class).encode(
                new GetIDsOfNamesResponse(Orpc.OrpcThat.EMPTY, 2, new int[] {300, 558}, 0)), response);

        assertNull(m.complete(m.response().decode(response), args, null));
        assertArrayEquals(new int[] {300, 558}, ids.get());
    }

    @Test
    void getIdsOfNamesMatchesImpacketsStubs() throws Exception {
        MethodDescriptor m = method(5);
        // impacket 0.10 IDispatch_GetIDsOfNames(riid=IID_NULL, ["Quit", "Visible"], 2, 0x409): its referent ids and
        // padding bytes differ from ours, so its request is decoded; its response has neither and is compared
        byte[] impacketRequest = HexFormat.of().parseHex("05000700000000000000000011111111222233334444555555555555"
                + "00000000000000000000000000000000000000000200000081dd0000ea9f0000050000000000000005000000"
                + "51007500690074000000abab080000000000000008000000560069007300690062006c0065000000020000"
                + "0009040000");
        Object[] in = m.request().decode(impacketRequest);
        assertEquals(Arrays.asList(THIS, new UUID(0, 0), List.of("Quit", "Visible"), 2, 0x409), Arrays.asList(in));
        byte[] impacketResponse = HexFormat.of().parseHex("0000000000000000020000002c0100002e02000000000000");
        Object[] serverArgs = m.arguments(in, null);
        @SuppressWarnings("unchecked")
        Out<int[]> ids = (Out<int[]>) serverArgs[4];
        ids.set(new int[] {0x12c, 0x22e});
        assertArrayEquals(impacketResponse, m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, serverArgs, null, 0, null)));
    }

    @Test
    void clientAcceptsTheCountOnTheWireForAnOutArraySizedByAnInParameter() throws Exception {
        MethodDescriptor m = method(5);
        byte[] three = NdrCodec.of(GetIDsOfNamesResponse.class).encode(new GetIDsOfNamesResponse(Orpc.OrpcThat.EMPTY, 3, new int[] {1, 2, 3}, 0));
        Out<int[]> ids = new Out<>();
        m.complete(m.response().decode(three), new Object[] {new UUID(0, 0), List.of("a"), 1, 0, ids}, null);
        assertArrayEquals(new int[] {1, 2, 3}, ids.get(), "cNames is not on the wire: the array's max_count rules");
    }

    @Test
    void invokeLikeShapeEncodesAsTheEquivalentRecordsAlsoWhenItFails() throws Exception {
        MethodDescriptor m = method(6);
        assertEquals(List.of(Direction.IN, Direction.IN, Direction.IN, Direction.IN, Direction.IN, Direction.OUT, Direction.OUT,
                Direction.OUT, Direction.IN, Direction.IN, Direction.IN_OUT), m.slots().stream().map(InterfaceDescriptor.Slot::direction).toList());
        UUID riid = new UUID(0, 0);
        DispParams dp = new DispParams(1, 0);
        List<Variant> refs = Arrays.asList(new Variant((short) 3, 7), null);
        InOut<List<Variant>> rgVarRef = new InOut<>(refs);
        Out<Variant> result = new Out<>();
        Out<ExcepInfo> excep = new Out<>();
        Out<Integer> argErr = new Out<>();
        Object[] args = {7, riid, 0x409, 1, dp, result, excep, argErr, 2, new int[] {0, 1}, rgVarRef};
        byte[] request = m.request().encode(m.requestValues(THIS, args, null));
        assertArrayEquals(NdrCodec.of(InvokeRequest.class).encode(new InvokeRequest(THIS, 7, riid, 0x409, 1, dp, 2, new int[] {0, 1}, refs)),
                request);

        Object[] in = m.request().decode(request);
        Object[] serverArgs = m.arguments(in, null);
        assertEquals(refs, ((InOut<?>) serverArgs[10]).get(), "the [in, out] holder starts with the value received");
        assertEquals(0, ((Out<?>) serverArgs[7]).get(), "an [out] long starts at zero");
        ExcepInfo info = new ExcepInfo((short) 0, (short) 0, "Excel", 0x800a03ec);
        @SuppressWarnings("unchecked")
        Out<ExcepInfo> serverExcep = (Out<ExcepInfo>) serverArgs[6];
        serverExcep.set(info);
        int dispEException = 0x80020009;
        byte[] response = m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, serverArgs, null, dispEException, null));
        assertArrayEquals(NdrCodec.of(InvokeResponse.class).encode(new InvokeResponse(Orpc.OrpcThat.EMPTY, null, info, 0, 2, refs,
                dispEException)), response);

        ComException e = assertThrows(ComException.class, () -> m.complete(m.response().decode(response), args, null));
        assertEquals(dispEException, e.hresult());
        assertEquals(info, excep.get(), "EXCEPINFO reaches the caller of a failed call");
        assertNull(result.get());
        assertEquals(0, argErr.get());
        assertEquals(refs, rgVarRef.get());
    }

    @Test
    void serverHoldersStartAtZeroForPlainNumbersAndNullOtherwise() throws Exception {
        MethodDescriptor m = method(7);
        Object[] args = m.arguments(m.request().decode(m.request().encode(THIS, 2)), null);
        assertEquals(2, args[0]);
        assertNull(((Out<?>) args[1]).get());
        assertEquals(0L, ((Out<?>) args[2]).get());
        assertEquals(false, ((Out<?>) args[3]).get());
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b2")
    interface RawOut extends IUnknown {
        @SuppressWarnings("rawtypes")
        @ComMethod(opnum = 3)
        void f(Out value) throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b3")
    interface WildcardOut extends IUnknown {
        @ComMethod(opnum = 3)
        void f(Out<?> value) throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b4")
    interface NestedOut extends IUnknown {
        @ComMethod(opnum = 3)
        void f(Out<Out<Integer>> value) throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b5")
    interface NestedInOut extends IUnknown {
        @ComMethod(opnum = 3)
        void f(InOut<InOut<Integer>> value) throws ComException;
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000b6")
    interface TypeVariableOut extends IUnknown {
        @ComMethod(opnum = 3)
        <T> void f(Out<T> value) throws ComException;
    }

    @Test
    void refusesHoldersWithoutAConcreteNonHolderTypeArgument() {
        for (Class<?> c : List.of(RawOut.class, WildcardOut.class, NestedOut.class, NestedInOut.class, TypeVariableOut.class)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InterfaceDescriptor.of(c), c.getSimpleName());
            assertTrue(e.getMessage().contains(c.getSimpleName() + ".f: parameter value"), e.getMessage());
        }
    }
}
