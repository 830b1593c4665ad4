package org.dcom4j.rpc.pdu;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The sec_trailer and the auth value after it (C706 13.2.6.1 auth_verifier_co_t; MS-RPCE 2.2.2.11).
 * The trailer is the last {@code 8 + auth_length} bytes of the fragment; auth_pad_length bytes of
 * padding precede it so that it starts 4-aligned. The auth value is carried raw: authentication
 * (NTLMSSP and the rest) is a later layer. The array is owned by this record (copied in and out).
 *
 * <pre>
 *  0       1       2       3       4                               8
 * +-------+-------+-------+-------+-------------------------------+---------------------------+
 * | type  | level | pad   | rsvd  | auth_context_id (u32)         | auth_value (auth_length)  |
 * +-------+-------+-------+-------+-------------------------------+---------------------------+
 * </pre>
 */
public record AuthVerifier(int authType, int authLevel, int authPadLength, int authContextId, byte[] authValue) {
    /** Bytes of the sec_trailer before the auth value. */
    public static final int TRAILER_LENGTH = 8;

    public AuthVerifier {
        if ((authType & ~0xFF) != 0 || (authLevel & ~0xFF) != 0 || (authPadLength & ~0xFF) != 0) {
            throw new IllegalArgumentException("sec_trailer octet out of range: auth_type=" + authType
                    + ", auth_level=" + authLevel + ", auth_pad_length=" + authPadLength + ", limit=255");
        }
        authValue = authValue.clone();
        if (authValue.length > 0xFFFF) {
            throw new IllegalArgumentException("auth value too long: auth_length=" + authValue.length + ", limit=65535");
        }
    }

    @Override
    public byte[] authValue() {
        return authValue.clone();
    }

    int authLength() {
        return authValue.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthVerifier a && a.authType == authType && a.authLevel == authLevel
                && a.authPadLength == authPadLength && a.authContextId == authContextId && Arrays.equals(a.authValue, authValue);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(authValue) * 31 + authContextId;
    }

    @Override
    public String toString() {
        return "AuthVerifier[auth_type=" + authType + ", auth_level=" + authLevel + ", auth_pad_length=" + authPadLength
                + ", auth_context_id=" + Integer.toUnsignedString(authContextId) + ", auth_value=" + HexFormat.of().formatHex(authValue) + "]";
    }
}
