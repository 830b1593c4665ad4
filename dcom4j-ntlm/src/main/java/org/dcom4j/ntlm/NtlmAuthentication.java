package org.dcom4j.ntlm;

import java.util.Objects;
import org.dcom4j.security.Token;

/**
 * A successful AUTHENTICATE: the names as the client sent them, the token of the account (or
 * ANONYMOUS LOGON + NETWORK), and the session security context (MS-NLMP 3.4) for the server side.
 */
public record NtlmAuthentication(String domain, String user, String workstation, boolean anonymous, Token token,
        NtlmSession session) {
    public NtlmAuthentication {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workstation, "workstation");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(session, "session");
    }

    /** {@code DOMAIN}, a backslash, {@code user} (or ANONYMOUS LOGON) safe for a log line: control characters escaped, bounded length. */
    public String displayName() {
        return anonymous ? "ANONYMOUS LOGON" : NtlmServer.printable(domain) + "\\" + NtlmServer.printable(user);
    }
}
