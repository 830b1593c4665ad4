package org.dcom4j.rpc.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the PDU codec: any bytes either fail with {@link PduFormatException} (never
 * another exception, never an allocation driven by an unchecked length) or decode to a PDU that
 * prints, re-encodes (in little-endian drep), and whose re-encoding decodes and encodes to the same
 * bytes. Also feeds the verification-trailer scanner. The seed corpus is in
 * {@code src/test/resources/org/dcom4j/rpc/pdu/PduDecodeFuzzTestInputs/decodesPrintsAndReencodes/},
 * replayed by every {@code mvn test}.
 */
class PduDecodeFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodesPrintsAndReencodes(byte[] input) {
        VerificationTrailer.find(input).ifPresent(t -> assertTrue(t.offset() >= 0 && t.offset() < input.length));
        Pdu pdu;
        try {
            pdu = PduCodec.decode(input);
        } catch (PduFormatException expected) {
            return;
        }
        assertNotNull(pdu.toString());
        assertNotNull(pdu.body().toString());
        byte[] encoded;
        try {
            encoded = PduCodec.encode(pdu);
        } catch (PduFormatException tooLarge) {
            // Only possible when re-encoding adds bytes (a bind_ack secondary address gains its NUL and padding).
            return;
        }
        Pdu again = PduCodec.decode(encoded);
        assertArrayEquals(encoded, PduCodec.encode(again));
    }

    /**
     * jazzer-junit replays {@code <TestClass>Inputs/<method>/**} next to the test class; a renamed
     * method or directory would silently replay nothing.
     */
    @Test
    void seedCorpusIsWhereJazzerRegressionModeReadsIt() throws Exception {
        var dir = PduDecodeFuzzTest.class.getResource("PduDecodeFuzzTestInputs/decodesPrintsAndReencodes");
        assertNotNull(dir, "seed corpus directory missing");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            assertTrue(files.count() >= 10, "seed corpus too small");
        }
    }
}
