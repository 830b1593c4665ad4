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

/**
 * One conformance body for every transport (STYLE.md rule 7): binding, calls, fragmentation both
 * ways, alter_context, association groups, and the connection-level parts of issue 3's "Bad input"
 * list, each asserting the fault or disconnect and then that the server still serves a new client.
 * Protocol-level bad input lives in {@link AbstractBadInputTest}.
 */
abstract class AbstractConformanceTest extends AbstractServerTest {
    @Test
    void bindsAndEchoes() throws IOException {
        try (RawClient c = connect()) {
            PduBody.BindAck ack = c.bind(4280, 0, ECHO);
            assertEquals(List.of(ContextResult.accepted(SyntaxId.NDR20)), ack.results());
            assertEquals(4280, ack.maxXmitFrag());
            assertEquals(endpoint, ack.secondaryAddress());
            assertTrue(ack.assocGroupId() != 0);
            assertArrayEquals(new byte[] {9, 8, 7}, (byte[]) c.call(0, 0, null, new byte[] {9, 8, 7}, 4280));
        }
    }

    /** What the handler sees as the caller's uid:gid; "none" on transports without kernel credentials. */
    String expectedPeerCredentials() throws IOException {
        return "none";
    }

    @Test
    void reportsDistancePeerAndObjectUuidToTheHandler() throws IOException {
        UUID object = UUID.fromString("11223344-5566-7788-99aa-bbccddeeff00");
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            String s = new String((byte[]) c.call(0, 1, object, new byte[0], 4280), StandardCharsets.US_ASCII);
            String peer = expectedPeerCredentials();
            // The connection's token: the kernel's uid on ncalrpc, ANONYMOUS LOGON on TCP (no authentication yet).
            String token = peer.equals("none") ? "NT AUTHORITY\\ANONYMOUS LOGON" : "uid=" + peer.substring(0, peer.indexOf(':'));
            assertEquals(transport().distance() + " " + object + " " + peer + " " + token, s);
        }
    }

    @Test
    void reassemblesFragmentedRequestsAndFragmentsResponses() throws IOException {
        byte[] big = new byte[20_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (RawClient c = connect()) {
            assertEquals(2048, c.bind(2048, 0, ECHO).maxRecvFrag());
            assertArrayEquals(big, (byte[]) c.call(0, 0, null, big, 2048));
        }
    }

    @Test
    void alterContextAddsContextsAndRefusesNdr64() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            c.send(Pdu.of(FIRST_LAST, 7, new PduBody.Bind(true, 4280, 4280, 0, List.of(
                    new ContextElement(1, ECHO, List.of(SyntaxId.NDR64, SyntaxId.NDR20)),
                    new ContextElement(2, ECHO, List.of(SyntaxId.NDR64)),
                    new ContextElement(3, UNKNOWN, List.of(SyntaxId.NDR20))))));
            PduBody.BindAck resp = (PduBody.BindAck) c.read().body();
            assertTrue(resp.alterContext());
            assertEquals(List.of(ContextResult.accepted(SyntaxId.NDR20),
                    ContextResult.rejected(ContextResult.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED),
                    ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED)), resp.results());
            assertArrayEquals(new byte[] {5}, (byte[]) c.call(1, 0, null, new byte[] {5}, 4280));
            PduBody.Fault f = (PduBody.Fault) c.call(2, 0, null, new byte[] {5}, 4280);
            assertEquals(FaultStatus.NCA_S_UNK_IF, f.status());
        }
    }

    @Test
    void answersBindTimeFeatureNegotiation() throws IOException {
        try (RawClient c = connect()) {
            c.send(Pdu.of(FIRST_LAST, 1, new PduBody.Bind(false, 4280, 4280, 0, List.of(
                    new ContextElement(0, ECHO, List.of(SyntaxId.NDR20)),
                    new ContextElement(1, ECHO, List.of(SyntaxId.bindTimeFeatures(0x03)))))));
            PduBody.BindAck ack = (PduBody.BindAck) c.read().body();
            assertEquals(new ContextResult(ContextResult.NEGOTIATE_ACK, 0x02, SyntaxId.NULL), ack.results().get(1));
        }
    }

    @Test
    void twoConnectionsShareAnAssociationGroup() throws IOException {
        try (RawClient a = connect(); RawClient b = connect()) {
            int group = a.bind(4280, 0, ECHO).assocGroupId();
            assertEquals(group, b.bind(4280, group, ECHO).assocGroupId());
            assertEquals(1, server.associationGroupCount());
            assertArrayEquals(new byte[] {1}, (byte[]) b.call(0, 0, null, new byte[] {1}, 4280));
        }
    }

    @Test
    void refusesUnknownAssociationGroup() throws IOException {
        try (RawClient c = connect()) {
            c.send(Pdu.of(FIRST_LAST, 1, new PduBody.Bind(false, 4280, 4280, 0x7777, List.of(new ContextElement(0, ECHO, List.of(SyntaxId.NDR20))))));
            assertEquals(PduBody.BindNak.REASON_NOT_SPECIFIED, ((PduBody.BindNak) c.read().body()).rejectReason());
            assertNull(c.read());
        }
        assertServesAnotherClient();
    }

    @Test
    void faultsUnknownInterfaceAndOpnumOutOfRange() throws IOException {
        try (RawClient c = connect()) {
            assertEquals(List.of(ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED)), c.bind(4280, 0, UNKNOWN).results());
            assertEquals(FaultStatus.NCA_S_UNK_IF, ((PduBody.Fault) c.call(0, 0, null, new byte[0], 4280)).status());
        }
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, ((PduBody.Fault) c.call(0, 4, null, new byte[0], 4280)).status());
            assertEquals(0x1234, ((PduBody.Fault) c.call(0, 2, null, new byte[0], 4280)).status());
            assertArrayEquals(new byte[] {4}, (byte[]) c.call(0, 0, null, new byte[] {4}, 4280), "connection stays usable after call faults");
        }
    }

    @Test
    void dropsAnOrphanedCallAndKeepsTheConnection() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            c.send(Pdu.of(PfcFlags.FIRST_FRAG, 40, new PduBody.Request(16, 0, 0, null, new byte[8])));
            c.send(Pdu.of(FIRST_LAST, 40, new PduBody.Orphaned()));
            assertArrayEquals(new byte[] {3}, (byte[]) c.call(0, 0, null, new byte[] {3}, 4280));
        }
    }

    @Test
    void sendsNoResponseToMaybeCalls() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            c.send(Pdu.of(FIRST_LAST | PfcFlags.MAYBE, 50, new PduBody.Request(1, 0, 0, null, new byte[] {1})));
            c.send(Pdu.of(FIRST_LAST, 51, new PduBody.Request(1, 0, 0, null, new byte[] {2})));
            Pdu next = c.read();
            assertEquals(51, next.callId(), "the first PDU back answers the second call");
        }
    }

    @Test
    void servesConcurrentClients() throws Exception {
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                byte id = (byte) i;
                done.add(pool.submit(() -> {
                    try (RawClient c = connect()) {
                        c.bind(2048, 0, ECHO);
                        for (int k = 0; k < 20; k++) {
                            byte[] stub = new byte[3000];
                            java.util.Arrays.fill(stub, id);
                            assertArrayEquals(stub, (byte[]) c.call(0, 0, null, stub, 2048));
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
    }

    @Test
    void closesIdleConnections() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            long t0 = System.nanoTime();
            assertNull(c.read());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        }
        assertServesAnotherClient();
    }

    @Test
    void closesHeaderOnlyConnections() throws IOException {
        try (RawClient c = connect()) {
            c.sendRaw(new byte[] {5, 0, 11}); // three bytes of a header, then nothing
            assertNull(c.read());
        }
        assertServesAnotherClient();
    }

    @Test
    void boundsTheConnectionCount() throws Exception {
        List<RawClient> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                RawClient c = connect();
                c.bind(4280, 0, ECHO);
                held.add(c);
            }
            try (RawClient extra = connect()) {
                assertNull(extra.read(), "the seventh connection is closed at once");
            }
        } finally {
            for (RawClient c : held) {
                c.close();
            }
        }
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (server.connectionCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertServesAnotherClient();
    }

    @Test
    void shutsDownGracefullyFinishingTheCallInFlight() throws Exception {
        try (RawClient idle = connect(); RawClient busy = connect()) {
            idle.bind(4280, 0, ECHO);
            busy.bind(4280, 0, ECHO);
            int callId = busy.nextCallId();
            busy.send(Pdu.of(FIRST_LAST, callId, new PduBody.Request(2, 0, 3, null, new byte[] {4, 2})));
            // wait until the handler really runs (a fixed sleep raced with a loaded machine: the call was
            // not yet executing, so close() treated its connection as idle and no response came)
            assertTrue(sleeping.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS), "the call started executing");
            server.close();
            Pdu response = busy.read();
            assertArrayEquals(new byte[] {4, 2}, ((PduBody.Response) response.body()).stub(), "the executing call completes");
            assertEquals(callId, response.callId());
            assertNull(busy.read(), "then its connection closes");
            assertNull(idle.read(), "idle connections are closed at shutdown");
        }
        assertTrue(transportRefusesNewConnections());
    }

    private boolean transportRefusesNewConnections() {
        try (RawClient c = connect()) {
            c.sendRaw(new byte[] {5});
            return c.read() == null;
        } catch (IOException refused) {
            return true;
        }
    }
}
