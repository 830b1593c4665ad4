package org.dcom4j.rpc;

import org.dcom4j.rpc.auth.AuthLevel;

/**
 * The server's rule for remote calls to an interface: what the interface declares, adjusted by the
 * machine (rpcss reads a machine-wide minimum level and per-interface overrides from the config
 * store). Consulted on every remote call, so implementations must be fast and thread-safe: answer
 * from an immutable snapshot.
 */
@FunctionalInterface
public interface AuthPolicy {
    /** Every interface as it declares itself, with the machine-wide minimum {@link AuthLevel#CONNECT}. */
    AuthPolicy DEFAULT = machineMinimum(AuthLevel.CONNECT);

    InterfaceSecurity effective(InterfaceId iface, InterfaceSecurity declared);

    /** The declared rule with its minimum level raised to at least {@code level}. */
    static AuthPolicy machineMinimum(int level) {
        if (!AuthLevel.isValid(level)) {
            throw new IllegalArgumentException("minimum level out of range: level=" + level + ", limit=1..6");
        }
        return (iface, declared) -> declared.minimumAuthLevel() >= level ? declared : declared.withMinimumAuthLevel(level);
    }
}
