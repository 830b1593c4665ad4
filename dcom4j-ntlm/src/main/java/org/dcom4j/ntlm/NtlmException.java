package org.dcom4j.ntlm;

import java.util.Objects;

/**
 * A refused or malformed NTLMSSP exchange. The {@link Reason} is for the caller's logic and audit; the
 * message is for logs and never contains key material. {@link Reason#LOGON_FAILURE} deliberately does
 * not say whether the user was unknown or the proof wrong.
 */
public final class NtlmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the exchange was refused. */
    public enum Reason {
        /** Bytes that are not a well-formed NTLMSSP message (MS-NLMP 2.2); the message names field, value, limit. */
        MALFORMED,
        /** A message out of order (AUTHENTICATE before CHALLENGE, a second AUTHENTICATE, wrong MessageType). */
        UNEXPECTED_MESSAGE,
        /** Unknown user or wrong NTLMv2 proof; the two are indistinguishable on purpose. */
        LOGON_FAILURE,
        /** The AUTHENTICATE names a domain this server does not serve. */
        UNKNOWN_DOMAIN,
        /** A 24-byte (NTLMv1) NtChallengeResponse. */
        NTLMV1_REFUSED,
        /** An LM-only response (no NtChallengeResponse for a named user). */
        LM_REFUSED,
        /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY was not negotiated. */
        EXTENDED_SESSION_SECURITY_REQUIRED,
        /** MsvAvFlags announces a MIC (0x2) but the MIC field is absent or all zero. */
        MIC_MISSING,
        /** The MIC does not match HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE). */
        MIC_INVALID,
        /** A challenge issued by our own server answered by our own client (NTLM reflection). */
        REFLECTED_CHALLENGE,
        /** The account exists but may not log on (reserved for account stores; see README). */
        ACCOUNT_DISABLED
    }

    private final Reason reason;

    public NtlmException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    static NtlmException malformed(String message) {
        return new NtlmException(Reason.MALFORMED, message);
    }
}
