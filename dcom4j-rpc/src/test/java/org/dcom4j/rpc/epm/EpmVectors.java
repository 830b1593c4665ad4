package org.dcom4j.rpc.epm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads {@code src/test/resources/vectors/epm/NAME.hex}: hex digits, whitespace and {@code #} comments. */
final class EpmVectors {
    private EpmVectors() {
    }

    static byte[] load(String name) {
        try (InputStream in = EpmVectors.class.getResourceAsStream("/vectors/epm/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
