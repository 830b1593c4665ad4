package org.dcom4j.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.EndpointMapperTypes.EptMapRequest;
import org.dcom4j.ndr.EndpointMapperTypes.EptMapResponse;
import org.dcom4j.ndr.EndpointMapperTypes.Tower;
import org.junit.jupiter.api.Test;

/** {@code ept_map} request and response against bytes derived by hand and from impacket's behaviour. */
class EndpointMapperVectorTest {
    private static final UUID ECHO = UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619");
    private static final UUID NDR = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");

    /** A 5-floor TCP/IP tower (C706 appendix L): built here independently of the vector files. */
    static byte[] tcpTower(UUID iface, int major, int port, byte[] ip) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        le16(t, 5);
        uuidFloor(t, iface, major);
        uuidFloor(t, NDR, 2);
        simpleFloor(t, 0x0b, new byte[] {0, 0});
        simpleFloor(t, 0x07, new byte[] {(byte) (port >>> 8), (byte) port});
        simpleFloor(t, 0x09, ip);
        return t.toByteArray();
    }

    private static void uuidFloor(ByteArrayOutputStream t, UUID u, int major) {
        le16(t, 19);
        t.write(0x0d);
        NdrBuffer b = new NdrBuffer();
        NdrCodec.of(VectorTypes.GuidOnly.class).encode(new VectorTypes.GuidOnly(u), b);
        t.write(b.array(), 0, 16);
        le16(t, major);
        le16(t, 2);
        le16(t, 0);
    }

    private static void simpleFloor(ByteArrayOutputStream t, int protocol, byte[] rhs) {
        le16(t, 1);
        t.write(protocol);
        le16(t, rhs.length);
        t.writeBytes(rhs);
    }

    private static void le16(ByteArrayOutputStream t, int v) {
        t.write(v);
        t.write(v >>> 8);
    }

    @Test
    void encodesTheEptMapRequestAsWindowsNumbersReferents() {
        Tower tower = new Tower(tcpTower(ECHO, 1, 0, new byte[4]));
        assertEquals(75, tower.towerLength());
        EptMapRequest request = new EptMapRequest(new UUID(0, 0), tower, ContextHandle.NULL, 1);
        byte[] expected = Vectors.load("ept-map-request");
        assertEquals(Vectors.hex(expected), Vectors.hex(NdrCodec.of(EptMapRequest.class).encode(request)));
    }

    @Test
    void decodesImpacketsEptMapRequest() {
        EptMapRequest r = NdrCodec.of(EptMapRequest.class).decode(Vectors.load("ept-map-request-impacket"));
        assertEquals(new UUID(0, 0), r.object());
        assertArrayEquals(tcpTower(ECHO, 1, 0, new byte[4]), r.mapTower().towerOctetString());
        assertEquals(ContextHandle.NULL, r.entryHandle());
        assertEquals(1, r.maxTowers());
        assertEquals(Vectors.hex(Vectors.load("ept-map-request")), Vectors.hex(NdrCodec.of(EptMapRequest.class).encode(r)));
    }

    @Test
    void encodesAndDecodesTheEptMapResponse() {
        byte[] octets = tcpTower(ECHO, 1, 5000, new byte[] {127, 0, 0, 1});
        EptMapResponse response = new EptMapResponse(ContextHandle.NULL, 1, 1, List.of(new Tower(octets)), 0);
        byte[] expected = Vectors.load("ept-map-response");
        NdrCodec<EptMapResponse> codec = NdrCodec.of(EptMapResponse.class);
        assertEquals(Vectors.hex(expected), Vectors.hex(codec.encode(response)));
        EptMapResponse d = codec.decode(expected);
        assertEquals(1, d.numTowers());
        assertEquals(0, d.maxTowers(), "not on the wire");
        assertArrayEquals(octets, d.towers().get(0).towerOctetString());
        assertEquals(0, d.status());
    }

    @Test
    void sizesTheTowerArrayByMaxTowersNotByTheTowersReturned() {
        EptMapResponse none = new EptMapResponse(ContextHandle.NULL, 0, 500, List.of(), 0x16c9a0d6);
        byte[] b = NdrCodec.of(EptMapResponse.class).encode(none);
        assertEquals("0000000000000000000000000000000000000000" + "00000000" + "f4010000" + "00000000" + "00000000"
                + "d6a0c916", Vectors.hex(b));
        EptMapResponse d = NdrCodec.of(EptMapResponse.class).decode(b);
        assertEquals(List.of(), d.towers());
        assertEquals(0x16c9a0d6, d.status());
    }
}
