package org.dcom4j.ndr;

/**
 * Bad NDR data or a value that cannot be represented. On decode it is the only exception that
 * escapes for any input; {@link #offset()} is the stream offset (relative to the start of the NDR
 * data) where the problem was found, or -1 when not tied to a position.
 */
public final class NdrException extends RuntimeException {
    private final int offset;

    public NdrException(String message, int offset) {
        super(offset >= 0 ? message + ", offset=" + offset : message);
        this.offset = offset;
    }

    public NdrException(String message, int offset, Throwable cause) {
        super(offset >= 0 ? message + ", offset=" + offset : message, cause);
        this.offset = offset;
    }

    /** Where in the NDR stream the problem was found, or -1. */
    public int offset() {
        return offset;
    }
}
