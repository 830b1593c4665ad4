package org.dcom4j.rpc.epm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.dcom4j.rpc.InterfaceId;
import org.junit.jupiter.api.Test;

class TowerTest {
    static final UUID ECHO = UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619");
    static final InterfaceId ECHO_1_0 = new InterfaceId(ECHO, 1, 0);

    @Test
    void encodesTheTcpTowerAsC706AppendixLSays() {
        Tower t = Tower.tcp(ECHO_1_0, 49664, new byte[] {127, 0, 0, 1});
        assertEquals(EpmVectors.hex(EpmVectors.load("tower-tcp")), EpmVectors.hex(t.encode()));
        assertEquals(EpmVectors.hex(EpmVectors.load("tower-tcp-impacket")), EpmVectors.hex(t.encode()));
    }

    @Test
    void encodesTheNcalrpcTowerWithLrpcAndPortNameFloors() {
        Tower t = Tower.ncalrpc(new InterfaceId(ECHO, 1, 2), "LRPC-dcom4j");
        assertEquals(EpmVectors.hex(EpmVectors.load("tower-ncalrpc")), EpmVectors.hex(t.encode()));
        assertEquals(EpmVectors.hex(EpmVectors.load("tower-ncalrpc-impacket")), EpmVectors.hex(t.encode()));
    }

    @Test
    void decodesTheTcpTowerIntoItsParts() throws TowerFormatException {
        Tower t = Tower.decode(EpmVectors.load("tower-tcp"));
        assertEquals(ECHO_1_0, t.interfaceId());
        assertEquals(Tower.NDR20, t.transferSyntax());
        assertEquals(Tower.Protseq.NCACN_IP_TCP, t.protocolSequence());
        assertEquals("49664", t.endpoint());
        assertArrayEquals(new byte[] {127, 0, 0, 1}, t.ipv4Address());
        assertEquals(Tower.tcp(ECHO_1_0, 49664, new byte[] {127, 0, 0, 1}), t);
    }

    @Test
    void decodesTheNcalrpcTowerIntoItsParts() throws TowerFormatException {
        Tower t = Tower.decode(EpmVectors.load("tower-ncalrpc"));
        assertEquals(new InterfaceId(ECHO, 1, 2), t.interfaceId());
        assertEquals(Tower.Protseq.NCALRPC, t.protocolSequence());
        assertEquals("LRPC-dcom4j", t.endpoint());
        assertThrows(TowerFormatException.class, t::ipv4Address);
    }

    @Test
    void keepsUnknownFloorsAndReportsNoProtocolSequence() throws TowerFormatException {
        byte[] np = EpmVectors.load("tower-ncalrpc");
        np[np.length - 15] = 0x0f; // floor 4 protocol id 0x10 -> 0x0f (ncacn_np pipe)
        Tower t = Tower.decode(np);
        assertNull(t.protocolSequence());
        assertArrayEquals(np, t.encode());
        assertThrows(TowerFormatException.class, t::endpoint);
    }

    @Test
    void refusesAFloorCountOfZeroOrAboveTheLimit() {
        assertMessage(new byte[] {0, 0}, "floor_count=0, limit=1..16");
        assertMessage(new byte[] {17, 0}, "floor_count=17, limit=1..16");
        assertMessage(new byte[] {(byte) 0xff, (byte) 0xff}, "floor_count=65535");
    }

    @Test
    void refusesCountsRunningPastTheOctets() {
        byte[] tcp = EpmVectors.load("tower-tcp");
        assertMessage(Arrays.copyOf(tcp, 1), "tower_length=1, limit>=2");
        assertMessage(Arrays.copyOf(tcp, tcp.length - 1), "floor 5 rhs_count=4, limit=0..3");
        assertMessage(Arrays.copyOf(tcp, 2 + 2 + 10), "floor 1 lhs_count=19, limit=1..10");
        assertMessage(Arrays.copyOf(tcp, 2 + 2 + 19 + 1), "floor 1 rhs_count missing");
        byte[] huge = tcp.clone();
        huge[2] = (byte) 0xff;
        huge[3] = (byte) 0xff;
        assertMessage(huge, "floor 1 lhs_count=65535");
    }

    @Test
    void refusesAnEmptyLhsAndTrailingBytes() {
        assertMessage(new byte[] {1, 0, 0, 0, 0, 0}, "floor 1 lhs_count=0, limit=1..");
        byte[] tcp = EpmVectors.load("tower-tcp");
        assertMessage(Arrays.copyOf(tcp, tcp.length + 3), "trailing bytes after floor 5: trailing=3, limit=0");
    }

    @Test
    void refusesAFirstFloorThatIsNotAnInterface() throws TowerFormatException {
        byte[] tcp = EpmVectors.load("tower-tcp");
        tcp[4] = 0x0b;
        Tower t = Tower.decode(tcp);
        TowerFormatException e = assertThrows(TowerFormatException.class, t::interfaceId);
        assertTrue(e.getMessage().contains("protocol_id=0xb"), e.getMessage());
    }

    @Test
    void refusesToBuildTowersItCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> Tower.tcp(ECHO_1_0, 70000, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> Tower.tcp(ECHO_1_0, 1, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> Tower.ncalrpc(ECHO_1_0, "bad\0name"));
        assertThrows(IllegalArgumentException.class, () -> Tower.ncalrpc(ECHO_1_0, "caf\u00e9"));
    }

    @Test
    void decodesRandomAndMutatedOctetsOrThrowsOnlyTowerFormatException() {
        java.util.Random random = new java.util.Random(135);
        byte[] seed = EpmVectors.load("tower-tcp");
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(40)];
                random.nextBytes(b);
            } else {
                b = seed.clone();
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                Tower t = Tower.decode(b);
                assertArrayEquals(b, t.encode(), "what decodes re-encodes to the same octets");
            } catch (TowerFormatException expected) {
                // the only exception decode may throw
            }
        }
    }

    private static void assertMessage(byte[] octets, String expected) {
        TowerFormatException e = assertThrows(TowerFormatException.class, () -> Tower.decode(octets));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
