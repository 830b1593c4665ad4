package org.dcom4j.ndr;

import java.util.Objects;

/**
 * The NDR 2.0 codec of one annotated record type, derived once by reflection and cached.
 *
 * <p>A plain record is encoded as one top-level structure: its scalars, then its deferred pointer
 * referents (C706 14.3.12). A record annotated {@link NdrParameters} is an operation's parameter
 * list: each component is a top-level parameter followed by its own deferred referents.
 *
 * <p>The encoder always writes little-endian integers, ASCII characters and IEEE floats
 * ({@link DataRepresentation#NDR_LOCAL}); the decoder honours the sender's
 * {@link DataRepresentation}. Decoding any input either returns a value or throws
 * {@link NdrException}. Codecs are immutable and thread-safe; each call keeps its own state.
 *
 * @param <T> the record type
 */
public final class NdrCodec<T> {
    private static final ClassValue<NdrCodec<?>> CACHE = new ClassValue<>() {
        @Override
        protected NdrCodec<?> computeValue(Class<?> type) {
            return new NdrCodec<>(type, Derivation.struct(type));
        }
    };

    private final Class<T> type;
    private final StructCodec codec;

    private NdrCodec(Class<T> type, StructCodec codec) {
        this.type = type;
        this.codec = codec;
    }

    /**
     * The codec of {@code type}, derived on first use.
     *
     * @throws IllegalArgumentException when the type description is invalid (naming the component)
     */
    @SuppressWarnings("unchecked")
    public static <T extends Record> NdrCodec<T> of(Class<T> type) {
        return (NdrCodec<T>) CACHE.get(type);
    }

    public Class<T> type() {
        return type;
    }

    /** Encodes {@code value} into a new array. */
    public byte[] encode(T value) {
        NdrBuffer out = ScratchBuffers.take();
        try {
            encode(value, out);
            return out.toByteArray();
        } finally {
            ScratchBuffers.give(out);
        }
    }

    /**
     * Appends the encoding of {@code value} to {@code out}; alignment is relative to the start of
     * {@code out}, which must be the start of the NDR stream.
     *
     * @throws NdrException when the value cannot be represented (a null [ref] pointer, an array
     *                      whose length disagrees with its size_is field, …)
     */
    public void encode(T value, NdrBuffer out) {
        Objects.requireNonNull(value, "value");
        Writer w = new Writer(out);
        codec.writeScalars(w, value, null, false);
        codec.writeBuffers(w, value, null);
    }

    /** Decodes NDR data sent with the local data representation and the default limits. */
    public T decode(byte[] data) {
        return decode(data, 0, data.length, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT);
    }

    public T decode(byte[] data, DataRepresentation drep, NdrLimits limits) {
        return decode(data, 0, data.length, drep, limits);
    }

    /**
     * Decodes the {@code length} bytes at {@code offset} (the start of the NDR stream, for
     * alignment). Bytes left over are refused unless {@link NdrLimits#allowTrailing()}.
     */
    public T decode(byte[] data, int offset, int length, DataRepresentation drep, NdrLimits limits) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Reader r = new Reader(data, offset, length, drep, limits);
        Object v = codec.read(r, null);
        if (r.remaining() != 0 && !limits.allowTrailing()) {
            throw r.error("trailing bytes after " + type.getSimpleName() + ": trailing=" + r.remaining() + ", limit=0");
        }
        return type.cast(v);
    }
}
