package org.dcom4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 "Bad input", the PDU items: each test asserts the refusal (bind_nak, or a fault
 * nca_s_proto_error followed by a disconnect, or a documented leniency) and then that the server
 * still serves another client.
 */
abstract class AbstractBadInputTest extends AbstractServerTest {
    private static byte[] impacketBind() {
        return PduCodec.encode(Pdu.of(FIRST_LAST, 1, new PduBody.Bind(false, 4280, 4280, 0,
                List.of(new ContextElement(0, ECHO, List.of(SyntaxId.NDR20))))));
    }

    private static byte[] request(int flags, int callId, int allocHint, byte[] stub) {
        return PduCodec.encode(Pdu.of(flags, callId, new PduBody.Request(allocHint, 0, 0, null, stub)));
    }

    private void assertBindNak(byte[] bind, int reason) throws IOException {
        try (RawClient c = connect()) {
            c.sendRaw(bind);
            Pdu p = c.read();
            assertEquals(reason, ((PduBody.BindNak) p.body()).rejectReason());
            assertEquals(List.of(0x0500), ((PduBody.BindNak) p.body()).versions());
            assertNull(c.read());
        }
        assertServesAnotherClient();
    }

    /** Binds, sends {@code bytes}, expects the proto_error fault and the disconnect. */
    private void assertProtocolErrorAfterBind(byte[]... bytes) throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            for (byte[] b : bytes) {
                c.sendRaw(b);
            }
            assertProtocolErrorThenClosed(c);
        }
        assertServesAnotherClient();
    }

    @Test
    void refusesRpcVersionOtherThan5() throws IOException {
        byte[] b = impacketBind();
        b[0] = 4;
        assertBindNak(b, PduBody.BindNak.PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    @Test
    void refusesMinorVersionAbove1() throws IOException {
        byte[] b = impacketBind();
        b[1] = 2;
        assertBindNak(b, PduBody.BindNak.PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    @Test
    void refusesBadDrep() throws IOException {
        byte[] b = impacketBind();
        b[4] = 0x20; // integer representation 2 does not exist
        assertBindNak(b, PduBody.BindNak.REASON_NOT_SPECIFIED);
    }

    @Test
    void refusesBindWithoutFirstAndLastFragment() throws IOException {
        byte[] b = impacketBind();
        b[3] = PfcFlags.FIRST_FRAG;
        assertBindNak(b, PduBody.BindNak.REASON_NOT_SPECIFIED);
    }

    @Test
    void ignoresTheUndefinedPfcFlagAsWindowsDoes() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            c.sendRaw(request(FIRST_LAST | PfcFlags.RESERVED_1, 9, 1, new byte[] {6}));
            assertArrayEquals(new byte[] {6}, ((PduBody.Response) c.read().body()).stub());
        }
        assertServesAnotherClient();
    }

    @Test
    void closesOnAuthLengthLargerThanTheFragment() throws IOException {
        byte[] r = request(FIRST_LAST, 9, 4, new byte[] {1, 2, 3, 4});
        r[10] = 100;
        assertProtocolErrorAfterBind(r);
    }

    @Test
    void closesOnFragLengthSmallerThanTheHeader() throws IOException {
        byte[] r = request(FIRST_LAST, 9, 4, new byte[] {1, 2, 3, 4});
        r[8] = 10;
        assertProtocolErrorAfterBind(java.util.Arrays.copyOf(r, 16));
    }

    @Test
    void closesOnFragLengthLargerThanNegotiated() throws IOException {
        byte[] r = request(FIRST_LAST, 9, 5000, new byte[5000]); // 5024 > negotiated 4280
        assertProtocolErrorAfterBind(java.util.Arrays.copyOf(r, 16));
    }

    @Test
    void refusesRequestWithoutFirstFragment() throws IOException {
        assertProtocolErrorAfterBind(request(PfcFlags.LAST_FRAG, 9, 4, new byte[4]));
    }

    @Test
    void refusesSecondFirstFragmentOnAnOpenCall() throws IOException {
        assertProtocolErrorAfterBind(request(PfcFlags.FIRST_FRAG, 9, 16, new byte[8]), request(PfcFlags.FIRST_FRAG, 9, 8, new byte[8]));
    }

    @Test
    void refusesInterleavedFragmentedCallsWithoutConcMpx() throws IOException {
        assertProtocolErrorAfterBind(request(PfcFlags.FIRST_FRAG, 9, 16, new byte[8]), request(PfcFlags.FIRST_FRAG, 10, 16, new byte[8]));
    }

    @Test
    void neverAllocatesFromAHugeAllocHint() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            c.sendRaw(request(FIRST_LAST, 9, 0xFFFFFFFF, new byte[] {7}));
            assertArrayEquals(new byte[] {7}, ((PduBody.Response) c.read().body()).stub());
        }
        assertServesAnotherClient();
    }

    @Test
    void faultsAndClosesWhenTheReassembledStubExceedsTheLimit() throws IOException {
        try (RawClient c = connect()) {
            c.bind(4280, 0, ECHO);
            byte[] part = new byte[4096];
            int sent = 0;
            c.sendRaw(request(PfcFlags.FIRST_FRAG, 9, 0, part));
            for (sent = part.length; sent <= 64 * 1024; sent += part.length) {
                c.sendRaw(request(0, 9, 0, part));
            }
            Pdu p = c.read();
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, ((PduBody.Fault) p.body()).status());
            assertNull(c.read());
        }
        assertServesAnotherClient();
    }

    @Test
    void negotiatesLegalFragmentSizes() throws IOException {
        int[][] cases = {{0, 2048}, {3199, 3192}, {0xFFFF, 5840}, {4280, 4280}};
        for (int[] k : cases) {
            try (RawClient c = connect()) {
                PduBody.BindAck ack = c.bind(k[0], 0, ECHO);
                assertEquals(k[1], ack.maxXmitFrag(), "max_xmit for " + k[0]);
                assertEquals(k[1], ack.maxRecvFrag(), "max_recv for " + k[0]);
                assertArrayEquals(new byte[3000], (byte[]) c.call(0, 0, null, new byte[3000], k[1]));
            }
        }
        assertServesAnotherClient();
    }

    private static java.nio.ByteBuffer bigEndianHeader(int ptype, int fragLength, int callId) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(fragLength); // big-endian by default
        return b.put((byte) 5).put((byte) 0).put((byte) ptype).put((byte) FIRST_LAST).putInt(0) // drep 00 00 00 00
                .putShort((short) fragLength).putShort((short) 0).putInt(callId);
    }

    private static void putSyntax(java.nio.ByteBuffer b, SyntaxId s) {
        b.putLong(s.uuid().getMostSignificantBits()).putLong(s.uuid().getLeastSignificantBits()).putInt(s.major() | s.minor() << 16);
    }

    @Test
    void servesBigEndianPeers() throws IOException {
        try (RawClient c = connect()) {
            java.nio.ByteBuffer bind = bigEndianHeader(11, 72, 1).putShort((short) 4280).putShort((short) 4280).putInt(0)
                    .put((byte) 1).put(new byte[3]).putShort((short) 0).put((byte) 1).put((byte) 0);
            putSyntax(bind, ECHO);
            putSyntax(bind, SyntaxId.NDR20);
            c.sendRaw(bind.array());
            PduBody.BindAck ack = (PduBody.BindAck) c.read().body();
            assertEquals(4280, ack.maxRecvFrag());
            assertEquals(List.of(org.dcom4j.rpc.pdu.ContextResult.accepted(SyntaxId.NDR20)), ack.results());
            java.nio.ByteBuffer req = bigEndianHeader(0, 28, 2).putInt(4).putShort((short) 0).putShort((short) 0).putInt(0x01020304);
            c.sendRaw(req.array());
            Pdu response = c.read();
            assertEquals(2, response.callId());
            assertArrayEquals(new byte[] {1, 2, 3, 4}, ((PduBody.Response) response.body()).stub(), "stub bytes pass through unconverted");
        }
        assertServesAnotherClient();
    }

    @Test
    void refusesRequestBeforeBind() throws IOException {
        try (RawClient c = connect()) {
            c.sendRaw(request(FIRST_LAST, 1, 1, new byte[1]));
            assertNull(c.read());
        }
        assertServesAnotherClient();
    }
}
