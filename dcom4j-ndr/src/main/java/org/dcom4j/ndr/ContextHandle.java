package org.dcom4j.ndr;

import java.util.UUID;

/**
 * An RPC context handle on the wire (C706 14.3.13 / MS-RPCE 2.2.4.2.1): 20 bytes, aligned to 4.
 *
 * <pre>
 *  0            4                                  20
 * +------------+----------------------------------+
 * | attributes | uuid (NDR GUID, 16 bytes)        |
 * +------------+----------------------------------+
 * </pre>
 * The NULL context handle is all zeros ({@link #NULL}).
 */
public record ContextHandle(int attributes, UUID uuid) {
    public static final ContextHandle NULL = new ContextHandle(0, new UUID(0, 0));

    public ContextHandle {
        if (uuid == null) {
            throw new NullPointerException("uuid");
        }
    }

    public boolean isNull() {
        return attributes == 0 && uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0;
    }
}
