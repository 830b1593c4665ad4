package org.dcom4j.ntlm;

import java.util.Objects;

/**
 * What a client authenticates with: domain and user as they will be sent, and the NT hash
 * (password-equivalent; copied in and out, never printed). Anonymous = empty user and empty hash.
 */
public record NtlmCredentials(String domain, String user, byte[] ntHash) {
    public NtlmCredentials {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        if (ntHash.length != 0 && ntHash.length != NtHash.LENGTH) {
            throw new IllegalArgumentException("NT hash length=" + ntHash.length + ", expected=" + NtHash.LENGTH);
        }
        ntHash = ntHash.clone();
    }

    public static NtlmCredentials of(String domain, String user, char[] password) {
        return new NtlmCredentials(domain, user, NtHash.of(password));
    }

    /** The NULL session (MS-NLMP 3.2.5.1.2 anonymous): no user, no domain, no hash. */
    public static NtlmCredentials anonymous() {
        return new NtlmCredentials("", "", new byte[0]);
    }

    public boolean isAnonymous() {
        return user.isEmpty() && ntHash.length == 0;
    }

    @Override
    public byte[] ntHash() {
        return ntHash.clone();
    }

    /** Package-private view without a copy, for the key computations. */
    byte[] hash() {
        return ntHash;
    }

    @Override
    public String toString() {
        return "NtlmCredentials[domain=" + domain + ", user=" + user + (isAnonymous() ? ", anonymous" : ", ntHash=<hidden>") + "]";
    }
}
