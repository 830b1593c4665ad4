package org.dcom4j.ntlm;

import java.util.Objects;
import org.dcom4j.security.Token;

/**
 * One account as the store hands it out: the canonical user name, its NT hash (MS-NLMP 3.3.1 NTOWFv1,
 * 16 bytes, password-equivalent: copied in and out, never printed) and the token a caller
 * authenticated as this account receives.
 */
public record NtlmAccount(String user, byte[] ntHash, Token token) {
    public NtlmAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        if (ntHash.length != NtHash.LENGTH) {
            throw new IllegalArgumentException("NT hash length=" + ntHash.length + ", expected=" + NtHash.LENGTH);
        }
        ntHash = ntHash.clone();
    }

    @Override
    public byte[] ntHash() {
        return ntHash.clone();
    }

    /** Zeroes this record's copy of the hash, for a store that hands out a fresh record per lookup and is done with it. */
    public void wipe() {
        java.util.Arrays.fill(ntHash, (byte) 0);
    }

    @Override
    public String toString() {
        return "NtlmAccount[user=" + user + ", token=" + token.name() + "]";
    }
}
