package org.dcom4j.rpc.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The call path's shortcuts agree with the general codec: {@link PduCodec#encodeCallHeader} followed by
 * the stub is {@link PduCodec#encode}, and a fragment decoded where it lies in a larger buffer
 * ({@link PduCodec#decode(byte[], int, PduHeader)}) decodes as the fragment on its own, error offsets included.
 */
class CallPathEncodingTest {
    private static final int FIRST_LAST = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;

    private static byte[] headerThenStub(Pdu pdu, byte[] stub) {
        byte[] head = new byte[PduCodec.MAX_CALL_HEADER];
        int n = PduCodec.encodeCallHeader(pdu, head);
        byte[] all = Arrays.copyOf(head, n + stub.length);
        System.arraycopy(stub, 0, all, n, stub.length);
        return all;
    }

    @Test
    void requestHeaderAndStubAreTheEncodedPdu() {
        byte[] stub = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        UUID object = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        Pdu withObject = Pdu.of(FIRST_LAST | PfcFlags.OBJECT_UUID, 0x01020304, new PduBody.Request(9, 0x1234, 0x0567, object, stub));
        assertArrayEquals(PduCodec.encode(withObject), headerThenStub(withObject, stub));
        Pdu plain = Pdu.of(PfcFlags.FIRST_FRAG, -7, new PduBody.Request(40_000, 3, 4, null, stub));
        assertArrayEquals(PduCodec.encode(plain), headerThenStub(plain, stub));
    }

    @Test
    void aRequestHeaderFromItsFieldsIsTheEncodedPdusHeader() {
        byte[] stub = new byte[21];
        UUID object = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] head = new byte[PduCodec.MAX_CALL_HEADER];
        int n = PduCodec.encodeRequestHeader(FIRST_LAST, 77, 21, 5, 6, object, stub.length, head);
        Pdu pdu = Pdu.of(FIRST_LAST | PfcFlags.OBJECT_UUID, 77, new PduBody.Request(21, 5, 6, object, stub));
        assertEquals(40, n);
        assertArrayEquals(Arrays.copyOf(headerThenStub(pdu, stub), n), Arrays.copyOf(head, n));
        n = PduCodec.encodeRequestHeader(PfcFlags.LAST_FRAG | PfcFlags.OBJECT_UUID, 78, 100, 0, 1, null, stub.length, head);
        pdu = Pdu.of(PfcFlags.LAST_FRAG, 78, new PduBody.Request(100, 0, 1, null, stub));
        assertEquals(24, n);
        assertArrayEquals(Arrays.copyOf(headerThenStub(pdu, stub), n), Arrays.copyOf(head, n));
        assertThrows(PduFormatException.class, () -> PduCodec.encodeRequestHeader(FIRST_LAST, 1, 0, 0, 0, null,
                PduCodec.MAX_FRAG_LENGTH, head));
    }

    @Test
    void aWholeRequestIsDecodedButForItsStubWhichStaysWhereItLies() {
        byte[] stub = {9, 8, 7, 6, 5};
        UUID object = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        for (UUID o : new UUID[] {null, object}) {
            Pdu pdu = Pdu.of(FIRST_LAST | (o == null ? 0 : PfcFlags.OBJECT_UUID), 41, new PduBody.Request(5, 2, 7, o, stub));
            byte[] frag = PduCodec.encode(pdu);
            byte[] buffer = new byte[frag.length + 11];
            System.arraycopy(frag, 0, buffer, 3, frag.length);
            PduHeader h = PduHeader.decode(frag, PduCodec.MAX_FRAG_LENGTH);
            int at = PduCodec.wholeRequestStub(h);
            assertEquals(o == null ? 24 : 40, at);
            Pdu fields = PduCodec.decodeWholeRequest(buffer, 3, h);
            PduBody.Request r = (PduBody.Request) fields.body();
            assertEquals(new PduBody.Request(5, 2, 7, o, new byte[0]).toString(), r.toString());
            assertEquals(41, fields.callId());
            assertArrayEquals(stub, Arrays.copyOfRange(buffer, 3 + at, 3 + h.fragLength()));
        }
        PduHeader signed = new PduHeader(0, PduType.REQUEST, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, 64, 16, 1);
        assertEquals(-1, PduCodec.wholeRequestStub(signed));
        assertEquals(-1, PduCodec.wholeRequestStub(new PduHeader(0, PduType.REQUEST, PfcFlags.FIRST_FRAG, PduHeader.DREP_LITTLE_ENDIAN, 40, 0, 1)));
        assertEquals(-1, PduCodec.wholeRequestStub(new PduHeader(0, PduType.REQUEST, FIRST_LAST | PfcFlags.OBJECT_UUID,
                PduHeader.DREP_LITTLE_ENDIAN, 39, 0, 1))); // too short for its object UUID
        assertThrows(IllegalArgumentException.class, () -> PduCodec.decodeWholeRequest(new byte[64], 0, signed));
    }

    @Test
    void aResponseHeaderFromItsFieldsIsTheEncodedPdusHeader() {
        byte[] stub = new byte[13];
        byte[] head = new byte[PduCodec.MAX_CALL_HEADER];
        int n = PduCodec.encodeResponseHeader(PfcFlags.FIRST_FRAG, 5, 300, 4, stub.length, head);
        Pdu pdu = Pdu.of(PfcFlags.FIRST_FRAG, 5, new PduBody.Response(300, 4, 0, stub));
        assertEquals(24, n);
        assertArrayEquals(Arrays.copyOf(headerThenStub(pdu, stub), n), Arrays.copyOf(head, n));
    }

    @Test
    void onlyAWholeUnprotectedResponseIsReadInPlace() {
        int lastFirst = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;
        assertEquals(24, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, lastFirst, PduHeader.DREP_LITTLE_ENDIAN, 40, 0, 1)));
        assertEquals(24, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, lastFirst, PduHeader.DREP_LITTLE_ENDIAN, 24, 0, 1)));
        assertEquals(-1, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, lastFirst, PduHeader.DREP_LITTLE_ENDIAN, 23, 0, 1)));
        assertEquals(-1, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, PfcFlags.FIRST_FRAG, PduHeader.DREP_LITTLE_ENDIAN, 40, 0, 1)));
        assertEquals(-1, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, PfcFlags.LAST_FRAG, PduHeader.DREP_LITTLE_ENDIAN, 40, 0, 1)));
        assertEquals(-1, PduCodec.wholeResponseStub(new PduHeader(0, PduType.RESPONSE, lastFirst, PduHeader.DREP_LITTLE_ENDIAN, 64, 16, 1)));
        assertEquals(-1, PduCodec.wholeResponseStub(new PduHeader(0, PduType.FAULT, lastFirst, PduHeader.DREP_LITTLE_ENDIAN, 32, 0, 1)));
    }

    @Test
    void responseHeaderAndStubAreTheEncodedPdu() {
        byte[] stub = new byte[37];
        Arrays.fill(stub, (byte) 0x5a);
        Pdu response = Pdu.of(PfcFlags.LAST_FRAG, 99, new PduBody.Response(37, 2, 1, stub));
        assertArrayEquals(PduCodec.encode(response), headerThenStub(response, stub));
    }

    @Test
    void refusesWhatIsNotAnUnprotectedCall() {
        byte[] head = new byte[PduCodec.MAX_CALL_HEADER];
        assertThrows(IllegalArgumentException.class, () -> PduCodec.encodeCallHeader(
                Pdu.of(FIRST_LAST, 1, new PduBody.Fault(0, 5)), head));
        Pdu signed = new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, 1, new PduBody.Request(0, 0, 0, null, new byte[8]),
                new AuthVerifier(10, 5, 0, 0, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> PduCodec.encodeCallHeader(signed, head));
        Pdu disagreeing = Pdu.of(FIRST_LAST | PfcFlags.OBJECT_UUID, 1, new PduBody.Request(0, 0, 0, null, new byte[0]));
        assertThrows(PduFormatException.class, () -> PduCodec.encodeCallHeader(disagreeing, head));
        Pdu huge = Pdu.of(FIRST_LAST, 1, new PduBody.Response(0, 0, 0, new byte[PduCodec.MAX_FRAG_LENGTH]));
        assertThrows(PduFormatException.class, () -> PduCodec.encodeCallHeader(huge, head));
    }

    @Test
    void decodesAFragmentWhereItLiesInABuffer() throws IOException {
        for (String name : new String[] {"request-object-uuid.hex", "bind-impacket.hex", "bind-ack.hex"}) {
            byte[] frag = PduVectorsTest.vector(name);
            byte[] buffer = new byte[frag.length + 13];
            System.arraycopy(frag, 0, buffer, 5, frag.length); // an offset that is not a multiple of 4
            PduHeader h = PduHeader.decode(Arrays.copyOf(frag, PduHeader.LENGTH), PduCodec.MAX_FRAG_LENGTH);
            Pdu inPlace = PduCodec.decode(buffer, 5, h);
            Pdu alone = PduCodec.decode(frag);
            assertEquals(alone.body().toString(), inPlace.body().toString(), name);
            assertArrayEquals(frag, PduCodec.encode(inPlace), name);
        }
    }

    @Test
    void reportsOffsetsWithinTheFragmentNotTheBuffer() {
        // a request whose stated frag_length leaves no room for its fields
        byte[] frag = new byte[PduHeader.LENGTH + 4];
        frag[0] = 5;
        frag[2] = (byte) PduType.REQUEST;
        frag[3] = (byte) FIRST_LAST;
        frag[4] = 0x10;
        frag[8] = (byte) frag.length;
        byte[] buffer = new byte[frag.length + 100];
        System.arraycopy(frag, 0, buffer, 64, frag.length);
        PduHeader h = PduHeader.decode(frag, PduCodec.MAX_FRAG_LENGTH);
        String alone = assertThrows(PduFormatException.class, () -> PduCodec.decode(frag)).getMessage();
        String inPlace = assertThrows(PduFormatException.class, () -> PduCodec.decode(buffer, 64, h)).getMessage();
        assertEquals(alone, inPlace);
    }
}
