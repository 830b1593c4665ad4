package org.dcom4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.dcom4j.rpc.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts a server with a test interface on the subclass's transport; short timeouts and limits for tests. */
abstract class AbstractServerTest {
    static final SyntaxId ECHO = new SyntaxId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
    static final SyntaxId UNKNOWN = new SyntaxId(UUID.fromString("00000000-1111-2222-3333-444444444444"), 1, 0);
    static final int FIRST_LAST = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;

    RpcServer server;
    String endpoint;
    /** Released when a call to opnum 3 (the sleeping one) has started executing. */
    final java.util.concurrent.Semaphore sleeping = new java.util.concurrent.Semaphore(0);

    abstract Transport transport();

    abstract String host();

    RpcServerConfig config() {
        return RpcServerConfig.defaults().withTimeouts(Duration.ofMillis(700), Duration.ofMillis(300)).withMaxConnections(6)
                .withMaxStubLength(64 * 1024);
    }

    @BeforeEach
    void start() throws IOException {
        // Names ncalrpc callers by their kernel uid, as rpcss does with LocalAccounts; TCP callers stay anonymous.
        server = new RpcServer(config(), (distance, peer) -> peer == null ? CallerTokens.anonymous(distance)
                : org.dcom4j.security.Token.of("uid=" + peer.uid(), org.dcom4j.security.Sid.of(5, 21, 9, 9, 9, 1000 + 2 * peer.uid()),
                        java.util.List.of()),
                // These tests are about the protocol, not the policy: every interface admits anonymous callers.
                RpcSecurity.defaults().withPolicy((id, declared) -> declared.withAllowAnonymous(true)));
        server.register(new RpcInterface(new InterfaceId(ECHO.uuid(), 1, 0), 4, (ctx, opnum, stub) -> switch (opnum) {
            case 0 -> stub;
            case 3 -> {
                sleeping.release(); // the call is executing now (RpcServer counts it as in flight)
                sleep(300);
                yield stub;
            }
            case 1 -> (ctx.distance() + " " + ctx.object() + " " + ctx.peerCredentials().map(p -> p.uid() + ":" + p.gid()).orElse("none")
                    + " " + ctx.token().name())
                    .getBytes(StandardCharsets.US_ASCII);
            default -> throw new RpcFaultException(0x1234, "test fault");
        }));
        endpoint = server.listen(transport(), endpoint());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String endpoint() {
        return "0";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RawClient connect() throws IOException {
        return new RawClient(transport().connect(host(), endpoint));
    }

    /** A fresh client binds and echoes: the server survived whatever the test did. */
    void assertServesAnotherClient() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) c.call(0, 0, null, new byte[] {1, 2, 3}, 4280));
        }
    }

    static void assertProtocolErrorThenClosed(RawClient c) throws IOException {
        Pdu p = c.read();
        PduBody.Fault f = assertInstanceOf(PduBody.Fault.class, p == null ? null : p.body(), "expected a fault, got " + p);
        assertEquals(FaultStatus.NCA_S_PROTO_ERROR, f.status());
        assertTrue(p.has(PfcFlags.DID_NOT_EXECUTE));
        assertNull(c.read(), "connection should be closed");
    }
}
