package org.dcom4j.ntlm;

import java.util.Optional;

/**
 * The account store NtlmServer asks for a user's NT hash. Implementations match {@code user}
 * case-insensitively (as Windows does) and may ignore {@code domain}, which NtlmServer has already
 * checked against its own names. Called once per AUTHENTICATE, possibly from several threads at once.
 */
@FunctionalInterface
public interface NtlmAccounts {
    Optional<NtlmAccount> find(String domain, String user);
}
