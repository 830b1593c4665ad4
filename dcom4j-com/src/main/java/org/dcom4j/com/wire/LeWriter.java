package org.dcom4j.com.wire;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

/** Little-endian output for the non-NDR layouts; the counterpart of {@link LeReader}. Not thread-safe. */
final class LeWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    LeWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    LeWriter i32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    LeWriter i64(long v) {
        return i32((int) v).i32((int) (v >>> 32));
    }

    LeWriter guid(UUID u) {
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        i32((int) (msb >>> 32));
        u16((int) (msb >>> 16));
        u16((int) msb);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (lsb >>> (8 * i)));
        }
        return this;
    }

    LeWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    LeWriter pad(int alignment, int value) {
        while (out.size() % alignment != 0) {
            out.write(value);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
