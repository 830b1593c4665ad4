package org.dcom4j.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the NDR decoder: the first input byte picks the data representation (integer
 * order, character set), the rest is decoded as two non-trivial types. Any input either fails with
 * {@link NdrException} (never another exception, never an allocation driven by an unchecked
 * count) or decodes to a value whose encoding decodes to an equal value and re-encodes to the same
 * bytes. The seed corpus ({@code src/test/resources/org/dcom4j/ndr/NdrDecodeFuzzTestInputs/<method>/})
 * is replayed by every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NdrDecodeFuzzTest {
    private static final NdrLimits LIMITS = NdrLimits.DEFAULT.withMaxAllocation(1 << 20);

    private static <T extends Record> void roundTrip(NdrCodec<T> codec, byte[] input) {
        if (input.length == 0) {
            return;
        }
        DataRepresentation drep = new DataRepresentation((input[0] & 1) == 0, (input[0] & 2) != 0,
                DataRepresentation.FLOAT_IEEE);
        T value;
        try {
            value = codec.decode(input, 1, input.length - 1, drep, LIMITS);
        } catch (NdrException expected) {
            return;
        }
        byte[] encoded = codec.encode(value);
        T again = codec.decode(encoded);
        assertTrue(Deep.equal(value, again), () -> value + " re-decoded as " + again);
        assertArrayEquals(encoded, codec.encode(again));
    }

    @FuzzTest(maxDuration = "30s")
    void decodesComplex(byte[] input) {
        roundTrip(NdrCodec.of(FuzzTypes.Complex.class), input);
    }

    @FuzzTest(maxDuration = "30s")
    void decodesRequest(byte[] input) {
        roundTrip(NdrCodec.of(FuzzTypes.Request.class), input);
    }

    /**
     * jazzer-junit replays {@code <TestClass>Inputs/<method>/**} next to the test class; a renamed
     * method or directory would silently replay nothing.
     */
    @Test
    void seedCorpusIsWhereJazzerRegressionModeReadsIt() throws Exception {
        for (String method : new String[] {"decodesComplex", "decodesRequest"}) {
            var dir = NdrDecodeFuzzTest.class.getResource("NdrDecodeFuzzTestInputs/" + method);
            assertNotNull(dir, "seed corpus directory missing for " + method);
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                assertTrue(files.count() >= 5, "seed corpus too small for " + method);
            }
        }
    }
}
