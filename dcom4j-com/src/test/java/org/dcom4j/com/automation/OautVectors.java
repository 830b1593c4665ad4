package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * Reads {@code src/test/resources/vectors/oaut-<name>.hex} (made by {@code gen_oaut_vectors.py} with
 * impacket 0.10.0) and compares them with our encodings.
 */
final class OautVectors {
    /** The fill bytes impacket 0.10.0's NDR engine pads with (ndr.py); ours pads with 0. */
    private static final Set<Integer> IMPACKET_PADDING = Set.of(0xab, 0xbf, 0xcc, 0xca, 0xdd, 0xef, 0xee);

    private OautVectors() {
    }

    static byte[] hex(String name) {
        try (InputStream in = OautVectors.class.getResourceAsStream("/vectors/oaut-" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no vector oaut-" + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Our bytes equal impacket's except (a) padding, where impacket writes one of its fill bytes and we
     * write 0, and (b) referent ids, at 4-aligned words, where impacket draws a random id in 1..65535 and
     * we count 0x00020000 + 4n (both are valid: the receiver only tests them for zero).
     */
    static void assertSameExceptPaddingAndReferentIds(byte[] impacket, byte[] ours) {
        assertEquals(impacket.length, ours.length, "length; impacket=" + hex(impacket) + "\nours    =" + hex(ours));
        for (int i = 0; i < ours.length; ) {
            if (impacket[i] == ours[i]) {
                i++;
                continue;
            }
            if (i % 4 == 0 && i + 4 <= ours.length) {
                int mine = le32(ours, i);
                int theirs = le32(impacket, i);
                if (mine >= 0x20000 && mine <= 0x2FFFC && (mine & 3) == 0 && theirs >= 1 && theirs <= 0xFFFF) {
                    i += 4;
                    continue;
                }
            }
            if (ours[i] == 0 && IMPACKET_PADDING.contains(impacket[i] & 0xFF)) {
                i++;
                continue;
            }
            fail("byte " + i + " differs: impacket=" + hex(impacket) + "\nours    =" + hex(ours));
        }
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
