package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIDs in binary (MS-DTYP 2.4.2.2) and string form (MS-DTYP 2.4.2.1). */
class SidTest {
    @Test
    void encodesAuthorityBigEndianAndSubAuthoritiesLittleEndian() {
        // Revision 1, SubAuthorityCount 2, authority 5 in 6 big-endian bytes, 32 and 544 little-endian
        assertEquals("0102000000000005" + "20000000" + "20020000",
                HexFormat.of().formatHex(WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes()));
    }

    @Test
    void decodesWhatItEncodes() {
        Sid sid = Sid.of(0x1234_5678_9ABCL, 1, -1, 0, Integer.MIN_VALUE);
        byte[] b = sid.toBytes();
        assertEquals(sid, Sid.decode(b, 0, b.length));
        assertEquals(24, sid.encodedLength());
    }

    @Test
    void printsSubAuthoritiesUnsigned() {
        assertEquals("S-1-5-21-4294967295", Sid.of(5, 21, -1).toString());
    }

    @Test
    void printsLargeAuthorityInHexadecimal() {
        Sid sid = Sid.of(0x1234_5678_9ABCL, 7);
        assertEquals("S-1-0x123456789ABC-7", sid.toString());
        assertEquals(sid, Sid.parse("S-1-0x123456789abc-7"));
        assertEquals(Sid.of(4294967295L), Sid.parse("S-1-4294967295"));
    }

    @Test
    void parsesASidWithoutSubAuthorities() {
        assertEquals(Sid.of(5), Sid.parse("S-1-5"));
        assertEquals("S-1-5", Sid.of(5).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"S-1", "S-2-5-32", "X-1-5", "S-1--5", "S-1-+5-32", "S-1-5-+32", "S-1-5--32", "S-1-5-32-",
        "S-1-5-4294967296", "S-1-\u0665-32", "S-1-5-\u0663\u0662", "S-1-0x1000000000000", "S-1-0x", "S-1-281474976710656"})
    void refusesMalformedSidStrings(String text) {
        assertThrows(SecurityFormatException.class, () -> Sid.parse(text));
    }

    @Test
    void refusesSixteenSubAuthoritiesInEveryForm() {
        assertThrows(SecurityFormatException.class, () -> Sid.of(5, new int[16]));
        assertThrows(SecurityFormatException.class, () -> Sid.parse("S-1-5" + "-1".repeat(16)));
        byte[] b = new byte[8 + 64];
        b[0] = 1;
        b[1] = 16;
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> Sid.decode(b, 0, b.length));
        assertTrue(e.getMessage().contains("SubAuthorityCount=16") && e.getMessage().contains("offset=0"), e.getMessage());
    }

    @Test
    void refusesTruncatedBinarySid() {
        byte[] b = WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes();
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> Sid.decode(b, 0, 12));
        assertTrue(e.getMessage().contains("needs=16") && e.getMessage().contains("bytes left=12"), e.getMessage());
        assertThrows(SecurityFormatException.class, () -> Sid.decode(b, 10, b.length));
        assertThrows(SecurityFormatException.class, () -> Sid.decode(b, -1, b.length));
        assertThrows(SecurityFormatException.class, () -> Sid.decode(b, Integer.MAX_VALUE - 3, b.length));
        assertThrows(SecurityFormatException.class, () -> Sid.decode(b, 4, 2));
    }

    @Test
    void ordersByAuthorityThenUnsignedSubAuthorities() {
        assertTrue(Sid.of(1, 0).compareTo(Sid.of(5, 0)) < 0);
        assertTrue(Sid.of(5, 1).compareTo(Sid.of(5, -1)) < 0);
        assertTrue(Sid.of(5, 32).compareTo(Sid.of(5, 32, 544)) < 0);
    }

    @Test
    void childAndParentWalkTheDomainHierarchy() {
        Sid domain = Sid.parse("S-1-5-21-1-2-3");
        assertEquals(Sid.parse("S-1-5-21-1-2-3-500"), domain.child(500));
        assertEquals(domain, domain.child(500).parent());
        assertEquals(500, domain.child(500).rid());
    }

    @Test
    void keepsItsOwnCopyOfSubAuthorities() {
        int[] subs = {32, 544};
        Sid sid = Sid.of(5, subs);
        subs[1] = 545;
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, sid);
        assertArrayEquals(WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes(), sid.toBytes());
    }
}
