package org.dcom4j.rpc.pdu;

import java.util.Arrays;
import java.util.UUID;

/**
 * Bounded reads in the byte order a PDU's drep names, and little-endian writes (we always send
 * drep {@code 10 00 00 00}: little-endian integers, ASCII, IEEE floats). Not thread-safe; one per
 * decode or encode.
 */
final class Wire {
    private Wire() {
    }

    /**
     * A cursor over {@code b[pos, limit)}; every read checks the bytes left first. Positions it reports
     * ({@link #pos}, error offsets) are relative to {@code base}, the start of the fragment in {@code b}.
     */
    static final class Reader {
        private final byte[] b;
        private final int base;
        private final int limit;
        private final boolean little;
        private int pos;

        private static final byte[] NO_BYTES = {};

        Reader(byte[] b, int base, int pos, int limit, boolean little) {
            this.b = b;
            this.base = base;
            this.pos = pos;
            this.limit = limit;
            this.little = little;
        }

        int pos() {
            return pos - base;
        }

        int left() {
            return limit - pos;
        }

        void need(int n, String field) {
            if (n < 0 || n > limit - pos) {
                throw new PduFormatException("truncated " + field + ": needs=" + n + ", bytes left=" + (limit - pos) + ", offset=" + (pos - base));
            }
        }

        int u8(String field) {
            need(1, field);
            return b[pos++] & 0xFF;
        }

        int u16(String field) {
            need(2, field);
            int v = little ? (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 : (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int u32(String field) {
            need(4, field);
            int v = little
                    ? (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24
                    : (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        /** An NDR uuid_t: time_low u32, time_mid u16, time_hi u16 in the drep order, then 8 bytes as they are. */
        UUID uuid(String field) {
            need(16, field);
            long msb = Integer.toUnsignedLong(u32(field)) << 32 | (long) u16(field) << 16 | u16(field);
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                lsb = lsb << 8 | (b[pos++] & 0xFF);
            }
            return new UUID(msb, lsb);
        }

        SyntaxId syntax(String field) {
            UUID uuid = uuid(field);
            int version = u32(field);
            return new SyntaxId(uuid, version & 0xFFFF, version >>> 16);
        }

        byte[] bytes(int n, String field) {
            need(n, field);
            if (n == 0) {
                return NO_BYTES; // empty: nothing to own
            }
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        void skip(int n, String field) {
            need(n, field);
            pos += n;
        }
    }

    /** A growable little-endian writer for one PDU; {@link #toByteArray} ends its use and hands the caller the bytes. */
    static final class Writer {
        private byte[] b;
        private int pos;

        Writer(int capacity) {
            b = new byte[Math.max(capacity, 16)];
        }

        int pos() {
            return pos;
        }

        private void ensure(int n) {
            if (pos + n > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, pos + n));
            }
        }

        Writer u8(int v) {
            ensure(1);
            b[pos++] = (byte) v;
            return this;
        }

        Writer u16(int v) {
            ensure(2);
            b[pos++] = (byte) v;
            b[pos++] = (byte) (v >>> 8);
            return this;
        }

        Writer u32(int v) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                b[pos++] = (byte) (v >>> (8 * i));
            }
            return this;
        }

        Writer uuid(UUID u) {
            long msb = u.getMostSignificantBits();
            u32((int) (msb >>> 32)).u16((int) (msb >>> 16)).u16((int) msb);
            long lsb = u.getLeastSignificantBits();
            ensure(8);
            for (int i = 0; i < 8; i++) {
                b[pos++] = (byte) (lsb >>> (8 * (7 - i)));
            }
            return this;
        }

        Writer syntax(SyntaxId s) {
            return uuid(s.uuid()).u32(s.major() | s.minor() << 16);
        }

        Writer bytes(byte[] src) {
            ensure(src.length);
            System.arraycopy(src, 0, b, pos, src.length);
            pos += src.length;
            return this;
        }

        Writer zeros(int n) {
            ensure(n);
            pos += n;
            return this;
        }

        Writer align(int to) {
            return zeros((to - pos % to) % to);
        }

        void putU16At(int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
        }

        /** The bytes written: the writer's own array when it is exactly full (the writer is not used after). */
        byte[] toByteArray() {
            return pos == b.length ? b : Arrays.copyOf(b, pos);
        }
    }
}
