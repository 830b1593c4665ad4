package org.dcom4j.com.wire;

/**
 * Bytes that are not a valid DCOM structure, or a value that cannot be encoded. The only exception
 * the decoders of this package let escape for any input; an {@code NdrException} from a nested NDR
 * decode is its cause. Messages name the field, its value and the limit ({@code field=value, limit=N}).
 */
public final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
