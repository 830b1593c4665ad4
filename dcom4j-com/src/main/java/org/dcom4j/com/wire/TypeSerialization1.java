package org.dcom4j.com.wire;

import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;

/**
 * NDR type serialization version 1 (MS-RPCE 2.2.6), the framing of each activation property: one
 * top-level NDR structure (with its deferred referents), prefixed by two headers and padded to 8.
 * The NDR engine has no such framing, so it lives here, around {@link NdrCodec}.
 * <pre>
 * common header (2.2.6.1):  Version=1 (1) | Endianness 0x10 LE / 0x00 BE (1) | CommonHeaderLength=8 (2) | Filler 0xCCCCCCCC (4)
 * private header (2.2.6.2): ObjectBufferLength (4) | Filler 0xCCCCCCCC (4)
 * NDR data (ObjectBufferLength bytes, aligned relative to its own start) | padding to a multiple of 8
 * </pre>
 * We write ObjectBufferLength including the padding (a multiple of 8) and zero padding; on receipt we
 * accept impacket's unpadded length as well. Stateless, thread-safe.
 */
public final class TypeSerialization1 {
    public static final int HEADER_SIZE = 16;
    private static final int FILLER = 0xCCCCCCCC;

    private TypeSerialization1() {
    }

    /** A decoded value and the bytes it took: headers, NDR data and padding up to 8. */
    public record Decoded<T>(T value, int length) {
    }

    public static <T extends Record> byte[] encode(NdrCodec<T> codec, T value) {
        byte[] ndr;
        try {
            ndr = codec.encode(value);
        } catch (NdrException e) {
            throw new WireFormatException("cannot encode " + codec.type().getSimpleName() + ": " + e.getMessage(), e);
        }
        int padded = (ndr.length + 7) & ~7;
        LeWriter w = new LeWriter();
        w.bytes(new byte[] {1, 0x10, 8, 0}).i32(FILLER).i32(padded).i32(FILLER).bytes(ndr);
        w.pad(8, 0);
        return w.toByteArray();
    }

    public static <T extends Record> T decode(NdrCodec<T> codec, byte[] b) {
        return decode(codec, b, 0, b.length, NdrLimits.DEFAULT).value();
    }

    /**
     * Decodes one serialized value at {@code b[off, off+len)}; bytes after it (the padding and beyond)
     * are not examined, {@link Decoded#length()} says how far it reached.
     */
    public static <T extends Record> Decoded<T> decode(NdrCodec<T> codec, byte[] b, int off, int len, NdrLimits limits) {
        LeReader r = new LeReader(b, off, len);
        r.need("type serialization header", HEADER_SIZE);
        int version = b[off] & 0xFF;
        int endianness = b[off + 1] & 0xFF;
        if (version != 1) {
            throw new WireFormatException("TS1 Version=" + version + ", expected=1");
        }
        if (endianness != 0x10 && endianness != 0x00) {
            throw new WireFormatException(String.format("TS1 Endianness=0x%02X, expected 0x10 or 0x00", endianness));
        }
        boolean little = endianness == 0x10;
        int headerLength = little ? (b[off + 2] & 0xFF) | (b[off + 3] & 0xFF) << 8 : (b[off + 3] & 0xFF) | (b[off + 2] & 0xFF) << 8;
        if (headerLength != 8) {
            throw new WireFormatException("TS1 CommonHeaderLength=" + headerLength + ", expected=8");
        }
        int p = off + 8;
        long objectBufferLength = little
                ? (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                : (b[p + 3] & 0xFFL) | (b[p + 2] & 0xFFL) << 8 | (b[p + 1] & 0xFFL) << 16 | (b[p] & 0xFFL) << 24;
        if (objectBufferLength > len - HEADER_SIZE) {
            throw new WireFormatException("TS1 ObjectBufferLength=" + objectBufferLength + ", limit=" + (len - HEADER_SIZE));
        }
        DataRepresentation drep = little ? DataRepresentation.NDR_LOCAL : DataRepresentation.BIG_ENDIAN;
        T value;
        try {
            value = codec.decode(b, off + HEADER_SIZE, (int) objectBufferLength, drep, limits.withTrailingAllowed(true));
        } catch (NdrException e) {
            throw new WireFormatException(codec.type().getSimpleName() + ": " + e.getMessage(), e);
        }
        int used = HEADER_SIZE + (int) objectBufferLength;
        return new Decoded<>(value, Math.min(len, (used + 7) & ~7));
    }
}
