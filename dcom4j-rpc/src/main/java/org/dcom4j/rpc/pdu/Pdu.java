package org.dcom4j.rpc.pdu;

import java.util.Objects;

/**
 * One decoded connection-oriented PDU fragment: the header fields that are not lengths, the body,
 * and the optional auth verifier. Lengths (frag_length, auth_length) are derived on encode.
 * Immutable apart from the stub arrays the body owns (see {@link PduBody}).
 *
 * @param versMinor rpc_vers_minor (0 or 1)
 * @param flags     pfc_flags ({@link PfcFlags})
 * @param drep      the sender's drep as decoded; {@link PduCodec#encode} always sends little-endian
 * @param auth      the sec_trailer and auth value, or null
 */
public record Pdu(int versMinor, int flags, int drep, int callId, PduBody body, AuthVerifier auth) {
    public Pdu {
        Objects.requireNonNull(body, "body");
        if (versMinor != 0 && versMinor != 1 || (flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("header out of range: rpc_vers_minor=" + versMinor + ", pfc_flags=" + flags);
        }
    }

    /** A PDU as this runtime sends it: rpc_vers 5.0, little-endian drep, no auth verifier. */
    public static Pdu of(int flags, int callId, PduBody body) {
        return new Pdu(0, flags, PduHeader.DREP_LITTLE_ENDIAN, callId, body, null);
    }

    public int ptype() {
        return body.ptype();
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
