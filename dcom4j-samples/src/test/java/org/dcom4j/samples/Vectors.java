package org.dcom4j.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Loads the hex stub vectors of {@code src/test/resources/vectors/} (whitespace ignored). */
final class Vectors {
    private Vectors() {
    }

    static byte[] load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no vector: " + name);
            }
            return hex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
