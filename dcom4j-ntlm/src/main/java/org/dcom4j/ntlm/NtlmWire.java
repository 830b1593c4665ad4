package org.dcom4j.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bounded little-endian access to one NTLMSSP message (MS-NLMP 2.2.1): the fixed header and the
 * payload fields it points at. Every read checks against the message length; every failure is an
 * {@link NtlmException} with reason MALFORMED naming the field, its value and the limit.
 *
 * <pre>
 * A payload field descriptor (8 bytes):
 * +---------------+---------------+-------------------------------+
 * | Len (u16)     | MaxLen (u16)  | BufferOffset (u32, from msg 0)|
 * +---------------+---------------+-------------------------------+
 * </pre>
 */
final class NtlmWire {
    /** Largest message accepted or produced (the RPC auth_length is a u16; nothing legitimate is near). */
    static final int MAX_MESSAGE = 64 * 1024;
    static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

    private NtlmWire() {
    }

    /** Checks the signature, MessageType and overall size; returns nothing, throws MALFORMED/UNEXPECTED_MESSAGE. */
    static void header(byte[] m, int minLength, int type, String what) throws NtlmException {
        if (m == null) {
            throw NtlmException.malformed(what + ": message=null");
        }
        if (m.length > MAX_MESSAGE) {
            throw NtlmException.malformed(what + " too long: length=" + m.length + ", limit=" + MAX_MESSAGE);
        }
        if (m.length < minLength) {
            throw NtlmException.malformed(what + " truncated: length=" + m.length + ", limit=" + minLength);
        }
        if (!Arrays.equals(m, 0, 8, SIGNATURE, 0, 8)) {
            throw NtlmException.malformed(what + ": Signature is not NTLMSSP\\0");
        }
        int actual = u32(m, 8);
        if (actual != type) {
            throw new NtlmException(NtlmException.Reason.UNEXPECTED_MESSAGE,
                    what + ": MessageType=" + Integer.toUnsignedString(actual) + ", expected=" + type);
        }
    }

    static int u16(byte[] m, int at) {
        return (m[at] & 0xFF) | (m[at + 1] & 0xFF) << 8;
    }

    static int u32(byte[] m, int at) {
        return (m[at] & 0xFF) | (m[at + 1] & 0xFF) << 8 | (m[at + 2] & 0xFF) << 16 | (m[at + 3] & 0xFF) << 24;
    }

    static long u64(byte[] m, int at) {
        return Integer.toUnsignedLong(u32(m, at)) | (long) u32(m, at + 4) << 32;
    }

    static void put16(byte[] m, int at, int v) {
        m[at] = (byte) v;
        m[at + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] m, int at, int v) {
        m[at] = (byte) v;
        m[at + 1] = (byte) (v >>> 8);
        m[at + 2] = (byte) (v >>> 16);
        m[at + 3] = (byte) (v >>> 24);
    }

    static void put64(byte[] m, int at, long v) {
        put32(m, at, (int) v);
        put32(m, at + 4, (int) (v >>> 32));
    }

    /** The bytes a field descriptor at {@code at} points to; offset and length checked against the message. */
    static byte[] field(byte[] m, int at, String name) throws NtlmException {
        int len = u16(m, at);
        long offset = Integer.toUnsignedLong(u32(m, at + 4));
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > m.length) {
            throw NtlmException.malformed(name + " outside message: offset=" + offset + ", length=" + len + ", limit=" + m.length);
        }
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    /** BufferOffset of a non-empty field, or {@code Long.MAX_VALUE} for an empty one. */
    static long fieldOffset(byte[] m, int at) {
        return u16(m, at) == 0 ? Long.MAX_VALUE : Integer.toUnsignedLong(u32(m, at + 4));
    }

    static String string(byte[] raw, boolean unicode, String name) throws NtlmException {
        if (!unicode) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        if ((raw.length & 1) != 0) {
            throw NtlmException.malformed(name + " is not UTF-16LE: length=" + raw.length + ", must be even");
        }
        try {
            return StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw NtlmException.malformed(name + " is not UTF-16LE: " + e.getMessage());
        }
    }

    static byte[] encode(String s, boolean unicode) {
        return s.getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    /**
     * Builds a message: a fixed header of {@code headerLength} bytes whose field descriptors are filled
     * by {@link #payload}, which appends in call order. Not thread-safe; one per encode.
     */
    static final class Builder {
        private final byte[] header;
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

        Builder(int headerLength, int type) {
            header = new byte[headerLength];
            System.arraycopy(SIGNATURE, 0, header, 0, 8);
            put32(header, 8, type);
        }

        byte[] header() {
            return header;
        }

        Builder payload(int descriptorAt, byte[] value) {
            int offset = header.length + payload.size();
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("payload field too long: length=" + value.length + ", limit=65535");
            }
            put16(header, descriptorAt, value.length);
            put16(header, descriptorAt + 2, value.length);
            put32(header, descriptorAt + 4, offset);
            payload.writeBytes(value);
            return this;
        }

        byte[] build() {
            byte[] out = Arrays.copyOf(header, header.length + payload.size());
            byte[] p = payload.toByteArray();
            System.arraycopy(p, 0, out, header.length, p.length);
            if (out.length > MAX_MESSAGE) {
                throw new IllegalArgumentException("NTLMSSP message too long: length=" + out.length + ", limit=" + MAX_MESSAGE);
            }
            return out;
        }
    }
}
