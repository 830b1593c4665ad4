package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the {@code .reg} parser: for any bytes, only {@link RegFileException} may escape; whatever
 * parses is printed and re-parsed to the same operations (decode, print, re-encode). The seed corpus
 * in {@code src/test/resources/org/dcom4j/config/RegFileFuzzTestInputs/parsesArbitraryRegText/} is
 * replayed by every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class RegFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesArbitraryRegText(byte[] data) {
        RegFile parsed;
        try {
            parsed = RegFile.parse(data);
        } catch (RegFileException expected) {
            return;
        }
        String printed = parsed.format();
        RegFile again = RegFile.parse(printed);
        assertEquals(withoutLines(parsed.operations()), withoutLines(again.operations()), printed);
        assertEquals(printed, again.format());
    }

    /** Operations compared without their line numbers, which printing changes. */
    private static List<String> withoutLines(List<RegOp> ops) {
        return ops.stream().map(op -> switch (op) {
            case RegOp.CreateKey k -> "create " + k.key();
            case RegOp.DeleteKey k -> "delete " + k.key();
            case RegOp.SetValue v -> "set " + v.key() + " " + v.value().name() + " " + v.value().type() + " "
                    + java.util.HexFormat.of().formatHex(v.value().data());
            case RegOp.DeleteValue v -> "unset " + v.key() + " " + v.name();
        }).toList();
    }
}
