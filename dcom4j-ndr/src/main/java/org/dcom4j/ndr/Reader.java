package org.dcom4j.ndr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

/**
 * Decoding state for one decode call: the input window, the data representation, the limits, the
 * nesting depth, the allocation estimate and the full-pointer table. Confined to one thread.
 */
final class Reader {
    static final Object IN_PROGRESS = new Object();
    private static final Charset EBCDIC = Charset.forName("IBM037");
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private final int base;
    private final int limit;
    private int pos;
    final DataRepresentation drep;
    final NdrLimits limits;
    private int depth;
    private long allocated;
    private Map<Integer, Object> full;

    Reader(byte[] buf, int offset, int length, DataRepresentation drep, NdrLimits limits) {
        this.buf = buf;
        this.base = offset;
        this.pos = offset;
        this.limit = offset + length;
        this.drep = drep;
        this.limits = limits;
    }

    /** Offset relative to the start of the NDR stream, for messages. */
    int offset() {
        return pos - base;
    }

    int remaining() {
        return limit - pos;
    }

    NdrException error(String message) {
        return new NdrException(message, offset());
    }

    private void need(int n, String what) {
        if (limit - pos < n) {
            throw error(what + " truncated: needs=" + n + ", bytes left=" + (limit - pos));
        }
    }

    void align(int n) {
        int pad = (-(pos - base)) & (n - 1);
        need(pad, "alignment padding");
        pos += pad;
    }

    int u8() {
        need(1, "small");
        return buf[pos++] & 0xFF;
    }

    int u16() {
        align(2);
        need(2, "short");
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        pos += 2;
        return drep.littleEndian() ? a | (b << 8) : (a << 8) | b;
    }

    int i32() {
        align(4);
        return raw32();
    }

    /** 32 bits without alignment (inside a GUID, already aligned). */
    int raw32() {
        need(4, "long");
        int v = drep.littleEndian() ? (int) LE32.get(buf, pos) : (int) BE32.get(buf, pos);
        pos += 4;
        return v;
    }

    long i64() {
        align(8);
        need(8, "hyper");
        long a = Integer.toUnsignedLong(raw32());
        long b = Integer.toUnsignedLong(raw32());
        return drep.littleEndian() ? a | (b << 32) : (a << 32) | b;
    }

    /** A count (max_count, offset, actual_count): unsigned 32 bits, refused at 2^31 or more. */
    int count(String field) {
        int v = i32();
        if (v < 0) {
            throw new NdrException(field + "=" + Integer.toUnsignedLong(v) + ", limit=" + Integer.MAX_VALUE, offset() - 4);
        }
        return v;
    }

    /**
     * Refuses {@code count} elements of at least {@code wireSize} bytes each when fewer bytes are left;
     * the message names {@code name + field} (joined only then: this runs for every array).
     */
    void checkCount(String name, String field, long count, int wireSize) {
        long needs = count * Math.max(1, wireSize);
        if (needs > remaining()) {
            throw error(name + field + "=" + count + " larger than the bytes left: needs=" + needs + ", bytes left=" + remaining());
        }
    }

    /** Accounts {@code bytes} of Java memory before it is allocated. */
    void allocate(long bytes) {
        allocated += bytes;
        if (allocated > limits.maxAllocation()) {
            throw error("decoded data too large: allocation=" + allocated + ", limit=" + limits.maxAllocation());
        }
    }

    /**
     * A GUID's 16 bytes at the current (aligned) position: Data1..Data3 in the drep's byte order, Data4
     * as it is. With fewer than 16 bytes left it reads field by field, so the error names the field
     * that is cut.
     */
    java.util.UUID uuid() {
        if (limit - pos < 16) {
            long d1 = Integer.toUnsignedLong(raw32());
            long d2 = u16();
            long d3 = u16();
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                lo = (lo << 8) | u8();
            }
            return new java.util.UUID((d1 << 32) | (d2 << 16) | d3, lo);
        }
        int p = pos;
        long d1;
        long d2;
        long d3;
        if (drep.littleEndian()) {
            d1 = Integer.toUnsignedLong((int) LE32.get(buf, p));
            d2 = Short.toUnsignedLong((short) LE16.get(buf, p + 4));
            d3 = Short.toUnsignedLong((short) LE16.get(buf, p + 6));
        } else {
            d1 = Integer.toUnsignedLong((int) BE32.get(buf, p));
            d2 = Short.toUnsignedLong((short) BE16.get(buf, p + 4));
            d3 = Short.toUnsignedLong((short) BE16.get(buf, p + 6));
        }
        long lo = (long) BE64.get(buf, p + 8);
        pos = p + 16;
        return new java.util.UUID((d1 << 32) | (d2 << 16) | d3, lo);
    }

    void bytes(byte[] dst) {
        need(dst.length, "byte array");
        System.arraycopy(buf, pos, dst, 0, dst.length);
        pos += dst.length;
    }

    String chars(int n, boolean wide) {
        if (wide) {
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = (char) u16();
            }
            return new String(c);
        }
        need(n, "char string");
        String s = new String(buf, pos, n, drep.ebcdic() ? EBCDIC : java.nio.charset.StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    void enter() {
        if (++depth > limits.maxDepth()) {
            throw error("nesting too deep: depth=" + depth + ", limit=" + limits.maxDepth());
        }
    }

    void leave() {
        depth--;
    }

    Map<Integer, Object> fullPointers() {
        if (full == null) {
            full = new HashMap<>();
        }
        return full;
    }

    void checkFloat() {
        if (drep.floatFormat() != DataRepresentation.FLOAT_IEEE) {
            String[] names = {"IEEE", "VAX", "Cray", "IBM"};
            throw error("float representation not supported: floatFormat=" + names[drep.floatFormat()] + ", supported=IEEE");
        }
    }
}
