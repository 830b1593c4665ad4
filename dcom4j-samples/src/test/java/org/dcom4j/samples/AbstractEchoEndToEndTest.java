package org.dcom4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dcom4jEcho served by a real {@link RpcServer}, called with raw bind and request PDUs (so the bytes
 * on the wire are the test's) and through the runtime's {@link RpcClient} with the typed records. One
 * body for every transport (STYLE rule 7): the subclasses only say where to listen.
 */
abstract class AbstractEchoEndToEndTest {
    /** Small enough that the limit test stays fast; the default is 4 MiB. */
    static final int MAX_STUB = 64 * 1024;

    RpcServer server;
    String endpoint;

    abstract Transport transport();

    abstract String host();

    abstract String endpointToListen();

    /** The string binding reaching {@link #endpoint}: {@code ncacn_ip_tcp:127.0.0.1[port]} or {@code ncalrpc:[name]}. */
    abstract String stringBinding();

    RpcClientConfig clientConfig() {
        return RpcClientConfig.defaults();
    }

    @BeforeEach
    void start() throws IOException {
        server = new RpcServer(RpcServerConfig.defaults().withMaxStubLength(MAX_STUB));
        server.register(Dcom4jEchoServer.rpcInterface());
        endpoint = server.listen(transport(), endpointToListen());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RawRpcClient connect() throws IOException {
        return RawRpcClient.bind(transport().connect(host(), endpoint), 5840);
    }

    @Test
    void callsEchoAddAndSleepOnOneConnection() throws IOException {
        try (RawRpcClient c = connect()) {
            assertEquals(Vectors.hex(Vectors.load("echo_response_n5")), Vectors.hex((byte[]) c.call(0, Vectors.load("echo_request_n5"))));
            assertEquals(Vectors.hex(Vectors.load("add_response")), Vectors.hex((byte[]) c.call(1, Vectors.load("add_request"))));
            assertEquals(Vectors.hex(Vectors.load("sleep_response")), Vectors.hex((byte[]) c.call(2, Vectors.load("sleep_request"))));
        }
    }

    @Test
    void echoesTwentyThousandBytesInFragmentsBothWays() throws IOException {
        byte[] data = new byte[20_000];
        new Random(42).nextBytes(data);
        try (RawRpcClient c = RawRpcClient.bind(transport().connect(host(), endpoint), 2048)) {
            byte[] stub = (byte[]) c.call(0, NdrCodec.of(EchoRequest.class).encode(EchoRequest.of(data)));
            EchoResponse r = NdrCodec.of(EchoResponse.class).decode(stub);
            assertArrayEquals(data, r.out());
            assertEquals(0, r.status());
        }
    }

    @Test
    void echoesUpToTheStubLimitMinusEightBytes() throws IOException {
        try (RawRpcClient c = connect()) {
            byte[] largest = new byte[MAX_STUB - 8];
            byte[] stub = (byte[]) c.call(0, NdrCodec.of(EchoRequest.class).encode(EchoRequest.of(largest)));
            assertEquals(MAX_STUB - 8, NdrCodec.of(EchoResponse.class).decode(stub).out().length);
        }
        try (RawRpcClient c = connect()) {
            Object r = c.call(0, NdrCodec.of(EchoRequest.class).encode(EchoRequest.of(new byte[MAX_STUB - 7])));
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertInstanceOf(PduBody.Fault.class, r).status());
        }
    }

    @Test
    void faultsNdrOnABadStubAndKeepsServingTheConnection() throws IOException {
        try (RawRpcClient c = connect()) {
            Object r = c.call(0, Vectors.hex("05000000 ffffff7f 0102030405"));
            assertEquals(0x000006f7, assertInstanceOf(PduBody.Fault.class, r).status());
            assertEquals(Vectors.hex(Vectors.load("add_response")), Vectors.hex((byte[]) c.call(1, Vectors.load("add_request"))));
        }
    }

    @Test
    void faultsOpRangeForOpnumThree() throws IOException {
        try (RawRpcClient c = connect()) {
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, assertInstanceOf(PduBody.Fault.class, c.call(3, new byte[0])).status());
        }
    }

    @Test
    void sleepOnOneConnectionDoesNotDelayAnother() throws Exception {
        try (RawRpcClient sleeper = connect(); RawRpcClient adder = connect()) {
            CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return sleeper.call(2, Vectors.hex("f4010000"));           // 500 ms
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(50);
            long start = System.nanoTime();
            assertEquals(Vectors.hex(Vectors.load("add_response")), Vectors.hex((byte[]) adder.call(1, Vectors.load("add_request"))));
            assertTrue(System.nanoTime() - start < 400_000_000L, "Add answered while Sleep runs");
            assertEquals("00000000", Vectors.hex((byte[]) slow.get(5, TimeUnit.SECONDS)));
        }
    }

    @Test
    void runtimeClientCallsEchoAddAndSleepWithTheTypedRecords() throws IOException {
        RpcClient client = new RpcClient(clientConfig());
        try (RpcBinding b = client.bind(stringBinding(), Dcom4jEcho.INTERFACE_ID)) {
            EchoResponse echo = b.call(Dcom4jEcho.OPNUM_ECHO, EchoRequest.of(new byte[] {1, 2, 3, 4, 5}), EchoResponse.class);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, echo.out());
            assertEquals(0, echo.status());
            assertEquals(new AddResponse(Integer.MIN_VALUE, 0), b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(Integer.MAX_VALUE, 1), AddResponse.class));
            assertEquals(new SleepResponse(0), b.call(Dcom4jEcho.OPNUM_SLEEP, new SleepRequest(1), SleepResponse.class));
            assertEquals(new SleepResponse(Dcom4jEcho.ERROR_INVALID_PARAMETER),
                    b.call(Dcom4jEcho.OPNUM_SLEEP, new SleepRequest(60_001), SleepResponse.class));
        }
    }

    @Test
    void runtimeClientSeesTheNdrFault() throws IOException {
        RpcClient client = new RpcClient(clientConfig());
        try (RpcBinding b = client.bind(stringBinding(), Dcom4jEcho.INTERFACE_ID)) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(Dcom4jEcho.OPNUM_ECHO, Vectors.hex("05000000 04000000 01020304")));
            assertEquals(0x000006f7, e.status());
            assertEquals(Vectors.hex(Vectors.load("add_response")), Vectors.hex(b.call(Dcom4jEcho.OPNUM_ADD, Vectors.load("add_request"))));
        }
    }
}
