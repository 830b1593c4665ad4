package org.dcom4j.rpc.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Golden vectors in {@code src/test/resources/vectors/}, hand-made from C706 12.6 with Python struct. */
class PduVectorsTest {
    static byte[] vector(String name) throws IOException {
        try (InputStream in = PduVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replace(" ", ""));
                }
            }
            return HexFormat.of().parseHex(hex.toString().trim());
        }
    }

    private static final SyntaxId ECHO = new SyntaxId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);

    @Test
    void decodesAndReencodesImpacketBind() throws IOException {
        byte[] b = vector("bind-impacket.hex");
        Pdu pdu = PduCodec.decode(b);
        PduBody.Bind bind = (PduBody.Bind) pdu.body();
        assertEquals(PduType.BIND, pdu.ptype());
        assertEquals(1, pdu.callId());
        assertEquals(4280, bind.maxXmitFrag());
        assertEquals(4280, bind.maxRecvFrag());
        assertEquals(0, bind.assocGroupId());
        assertEquals(List.of(new ContextElement(0, ECHO, List.of(SyntaxId.NDR20))), bind.contexts());
        assertArrayEquals(b, PduCodec.encode(pdu));
    }

    @Test
    void encodesBindAckLikeTheVector() throws IOException {
        byte[] expected = vector("bind-ack.hex");
        Pdu ack = Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, 1,
                new PduBody.BindAck(false, 4280, 4280, 0x12345678, "49152", List.of(ContextResult.accepted(SyntaxId.NDR20))));
        assertArrayEquals(expected, PduCodec.encode(ack));
        assertEquals(ack.body(), PduCodec.decode(expected).body());
    }

    @Test
    void decodesRequestWithObjectUuid() throws IOException {
        byte[] b = vector("request-object-uuid.hex");
        Pdu pdu = PduCodec.decode(b);
        PduBody.Request r = (PduBody.Request) pdu.body();
        assertEquals(UUID.fromString("11223344-5566-7788-99aa-bbccddeeff00"), r.object());
        assertEquals(1, r.opnum());
        assertArrayEquals(new byte[] {1, 0, 0, 0}, r.stub());
        assertArrayEquals(b, PduCodec.encode(pdu));
    }

    @Test
    void encodesFaultLikeTheVector() throws IOException {
        Pdu fault = Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG | PfcFlags.DID_NOT_EXECUTE, 3,
                new PduBody.Fault(0, FaultStatus.NCA_S_OP_RNG_ERROR));
        assertArrayEquals(vector("fault-op-rng-error.hex"), PduCodec.encode(fault));
    }

    @Test
    void honoursBigEndianDrep() throws IOException {
        Pdu pdu = PduCodec.decode(vector("request-big-endian.hex"));
        assertEquals(0x01020304, pdu.callId());
        PduBody.Request r = (PduBody.Request) pdu.body();
        assertEquals(4, r.allocHint());
        assertEquals(1, r.opnum());
        assertNull(r.object());
    }

    @Test
    void boundsAuthLengthByTheFragment() throws IOException {
        byte[] b = vector("bind-impacket.hex");
        b[10] = (byte) 0xF0; // auth_length 240 > frag_length 72
        PduFormatException e = assertThrows(PduFormatException.class, () -> PduCodec.decode(b));
        assertTrue(e.getMessage().startsWith("auth_length larger than the fragment: auth_length=240, limit="), e.getMessage());
    }

    @Test
    void boundsContextCountByTheFragment() throws IOException {
        byte[] b = vector("bind-impacket.hex");
        b[24] = (byte) 200; // n_context_elem 200 in a 72-byte fragment
        PduFormatException e = assertThrows(PduFormatException.class, () -> PduCodec.decode(b));
        assertTrue(e.getMessage().contains("p_cont_elem[200]"), e.getMessage());
    }

    @Test
    void recognisesVerificationTrailer() {
        byte[] stub = HexFormat.of().parseHex("01000000" + "8ae3137102f43671" + "01000400" + "01000000" + "03401000"
                + "00000000" + "10000000" + "02000000" + "00000100");
        VerificationTrailer t = VerificationTrailer.find(stub).orElseThrow();
        assertEquals(4, t.offset());
        assertEquals(2, t.commands().size());
        assertEquals(VerificationTrailer.COMMAND_HEADER2, t.commands().get(1).type());
        assertTrue(VerificationTrailer.find(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).isEmpty());
        // the same stub inside a larger buffer (a fragment in a read buffer): the offset is the stub's
        byte[] framed = new byte[stub.length + 9];
        System.arraycopy(stub, 0, framed, 5, stub.length);
        VerificationTrailer in = VerificationTrailer.find(framed, 5, stub.length).orElseThrow();
        assertEquals(4, in.offset());
        assertEquals(2, in.commands().size());
        assertTrue(VerificationTrailer.find(framed, 5, stub.length - 4).isEmpty()); // END no longer at the stub's end
    }

    @Test
    void bindTimeFeatureSyntaxCarriesItsBitmask() {
        SyntaxId s = SyntaxId.bindTimeFeatures(3);
        assertEquals(UUID.fromString("6cb71c2c-9812-4540-0300-000000000000"), s.uuid());
        assertTrue(s.isBindTimeFeatureNegotiation());
        assertEquals(3, s.featureBitmask());
    }
}
