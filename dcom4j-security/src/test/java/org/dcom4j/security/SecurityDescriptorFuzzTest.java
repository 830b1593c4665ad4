package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the self-relative binary codec: any bytes either fail with
 * {@link SecurityFormatException} (never another exception, never an allocation driven by an
 * unchecked length) or decode to a descriptor whose re-encoding decodes to the same model and
 * re-encodes to the same bytes, and whose SDDL is either refused cleanly (callback and resource
 * attribute ACEs) or parses to a descriptor that prints the same SDDL. The seed corpus is in
 * {@code src/test/resources/org/dcom4j/security/SecurityDescriptorFuzzTestInputs/decodesAndReencodes/}.
 */
class SecurityDescriptorFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodesAndReencodes(byte[] input) {
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptorCodec.decode(input);
        } catch (SecurityFormatException expected) {
            return;
        }
        byte[] encoded = SecurityDescriptorCodec.encode(sd);
        SecurityDescriptor again = SecurityDescriptorCodec.decode(encoded);
        assertEquals(sd, again);
        assertArrayEquals(encoded, SecurityDescriptorCodec.encode(again));
        String sddl = Sddl.format(sd);
        SecurityDescriptor parsed;
        try {
            parsed = Sddl.parse(sddl);
        } catch (SecurityFormatException refused) {
            return; // callback and resource attribute ACEs print but are refused by the parser
        }
        // What SDDL cannot carry (other control bits, ACL revision, application data) is dropped once.
        assertEquals(sddl, Sddl.format(parsed));
    }

    /**
     * jazzer-junit 0.24.0 replays {@code <TestClass>Inputs/<method>/**} next to the test class
     * (SeedArgumentsProvider); a renamed method or directory would silently replay nothing.
     */
    @Test
    void seedCorpusIsWhereJazzerRegressionModeReadsIt() throws Exception {
        var dir = SecurityDescriptorFuzzTest.class.getResource("SecurityDescriptorFuzzTestInputs/decodesAndReencodes");
        assertNotNull(dir, "seed corpus directory missing");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            assertTrue(files.count() >= 12, "seed corpus too small");
        }
    }
}
