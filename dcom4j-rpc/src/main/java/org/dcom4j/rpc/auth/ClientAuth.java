package org.dcom4j.rpc.auth;

import java.util.Objects;
import org.dcom4j.ntlm.NtlmCredentials;

/**
 * How a client authenticates an association: NTLMSSP at {@code level} with {@code credentials}
 * (anonymous NTLM with {@link NtlmCredentials#anonymous()}). {@link #NONE} binds without a verifier.
 *
 * @param level       {@link AuthLevel#CONNECT} .. {@link AuthLevel#PKT_PRIVACY}, or {@link AuthLevel#NONE}
 * @param credentials the account; null only with level NONE
 * @param workstation the name sent in the AUTHENTICATE message (may be empty)
 */
public record ClientAuth(int level, NtlmCredentials credentials, String workstation) {
    public static final ClientAuth NONE = new ClientAuth(AuthLevel.NONE, null, "");

    public ClientAuth {
        if (!AuthLevel.isValid(level)) {
            throw new IllegalArgumentException("authentication level out of range: level=" + level + ", limit=1..6");
        }
        if (level != AuthLevel.NONE) {
            Objects.requireNonNull(credentials, "credentials");
        }
        workstation = workstation == null ? "" : workstation;
    }

    public static ClientAuth ntlm(int level, NtlmCredentials credentials) {
        return new ClientAuth(level, credentials, "");
    }

    public boolean authenticates() {
        return level != AuthLevel.NONE;
    }

    @Override
    public String toString() {
        return "ClientAuth[level=" + AuthLevel.name(level) + (credentials == null ? "" : ", user=" + credentials.domain()
                + "\\" + credentials.user()) + "]";
    }
}
