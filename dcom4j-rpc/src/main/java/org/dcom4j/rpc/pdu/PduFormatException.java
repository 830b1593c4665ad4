package org.dcom4j.rpc.pdu;

/**
 * Bytes that are not a well-formed connection-oriented PDU. The message names the field, its value
 * and the limit it broke ({@code frag_length=12, limit=16}); the PDU decoder throws nothing else.
 */
public final class PduFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PduFormatException(String message) {
        super(message);
    }
}
