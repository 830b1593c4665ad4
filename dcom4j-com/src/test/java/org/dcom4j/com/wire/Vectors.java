package org.dcom4j.com.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads {@code src/test/resources/vectors/<name>.hex} (made by {@code gen_vectors.py} with impacket 0.10.0). */
final class Vectors {
    private Vectors() {
    }

    static byte[] hex(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
