package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegValueTest {
    @TempDir
    Path dir;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void encodesValuesInTheRawWindowsForm() {
        assertArrayEquals(hex("59 00 00 00"), RegValue.sz("EnableDCOM", "Y").data());
        assertArrayEquals(hex("25 00 41 00 25 00 00 00"), RegValue.expandSz("x", "%A%").data());
        assertArrayEquals(hex("1e 00 00 00"), RegValue.dword("x", 30).data());
        assertArrayEquals(hex("08 07 06 05 04 03 02 01"), RegValue.qword("x", 0x0102030405060708L).data());
        assertArrayEquals(hex("61 00 00 00 62 00 63 00 00 00 00 00"), RegValue.multiSz("x", List.of("a", "bc")).data());
        assertArrayEquals(hex("00 00"), RegValue.multiSz("x", List.of()).data());
    }

    @Test
    void typedAccessorsReadBackWhatFactoriesWrote() {
        assertEquals("C:\\Program Files\\Ünïcødé ☃", RegValue.sz("s", "C:\\Program Files\\Ünïcødé ☃").asString());
        assertEquals("%SystemRoot%\\x", RegValue.expandSz("s", "%SystemRoot%\\x").asString());
        assertEquals(-2, RegValue.dword("d", -2).asInt());
        assertEquals(0xFFFF_FFFEL, RegValue.dword("d", -2).asLong());
        assertEquals(Long.MIN_VALUE + 5, RegValue.qword("q", Long.MIN_VALUE + 5).asLong());
        assertEquals(List.of("ncacn_ip_tcp,0,5000", "ncalrpc"), RegValue.multiSz("m", List.of("ncacn_ip_tcp,0,5000", "ncalrpc")).asStrings());
        assertArrayEquals(new byte[] {1, 2, 3}, RegValue.binary("b", new byte[] {1, 2, 3}).asBytes());
    }

    @Test
    void valuesRoundTripThroughTheStoreByteForByte() {
        List<RegValue> all = List.of(RegValue.sz("", "default"), RegValue.sz("Sz", "text \"q\" \\ ☃"),
                RegValue.expandSz("Expand", "%PATH%"), RegValue.binary("Bin", new byte[] {0, (byte) 0xFF, 7}),
                RegValue.dword("Dword", 0x80000001), RegValue.qword("Qword", -1L),
                RegValue.multiSz("Multi", List.of("a", "b")), RegValue.none("None", new byte[0]),
                RegValue.of("Odd", RegType.REG_DWORD, new byte[] {1, 2}),
                RegValue.of("Link", RegType.REG_LINK, new byte[] {1}));
        try (Registry r = Registry.open(dir)) {
            r.batch(Tokens.ADMIN, b -> all.forEach(v -> b.set("HKLM\\SOFTWARE\\Test", v)));
        }
        try (Registry r = Registry.open(dir)) {
            assertEquals(all, r.values("HKLM\\SOFTWARE\\Test"));
            assertEquals(all.get(4), r.get("hklm\\software\\TEST", "DWORD").orElseThrow());
        }
    }

    @Test
    void accessorsRefuseTheWrongShape() {
        assertThrows(IllegalStateException.class, () -> RegValue.sz("s", "1").asInt());
        assertThrows(IllegalStateException.class, () -> RegValue.of("d", RegType.REG_DWORD, new byte[3]).asInt());
        assertThrows(IllegalStateException.class, () -> RegValue.dword("d", 1).asString());
    }

    @Test
    void refusesOversizedDataAndBadNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegValue.binary("big", new byte[RegValue.MAX_DATA_BYTES + 1]));
        assertTrue(e.getMessage().contains("limit=1048576"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegValue.sz("a\nb", "x"));
        assertThrows(IllegalArgumentException.class, () -> RegValue.sz("n", "nul\0inside"));
        assertThrows(IllegalArgumentException.class, () -> RegValue.multiSz("m", List.of("a", "")));
        assertThrows(IllegalArgumentException.class, () -> RegValue.sz("x".repeat(16_384), "x"));
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] b = {1, 2};
        RegValue v = RegValue.binary("b", b);
        b[0] = 9;
        v.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, v.data());
    }

    @Test
    void parsesTypeNames() {
        assertEquals(RegType.REG_QWORD, RegType.parse("reg_qword"));
        assertEquals(RegType.REG_SZ, RegType.parse("SZ"));
        assertEquals(RegType.REG_QWORD, RegType.ofCode(11));
        assertThrows(IllegalArgumentException.class, () -> RegType.ofCode(12));
    }
}
