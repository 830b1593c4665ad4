package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-exact vectors of {@code src/test/resources/vectors/security-descriptors/}: each SDDL must
 * encode to its bytes and its bytes must decode and print back to the SDDL.
 *
 * <p>Layout confirmed against Windows: the {@code capture-*} vectors are REG_BINARY values that
 * Windows' regedit exported from {@code HKLM\SOFTWARE\Microsoft\Ole} (published in a public .reg
 * file). Each starts {@code 01,00,04,80} (Revision 1, Control 0x8004), has OffsetSacl 0 and
 * OffsetDacl 0x14, and puts the owner and then the group right after the DACL (e.g.
 * MachineLaunchRestriction: AclSize 0x64, OffsetOwner 0x78 = 0x14 + 0x64, OffsetGroup 0x88). That is
 * the order — header, SACL, DACL, owner, group — in which the hand-made vectors and
 * {@link SecurityDescriptorCodec#encode} lay descriptors out.
 */
class SecurityDescriptorCodecVectorsTest {
    /** One vector file: name, SDDL and the bytes of its self-relative form. */
    record Vector(String name, String sddl, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }

        static List<Vector> all() {
            Path dir = directory();
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().map(Vector::read).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Path directory() {
            try {
                return Path.of(SecurityDescriptorCodecVectorsTest.class.getResource("/vectors/security-descriptors").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Parses {@code key: value} lines; indented lines continue a value; {@code hex:} runs to the end. */
        static Vector read(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = null;
            String sddl = null;
            StringBuilder hex = null;
            for (String line : lines) {
                if (hex != null) {
                    int hash = line.indexOf('#');
                    hex.append(hash < 0 ? line : line.substring(0, hash));
                } else if (line.startsWith("name:")) {
                    name = line.substring(5).trim();
                } else if (line.startsWith("sddl:")) {
                    sddl = line.substring(5).trim();
                } else if (line.startsWith("hex:")) {
                    hex = new StringBuilder(line.substring(4));
                }
            }
            if (name == null || sddl == null || hex == null) {
                throw new IllegalStateException(file + ": needs name:, sddl: and hex:");
            }
            String digits = hex.toString().replaceAll("[\\s,\\\\]", "");
            return new Vector(name, sddl, HexFormat.of().parseHex(digits));
        }
    }

    static List<Vector> vectors() {
        return Vector.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sddlEncodesToTheVectorBytes(Vector v) {
        byte[] encoded = SecurityDescriptorCodec.encode(Sddl.parse(v.sddl()));
        assertEquals(HexFormat.of().formatHex(v.bytes()), HexFormat.of().formatHex(encoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorBytesDecodeAndPrintAsTheSddl(Vector v) {
        SecurityDescriptor sd = SecurityDescriptorCodec.decode(v.bytes());
        assertEquals(v.sddl(), Sddl.format(sd));
        assertEquals(Sddl.parse(v.sddl()), sd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorBytesReencodeByteForByte(Vector v) {
        assertArrayEquals(v.bytes(), SecurityDescriptorCodec.encode(SecurityDescriptorCodec.decode(v.bytes())));
    }

    @Test
    void coversEveryRequiredVector() {
        List<String> names = vectors().stream().map(Vector::name).toList();
        for (String required : List.of("legacy-machine-launch-restriction", "legacy-machine-access-restriction",
                "xpsp2-machine-launch-restriction", "xpsp2-machine-access-restriction",
                "server2003sp1-machine-launch-restriction", "server2003sp1-machine-access-restriction",
                "object-aces", "sacl-audit", "null-dacl", "empty-dacl")) {
            assertTrue(names.contains(required), "missing vector " + required + " in " + names);
        }
    }

    @Test
    void canonicalExampleParsesPrintsBackAndEncodesWithControl8004() {
        String sddl = "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)";
        SecurityDescriptor sd = Sddl.parse(sddl);
        assertEquals(sddl, Sddl.format(sd));
        byte[] b = sd.toBytes();
        assertEquals(0x8004, Bytes.readShort(b, 2));
    }

    @Test
    void nullDaclKeepsDaclPresentWithoutAnAcl() {
        SecurityDescriptor sd = SecurityDescriptorCodec.decode(Vector.read(Vector.directory().resolve("09-null-dacl.txt")).bytes());
        assertTrue(sd.daclPresent());
        assertEquals(null, sd.dacl());
        assertTrue(sd.grantsAll());
    }

    @Test
    void emptyDaclIsPresentWithNoAce() {
        SecurityDescriptor sd = SecurityDescriptorCodec.decode(Vector.read(Vector.directory().resolve("10-empty-dacl.txt")).bytes());
        assertTrue(sd.daclPresent());
        assertEquals(List.of(), sd.dacl().aces());
    }
}
