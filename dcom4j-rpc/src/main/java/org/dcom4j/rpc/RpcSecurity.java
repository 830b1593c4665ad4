package org.dcom4j.rpc;

import java.util.Objects;
import java.util.Optional;
import org.dcom4j.ntlm.NtlmAccounts;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.security.SecurityEventSink;

/**
 * How a server authenticates callers and which calls it lets through.
 *
 * @param accounts        who may log on with NTLM (rpcss: the accounts store); anonymous NTLM needs none
 * @param ntlm            the names the server announces in its NTLM CHALLENGE
 * @param policy          the per-interface rule for remote calls ({@link InterfaceSecurity})
 * @param events          receives logon failures ({@code SecurityEvent.LOGON_FAILURE}) and refused calls
 * @param maxAuthContexts security contexts one connection may establish (bind + alter_context); more
 *                        are refused and the connection closed
 */
public record RpcSecurity(NtlmAccounts accounts, NtlmServerConfig ntlm, AuthPolicy policy, SecurityEventSink events,
                          int maxAuthContexts) {
    /** No accounts: only anonymous NTLM succeeds. */
    public static final NtlmAccounts NO_ACCOUNTS = (domain, user) -> Optional.empty();
    public static final int DEFAULT_MAX_AUTH_CONTEXTS = 16;

    public RpcSecurity {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(ntlm, "ntlm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(events, "events");
        if (maxAuthContexts < 1 || maxAuthContexts > 0xFFFF) {
            throw new IllegalArgumentException("maxAuthContexts=" + maxAuthContexts + ", limit=1..65535");
        }
    }

    /** No accounts, this host's names, {@link AuthPolicy#DEFAULT}, no event sink. */
    public static RpcSecurity defaults() {
        return new RpcSecurity(NO_ACCOUNTS, NtlmServerConfig.forLocalHost(), AuthPolicy.DEFAULT, SecurityEventSink.NONE,
                DEFAULT_MAX_AUTH_CONTEXTS);
    }

    public RpcSecurity withAccounts(NtlmAccounts a) {
        return new RpcSecurity(a, ntlm, policy, events, maxAuthContexts);
    }

    public RpcSecurity withNtlm(NtlmServerConfig n) {
        return new RpcSecurity(accounts, n, policy, events, maxAuthContexts);
    }

    public RpcSecurity withPolicy(AuthPolicy p) {
        return new RpcSecurity(accounts, ntlm, p, events, maxAuthContexts);
    }

    public RpcSecurity withEvents(SecurityEventSink e) {
        return new RpcSecurity(accounts, ntlm, policy, e, maxAuthContexts);
    }

    public RpcSecurity withMaxAuthContexts(int n) {
        return new RpcSecurity(accounts, ntlm, policy, events, n);
    }
}
