package org.dcom4j.ndr;

import java.util.Arrays;

/**
 * A growable output buffer for NDR data, always little-endian. Alignment is relative to the start
 * of the buffer, which must be the start of the NDR stream (the stub). Not thread-safe; the owner
 * may {@link #reset()} and reuse it for the next call to avoid allocating.
 */
public final class NdrBuffer {
    private byte[] buf;
    private int size;

    public NdrBuffer() {
        this(256);
    }

    public NdrBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets the contents, keeping the storage. */
    public NdrBuffer reset() {
        size = 0;
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The backing array (valid up to {@link #size()}); it changes when the buffer grows. */
    public byte[] array() {
        return buf;
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 8) {
                throw new NdrException("NDR output too large: size=" + size + ", more=" + more, size);
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** Pads with zeros to a multiple of {@code n} (1, 2, 4 or 8). */
    public void align(int n) {
        int pad = (-size) & (n - 1);
        ensure(pad);
        for (int i = 0; i < pad; i++) {
            buf[size++] = 0;
        }
    }

    public void put8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    public void put16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
    }

    public void put32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
    }

    public void put64(long v) {
        put32((int) v);
        put32((int) (v >>> 32));
    }

    public void putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }
}
