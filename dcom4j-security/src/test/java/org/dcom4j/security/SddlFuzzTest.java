package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the SDDL parser: any string either fails with {@link SecurityFormatException} or
 * parses to a descriptor that prints, re-parses to the same model, and encodes to bytes that decode
 * to it too. In {@code mvn test} Jazzer runs in regression mode and replays the seed corpus in
 * {@code src/test/resources/org/dcom4j/security/SddlFuzzTestInputs/parsesPrintsAndReparses/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=SddlFuzzTest} fuzzes.
 */
class SddlFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parsesPrintsAndReparses(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SecurityDescriptor sd;
        try {
            sd = Sddl.parse(text);
        } catch (SecurityFormatException expected) {
            return;
        }
        String printed = Sddl.format(sd);
        SecurityDescriptor again = Sddl.parse(printed);
        assertEquals(sd, again, printed);
        assertEquals(printed, Sddl.format(again));
        assertEquals(sd, SecurityDescriptorCodec.decode(SecurityDescriptorCodec.encode(sd)));
    }

    /**
     * jazzer-junit 0.24.0 replays {@code <TestClass>Inputs/<method>/**} next to the test class
     * (SeedArgumentsProvider); a renamed method or directory would silently replay nothing.
     */
    @Test
    void seedCorpusIsWhereJazzerRegressionModeReadsIt() throws Exception {
        var dir = SddlFuzzTest.class.getResource("SddlFuzzTestInputs/parsesPrintsAndReparses");
        assertNotNull(dir, "seed corpus directory missing");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            assertTrue(files.count() >= 12, "seed corpus too small");
        }
    }
}
