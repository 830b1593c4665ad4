package org.dcom4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.security.Distance;
import org.junit.jupiter.api.Test;

/** The handler alone: decode with the caller's drep, dispatch, encode, faults for unreadable stubs. */
class Dcom4jEchoServerTest {
    private static final int LITTLE_ENDIAN = 0x10000000;
    private static final int BIG_ENDIAN = 0x00000000;

    private final Dcom4jEchoServer handler = new Dcom4jEchoServer(new DefaultDcom4jEcho());

    private static CallContext ctx(int drep) {
        return new CallContext(Distance.REMOTE, null, "test", Dcom4jEcho.INTERFACE_ID, null, 1, 0, 1, drep, false, null,
                org.dcom4j.rpc.CallerTokens.anonymous(org.dcom4j.security.Distance.REMOTE), 0, 1);
    }

    private String call(int opnum, byte[] stub) throws RpcFaultException {
        return Vectors.hex(handler.call(ctx(LITTLE_ENDIAN), opnum, stub));
    }

    private int fault(int opnum, String stubHex) {
        return assertThrows(RpcFaultException.class, () -> handler.call(ctx(LITTLE_ENDIAN), opnum, Vectors.hex(stubHex))).status();
    }

    @Test
    void echoesTheDataBack() throws Exception {
        assertEquals(Vectors.hex(Vectors.load("echo_response_n5")), call(0, Vectors.load("echo_request_n5")));
        assertEquals(Vectors.hex(Vectors.load("echo_response_n5")), call(0, Vectors.load("echo_request_n5.impacket")));
        assertEquals(Vectors.hex(Vectors.load("echo_response_n0")), call(0, Vectors.load("echo_request_n0")));
    }

    @Test
    void addsTwoAndThree() throws Exception {
        assertEquals(Vectors.hex(Vectors.load("add_response")), call(1, Vectors.load("add_request.impacket")));
    }

    @Test
    void addWrapsAroundLikeACLong() throws Exception {
        byte[] stub = NdrCodec.of(AddRequest.class).encode(new AddRequest(Integer.MAX_VALUE, 1));
        assertEquals(Vectors.hex(Vectors.load("add_response_wrap")), call(1, stub));
        byte[] negative = NdrCodec.of(AddRequest.class).encode(new AddRequest(Integer.MIN_VALUE, -1));
        assertEquals("ffffff7f00000000", call(1, negative));
    }

    @Test
    void sleepsForTheRequestedTime() throws Exception {
        long start = System.nanoTime();
        assertEquals(Vectors.hex(Vectors.load("sleep_response")), call(2, Vectors.load("sleep_request")));
        assertTrue(System.nanoTime() - start >= 10_000_000L, "slept at least 10 ms");
    }

    @Test
    void refusesSleepsOverSixtySecondsWithInvalidParameterWithoutSleeping() throws Exception {
        long start = System.nanoTime();
        assertEquals("57000000", call(2, Vectors.hex("61ea0000")));          // 60 001 ms
        assertEquals("57000000", call(2, Vectors.hex("ffffffff")));          // 4 294 967 295 ms: unsigned, not -1
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "did not sleep");
    }

    @Test
    void interruptedSleepReturnsOperationAborted() throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(call(2, Vectors.hex("60ea0000")));                 // 60 000 ms: accepted
            } catch (RpcFaultException e) {
                result.set(e.toString());
            }
        });
        Thread.sleep(50);
        t.interrupt();
        t.join(5_000);
        assertEquals("e3030000", result.get());                              // 995
    }

    @Test
    void decodesABigEndianCallerAndAnswersLittleEndian() throws Exception {
        assertEquals(Vectors.hex(Vectors.load("echo_response_n5")),
                Vectors.hex(handler.call(ctx(BIG_ENDIAN), 0, Vectors.load("echo_request_n5.be"))));
        assertEquals(Vectors.hex(Vectors.load("add_response")), Vectors.hex(handler.call(ctx(BIG_ENDIAN), 1, Vectors.load("add_request.be"))));
    }

    @Test
    void ignoresPaddingAfterTheLastParameter() throws Exception {
        assertEquals(Vectors.hex(Vectors.load("add_response")), call(1, Vectors.hex("02000000 03000000 abababababababab")));
    }

    @Test
    void faultsNdrOnATruncatedEchoStub() {
        assertEquals(0x6f7, fault(0, "05000000 05000000 010203"));
        assertEquals(0x6f7, fault(0, "05000000"));
        assertEquals(0x6f7, fault(0, ""));
    }

    @Test
    void faultsNdrWhenMaxCountDisagreesWithN() {
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(0, "04000000 05000000 0102030405"));
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(0, "05000000 04000000 01020304"));
    }

    @Test
    void faultsNdrOnCountsLargerThanTheStubWithoutAllocating() {
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(0, "ffffff7f ffffff7f 01"));    // 2^31 - 1
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(0, "00000080 00000080 01"));    // 2^31
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(0, "ffffffff ffffffff"));
    }

    @Test
    void faultsNdrOnShortAddAndSleepStubs() {
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(1, "02000000 030000"));
        assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, fault(2, "0a00"));
    }

    @Test
    void faultsOpRangeForOpnumsPastSleepWhenCalledDirectly() {
        assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, fault(3, ""));
    }

    @Test
    void sizesTheEchoResponseFromTheRequestNotTheImplementation() {
        Dcom4jEcho shortAnswer = new DefaultDcom4jEcho();
        Dcom4jEchoServer broken = new Dcom4jEchoServer(new Dcom4jEcho() {
            @Override
            public EchoResponse echo(EchoRequest request) {
                return EchoResponse.of(new byte[request.n() + 1], 0);
            }

            @Override
            public AddResponse add(AddRequest request) {
                return shortAnswer.add(request);
            }

            @Override
            public SleepResponse sleep(SleepRequest request) {
                return shortAnswer.sleep(request);
            }
        });
        // A server bug, not the caller's: the runtime turns it into nca_s_fault_unspec.
        assertThrows(NdrException.class, () -> broken.call(ctx(LITTLE_ENDIAN), 0, Vectors.load("echo_request_n5")));
    }
}
