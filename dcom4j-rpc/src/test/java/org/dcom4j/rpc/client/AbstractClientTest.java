package org.dcom4j.rpc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.ndr.Named;
import org.dcom4j.ndr.NdrParameter;
import org.dcom4j.ndr.NdrParameterCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.RpcStubHandler;
import org.dcom4j.rpc.epm.EndpointMapper;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.transport.Connection;
import org.dcom4j.rpc.transport.Listener;
import org.dcom4j.rpc.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the real {@link RpcServer} in-process; one body for every transport (STYLE rule 7):
 * {@link TcpClientTest} and {@link UnixClientTest}.
 */
abstract class AbstractClientTest {
    static final InterfaceId ECHO = new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
    static final InterfaceId ADDER = new InterfaceId(UUID.fromString("0c5b8f3e-33a1-4d5c-9d0e-6a2b7f1e2d4c"), 1, 0);
    static final InterfaceId REVERSER = new InterfaceId(UUID.fromString("5d2c7a90-1b3e-4f6a-8c9d-0e1f2a3b4c5d"), 1, 0);
    static final InterfaceId UNKNOWN = new InterfaceId(UUID.fromString("00000000-1111-2222-3333-444444444444"), 1, 0);
    static final int SLEEP_MS = 1000;

    /** Dcom4jEcho.Add's parameters: {@code [in] long a, [in] long b}. */
    @NdrParameters
    record AddRequest(int a, int b) {
    }

    /** Dcom4jEcho.Add's results: {@code [out] long *sum} (top-level [ref]: no wire form) and the return value. */
    @NdrParameters
    record AddResponse(int sum, int result) {
    }

    RpcServer server;
    String endpoint;

    abstract Transport transport();

    /** The endpoint to listen on: "0" for TCP, a socket name for ncalrpc. */
    abstract String listenEndpoint(String name);

    /** The string binding of {@code endpoint} (null: none) on this transport. */
    abstract String binding(String endpoint);

    RpcClientConfig config() {
        return RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    RpcClient client() {
        return new RpcClient(config());
    }

    @BeforeEach
    void start() throws IOException {
        server = new RpcServer(RpcServerConfig.defaults(), org.dcom4j.rpc.CallerTokens.ANONYMOUS,
                org.dcom4j.rpc.RpcSecurity.defaults().withPolicy((id, declared) -> declared.withAllowAnonymous(true)));
        server.register(new RpcInterface(ECHO, 4, (ctx, opnum, stub) -> switch (opnum) {
            case 0 -> stub;
            case 1 -> (ctx.object() + " " + ctx.callId()).getBytes(StandardCharsets.US_ASCII);
            case 3 -> {
                sleep(SLEEP_MS);
                yield stub;
            }
            default -> throw new RpcFaultException(0x1234, "test fault");
        }));
        server.register(new RpcInterface(ADDER, 1, (ctx, opnum, stub) -> {
            AddRequest q = NdrCodec.of(AddRequest.class).decode(stub, drep(ctx), NdrLimits.DEFAULT);
            return NdrCodec.of(AddResponse.class).encode(new AddResponse(q.a() + q.b(), 0));
        }));
        server.register(new RpcInterface(REVERSER, 2, new RpcStubHandler() { // reads where the stub lies, writes the runtime's buffer
            @Override
            public void call(CallContext ctx, int opnum, byte[] stub, int offset, int length, NdrBuffer response) throws RpcFaultException {
                for (int i = offset + length - 1; i >= offset; i--) {
                    response.put8(stub[i]);
                }
                if (opnum == 1) {
                    throw new RpcFaultException(0x4321, "after writing");
                }
            }
        }));
        EndpointMapper epm = new EndpointMapper(); // the real one from org.dcom4j.rpc.epm, on the same server
        server.register(epm.rpcInterface());
        endpoint = server.listen(transport(), listenEndpoint("client-test"));
        epm.register(ECHO, null, tower(endpoint), "echo");
    }

    /** The tower this transport registers {@link #ECHO} with. */
    abstract org.dcom4j.rpc.epm.Tower tower(String endpoint);

    private static DataRepresentation drep(CallContext ctx) {
        int d = ctx.drep();
        return DataRepresentation.of(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), 0, 0}, 0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RpcBinding bindEcho() throws IOException {
        return client().bind(binding(endpoint), ECHO);
    }

    @Test
    void shouldNotKeepTheDeadlinesOfFinishedCalls() throws IOException {
        try (RpcBinding b = bindEcho()) {
            for (int i = 0; i < 2000; i++) {
                b.call(0, new byte[] {1});
            }
            // Each call scheduled a deadline and cancelled it; none may wait out its timeout in the queue.
            assertTrue(Deadlines.pending() < 50, "pending deadlines: " + Deadlines.pending());
        }
    }

    @Test
    void shouldRoundTripARawStub() throws IOException {
        try (RpcBinding b = bindEcho()) {
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, b.call(0, new byte[] {1, 2, 3, 4, 5}));
            assertArrayEquals(new byte[0], b.call(0, new byte[0]));
            assertEquals(5840, b.maxXmitFrag());
            assertTrue(b.assocGroupId() != 0);
        }
    }

    @Test
    void shouldFragmentLargeStubsBothWaysAtTheSmallestFragmentSize() throws IOException {
        byte[] stub = new byte[20_000];
        new Random(7).nextBytes(stub);
        try (RpcBinding b = new RpcClient(config().withMaxFrag(2048)).bind(binding(endpoint), ECHO)) {
            assertEquals(2048, b.maxXmitFrag());
            assertArrayEquals(stub, b.call(0, stub));
            assertArrayEquals(stub, b.withObject(UUID.randomUUID()).call(0, stub)); // 40-byte headers
        }
    }

    @Test
    void shouldTurnAFaultIntoAnExceptionWithItsStatusAndKeepTheBinding() throws IOException {
        try (RpcBinding b = bindEcho()) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(2, new byte[] {1}));
            assertEquals(0x1234, e.status());
            assertFalse(e.didNotExecute());
            assertTrue(e.getMessage().contains("fault 0x00001234"), e.getMessage());
            assertArrayEquals(new byte[] {9}, b.call(0, new byte[] {9}));
        }
    }

    @Test
    void shouldNameNcaSOpRngErrorForAnOpnumOutOfRange() throws IOException {
        try (RpcBinding b = bindEcho()) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(9, new byte[0]));
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, e.status());
            assertTrue(e.didNotExecute());
            assertTrue(e.getMessage().contains("nca_s_op_rng_error (0x1c010002)"), e.getMessage());
        }
    }

    @Test
    void shouldRejectAnUnknownInterfaceAtBind() {
        RpcBindException e = assertThrows(RpcBindException.class, () -> client().bind(binding(endpoint), UNKNOWN));
        assertFalse(e.isBindNak());
        assertEquals(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("abstract_syntax_not_supported"), e.getMessage());
    }

    @Test
    void shouldAddASecondInterfaceByAlterContextOnTheSameConnection() throws IOException {
        try (RpcBinding echo = bindEcho()) {
            RpcBinding adder = echo.forInterface(ADDER);
            assertEquals(new AddResponse(5, 0), adder.call(0, new AddRequest(2, 3), AddResponse.class));
            assertArrayEquals(new byte[] {7}, echo.call(0, new byte[] {7}));
            assertEquals(new AddResponse(-1, 0), adder.call(0, new AddRequest(-4, 3), AddResponse.class));
            assertEquals(1, server.connectionCount());
            RpcBindException e = assertThrows(RpcBindException.class, () -> echo.forInterface(UNKNOWN));
            assertEquals(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, e.reason());
            assertArrayEquals(new byte[] {8}, echo.call(0, new byte[] {8})); // a refused context leaves the connection
        }
    }

    @Test
    void shouldDeliverTheObjectUuidOfTheStringBinding() throws IOException {
        UUID object = UUID.fromString("11111111-2222-3333-4444-555555555555");
        try (RpcBinding b = client().bind(object + "@" + binding(endpoint), ECHO)) {
            assertEquals(object, b.object().orElseThrow());
            assertTrue(new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII).startsWith(object + " "));
            assertTrue(new String(b.withObject(null).call(1, new byte[0]), StandardCharsets.US_ASCII).startsWith("null "));
        }
    }

    @Test
    void shouldTimeOutASlowCallAndReconnectForTheNext() throws IOException {
        try (RpcBinding b = bindEcho()) {
            RpcBinding impatient = b.withCallTimeout(Duration.ofMillis(200));
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> impatient.call(3, new byte[] {1}));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 150 && ms < SLEEP_MS, "timed out after " + ms + " ms");
            assertTrue(e.getMessage().contains("timeout=200 ms"), e.getMessage());
            assertArrayEquals(new byte[] {2}, impatient.call(0, new byte[] {2}));
        }
    }

    @Test
    void shouldTimeOutABindThatIsNeverAnswered() throws IOException {
        try (Listener silent = transport().listen(listenEndpoint("silent"))) {
            RpcClient client = new RpcClient(config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> client.bind(binding(silent.endpoint()), ECHO));
            assertTrue(e.getMessage().startsWith("bind timed out"), e.getMessage());
        }
    }

    @Test
    void shouldNameTheReasonOfABindNak() throws Exception {
        try (Listener nak = transport().listen(listenEndpoint("nak"))) {
            Thread t = Thread.ofVirtual().start(() -> answerOnce(nak, PduBody.BindNak.TEMPORARY_CONGESTION));
            RpcBindException e = assertThrows(RpcBindException.class, () -> client().bind(binding(nak.endpoint()), ECHO));
            assertTrue(e.isBindNak());
            assertEquals(PduBody.BindNak.TEMPORARY_CONGESTION, e.reason());
            assertTrue(e.getMessage().contains("temporary_congestion (1)"), e.getMessage());
            t.join(5000);
        }
    }

    private static void answerOnce(Listener listener, int reason) {
        try (Connection c = listener.accept()) {
            byte[] h = new byte[PduHeader.LENGTH];
            c.readFully(h, 0, h.length);
            byte[] rest = new byte[PduHeader.decode(h, 0xFFFF).fragLength() - PduHeader.LENGTH];
            c.readFully(rest, 0, rest.length);
            int callId = (h[12] & 0xFF) | (h[13] & 0xFF) << 8;
            byte[] nak = PduCodec.encode(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, callId, new PduBody.BindNak(reason, List.of(0x0500))));
            c.write(nak, 0, nak.length);
            c.readFully(h, 0, 1); // until the client closes
        } catch (IOException e) {
            // the client closed: done
        }
    }

    @Test
    void shouldDecodeAResponseInTheServersBigEndianDataRepresentation() throws Exception {
        try (Listener big = transport().listen(listenEndpoint("big-endian"))) {
            Thread t = Thread.ofVirtual().start(() -> answerBigEndian(big));
            try (RpcBinding b = new RpcClient(config().withNegotiateFeatures(false)).bind(binding(big.endpoint()), ADDER)) {
                // the response stub is decoded where it lies, in the drep of its header (C706 14.1)
                assertEquals(new AddResponse(0x01020304, -2), b.call(0, new AddRequest(1, 2), AddResponse.class));
            }
            t.join(5000);
        }
    }

    /** Accepts one binding, then answers its one request in big-endian drep: sum 0x01020304, result -2. */
    private static void answerBigEndian(Listener listener) {
        try (Connection c = listener.accept()) {
            Pdu bind = PduCodec.decode(readFragment(c));
            byte[] ack = PduCodec.encode(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, bind.callId(),
                    new PduBody.BindAck(false, 4280, 4280, 0x1234, "", List.of(new ContextResult(ContextResult.ACCEPTANCE, 0,
                            org.dcom4j.rpc.pdu.SyntaxId.NDR20)))));
            c.write(ack, 0, ack.length);
            Pdu request = PduCodec.decode(readFragment(c));
            java.nio.ByteBuffer r = java.nio.ByteBuffer.allocate(32); // big-endian, like the drep 00 00 00 00 below
            r.put(new byte[] {5, 0, 2, 3, 0, 0, 0, 0}).putShort((short) 32).putShort((short) 0).putInt(request.callId());
            r.putInt(8).putShort((short) 0).put((byte) 0).put((byte) 0).putInt(0x01020304).putInt(-2);
            c.write(r.array(), 0, 32);
            c.readFully(new byte[1], 0, 1); // until the client closes
        } catch (IOException e) {
            // the client closed: done
        }
    }

    private static byte[] readFragment(Connection c) throws IOException {
        byte[] h = new byte[PduHeader.LENGTH];
        c.readFully(h, 0, h.length);
        byte[] frag = java.util.Arrays.copyOf(h, PduHeader.decode(h, 0xFFFF).fragLength());
        c.readFully(frag, PduHeader.LENGTH, frag.length - PduHeader.LENGTH);
        return frag;
    }

    @Test
    void shouldDecodeATypedResponseThroughNdr() throws IOException {
        try (RpcBinding b = client().bind(binding(endpoint), ADDER)) {
            assertEquals(new AddResponse(Integer.MIN_VALUE, 0), b.call(0, new AddRequest(Integer.MAX_VALUE, 1), AddResponse.class));
        }
    }

    /** A method whose parameters describe the stubs of {@link #shouldEncodeAndDecodeParameterValuesInPlaceAndReassembled}. */
    @SuppressWarnings("unused")
    private static void blob(@Named("n") int n, @Named("data") @SizeIs("n") byte[] data) {
    }

    @SuppressWarnings("unused")
    private static void fourLongs(@Named("a") int a, @Named("b") int b, @Named("c") int c, @Named("d") int d) {
    }

    private static NdrParameterCodec parametersOf(String method, Class<?>... types) throws NoSuchMethodException {
        List<NdrParameter> params = new ArrayList<>();
        for (java.lang.reflect.Parameter p : AbstractClientTest.class.getDeclaredMethod(method, types).getParameters()) {
            params.add(NdrParameter.of(p));
        }
        return NdrParameterCodec.of(params);
    }

    @Test
    void shouldEncodeAndDecodeParameterValuesInPlaceAndReassembled() throws Exception {
        NdrParameterCodec blob = parametersOf("blob", int.class, byte[].class);
        byte[] small = {7, 8, 9};
        byte[] large = new byte[10_000];
        new Random(11).nextBytes(large);
        try (RpcBinding b = new RpcClient(config().withMaxFrag(2048)).bind(binding(endpoint), ECHO)) {
            Object[] one = b.call(0, blob, new Object[] {3, small}, blob, NdrLimits.DEFAULT); // one fragment: decoded in place
            assertEquals(3, one[0]);
            assertArrayEquals(small, (byte[]) one[1]);
            Object[] many = b.call(0, blob, new Object[] {large.length, large}, blob, NdrLimits.DEFAULT); // five fragments each way
            assertEquals(large.length, many[0]);
            assertArrayEquals(large, (byte[]) many[1]);
        }
    }

    @Test
    void shouldReportAnUndecodableResponseWithItsNdrErrorAndReconnect() throws Exception {
        NdrParameterCodec blob = parametersOf("blob", int.class, byte[].class);
        NdrParameterCodec four = parametersOf("fourLongs", int.class, int.class, int.class, int.class);
        try (RpcBinding b = bindEcho()) {
            // the echo answers 4 + 4 + 5 bytes: three longs and a truncated fourth
            RpcProtocolException e = assertThrows(RpcProtocolException.class,
                    () -> b.call(0, blob, new Object[] {5, new byte[5]}, four, NdrLimits.DEFAULT));
            assertInstanceOf(NdrException.class, e.getCause());
            assertTrue(e.getMessage().startsWith("response of opnum 0 does not decode: "), e.getMessage());
            Object[] ok = b.call(0, four, new Object[] {1, 2, 3, 4}, four, NdrLimits.DEFAULT);
            assertArrayEquals(new Object[] {1, 2, 3, 4}, ok);
        }
    }

    @Test
    void shouldRefuseValuesThatDoNotEncodeWithoutSendingAnything() throws Exception {
        NdrParameterCodec blob = parametersOf("blob", int.class, byte[].class);
        try (RpcBinding b = bindEcho()) {
            assertThrows(NdrException.class, () -> b.call(0, blob, new Object[] {4, new byte[5]}, blob, NdrLimits.DEFAULT));
            assertThrows(IllegalArgumentException.class, () -> b.call(0, blob, new Object[] {4}, blob, NdrLimits.DEFAULT));
            assertArrayEquals(new byte[] {6}, b.call(0, new byte[] {6})); // the same connection, in step
        }
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void shouldServeAStubHandlerWhereTheRequestLiesAndFromReassembledFragments() throws IOException {
        byte[] large = new byte[10_000];
        new Random(5).nextBytes(large);
        byte[] small = {1, 2, 3, 4, 5, 6, 7};
        try (RpcBinding b = new RpcClient(config().withMaxFrag(2048)).bind(binding(endpoint), REVERSER)) {
            assertArrayEquals(reversed(small), b.call(0, small)); // one fragment: read in the connection's buffer
            assertArrayEquals(reversed(small), b.withObject(UUID.randomUUID()).call(0, small)); // its stub after the object UUID
            assertArrayEquals(reversed(large), b.call(0, large)); // reassembled, answered in fragments
            assertArrayEquals(new byte[0], b.call(0, new byte[0]));
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(1, small));
            assertEquals(0x4321, e.status()); // what it wrote before the fault is not sent
            assertArrayEquals(reversed(small), b.call(0, small));
        }
    }

    @Test
    void shouldNegotiateBindTimeFeaturesWhenOffered() throws IOException {
        try (RpcBinding b = bindEcho()) {
            assertEquals(Association.OFFERED_FEATURES, b.negotiatedFeatures());
        }
        try (RpcBinding b = new RpcClient(config().withNegotiateFeatures(false)).bind(binding(endpoint), ECHO)) {
            assertEquals(0, b.negotiatedFeatures());
            assertArrayEquals(new byte[] {3}, b.call(0, new byte[] {3}));
        }
    }

    @Test
    void shouldRefuseAResponseOverTheStubLimitAndRecover() throws IOException {
        try (RpcBinding b = new RpcClient(config().withMaxStubLength(10_000)).bind(binding(endpoint), ECHO)) {
            RpcProtocolException e = assertThrows(RpcProtocolException.class, () -> b.call(0, new byte[20_000]));
            assertTrue(e.getMessage().contains("limit=10000"), e.getMessage());
            assertArrayEquals(new byte[100], b.call(0, new byte[100]));
        }
        try (RpcBinding b = new RpcClient(config().withMaxStubLength(1000)).bind(binding(endpoint), ECHO)) {
            RpcProtocolException e = assertThrows(RpcProtocolException.class, () -> b.call(0, new byte[2000])); // one fragment
            assertTrue(e.getMessage().contains("limit=1000"), e.getMessage());
            assertArrayEquals(new byte[100], b.call(0, new byte[100]));
        }
    }

    @Test
    void shouldResolveAMissingEndpointThroughEptMap() throws IOException {
        RpcClient client = new RpcClient(config(), new EptMapResolver(config(), endpoint, endpoint));
        try (RpcBinding b = client.bind(binding(null), ECHO)) {
            assertEquals(endpoint, b.stringBinding().endpoint());
            assertArrayEquals(new byte[] {4}, b.call(0, new byte[] {4}));
        }
        IOException e = assertThrows(IOException.class, () -> client.bind(binding(null), ADDER));
        assertTrue(e.getMessage().contains("ept_s_not_registered (0x16c9a0d6)"), e.getMessage());
    }

    @Test
    void shouldRefuseAMissingEndpointWithoutResolver() {
        IOException e = assertThrows(IOException.class, () -> client().bind(binding(null), ECHO));
        assertTrue(e.getMessage().contains("no endpoint resolver"), e.getMessage());
    }

    @Test
    void shouldRefuseCallsAfterClose() throws IOException {
        RpcBinding b = bindEcho();
        b.call(0, new byte[1]);
        b.close();
        assertThrows(IOException.class, () -> b.call(0, new byte[1]));
    }

    @Test
    void shouldSerialiseConcurrentCallersOnOneBinding() throws Exception {
        try (RpcBinding b = bindEcho()) {
            List<Thread> threads = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
            for (int t = 0; t < 8; t++) {
                byte[] stub = new byte[3000 + t];
                new Random(t).nextBytes(stub);
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 20; i++) {
                        try {
                            if (java.util.Arrays.equals(stub, b.call(0, stub))) {
                                ok.incrementAndGet();
                            }
                        } catch (IOException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertEquals(160, ok.get());
            assertEquals(1, server.connectionCount());
        }
    }

    @Test
    void shouldServeManyCallsOnOneBindingWithIncreasingCallIds() throws IOException {
        try (RpcBinding b = bindEcho()) {
            int previous = 0;
            for (int i = 0; i < 50; i++) {
                String[] answer = new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII).split(" ");
                int callId = Integer.parseInt(answer[1]);
                assertTrue(callId > previous, "call_id " + callId + " after " + previous);
                previous = callId;
            }
            assertEquals(1, server.connectionCount());
        }
    }
}
