package org.dcom4j.rpc;

import org.dcom4j.rpc.auth.AuthLevel;

/**
 * The server's rule for remote calls to an interface: what the interface declares, adjusted by the
 * machine (rpcss reads a machine-wide minimum level and per-interface overrides from the config
 * store). Consulted on every remote call, so implementations must be fast and thread-safe: answer
 * from an immutable snapshot.
 *
 * <p>The machine-wide minimum applies to interfaces that admit only authenticated callers; an
 * interface that admits anonymous callers keeps its own minimum for authenticated ones (refusing a
 * connect-level logon that anyone could replace by no logon at all protects nothing).
 */
@FunctionalInterface
public interface AuthPolicy {
    /**
     * Every interface as it declares itself, with the machine-wide minimum {@link AuthLevel#PKT_INTEGRITY}:
     * a connect-level logon signs nothing after the handshake, so a relayed NTLM exchange would give an
     * attacker the victim's identity (the reason for Windows' DCOM hardening, CVE-2021-26414).
     */
    AuthPolicy DEFAULT = machineMinimum(AuthLevel.PKT_INTEGRITY);

    InterfaceSecurity effective(InterfaceId iface, InterfaceSecurity declared);

    /** The declared rule with its minimum level raised to at least {@code level}, unless it admits anonymous callers. */
    static AuthPolicy machineMinimum(int level) {
        if (!AuthLevel.isValid(level)) {
            throw new IllegalArgumentException("minimum level out of range: level=" + level + ", limit=1..6");
        }
        return (iface, declared) -> declared.allowAnonymous() || declared.minimumAuthLevel() >= level
                ? declared : declared.withMinimumAuthLevel(level);
    }
}
