package org.dcom4j.com.wire;

import java.util.UUID;

/**
 * A bounded little-endian cursor over a caller-owned array, for the layouts that are not NDR
 * (OBJREF, packed DUALSTRINGARRAY, the activation BLOB framing). Every read checks the bytes left
 * and fails with {@link WireFormatException}; never an index exception. One caller, one thread.
 */
final class LeReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    LeReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new WireFormatException("range off=" + off + ", len=" + len + ", limit=" + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    void need(String field, long n) {
        if (n < 0 || n > remaining()) {
            throw new WireFormatException("truncated: " + field + " needs " + n + " bytes, remaining=" + remaining()
                    + ", offset=" + pos);
        }
    }

    int u16(String field) {
        need(field, 2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32(String field) {
        need(field, 4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long i64(String field) {
        need(field, 8);
        long lo = i32(field) & 0xFFFFFFFFL;
        long hi = i32(field) & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    UUID guid(String field) {
        need(field, 16);
        long d1 = i32(field) & 0xFFFFFFFFL;
        long d2 = u16(field);
        long d3 = u16(field);
        long msb = d1 << 32 | d2 << 16 | d3;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (buf[pos++] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    byte[] bytes(String field, long n) {
        need(field, n);
        byte[] b = new byte[(int) n];
        System.arraycopy(buf, pos, b, 0, (int) n);
        pos += (int) n;
        return b;
    }

    void skip(String field, long n) {
        need(field, n);
        pos += (int) n;
    }
}
