package org.dcom4j.rpcss.dcom;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Refreshing;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.DcomSettings;
import org.dcom4j.security.SecurityEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link DcomAccessPolicy} rpcss decides activations with, built from the config store with
 * the event log as its sink, and the minimum authentication level of remote activation — an immutable
 * snapshot re-read when it is older than the refresh interval (as RpcssSecurity's RPC policy is), so
 * {@code dcom4j config …} changes reach the running daemon within seconds without a lock on the
 * decision path.
 *
 * <pre>
 *   HKLM\SOFTWARE\dcom4j\Rpc   ActivationMinimumAuthenticationLevel   REG_DWORD 1..6, default 5 (PKT_INTEGRITY):
 *                                                                      remote activation below it gets E_ACCESSDENIED
 * </pre>
 * A value of the wrong type or out of range is ignored with a warning. Thread-safe.
 */
final class ActivationPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationPolicy.class);
    static final String RPC_KEY = "HKLM\\SOFTWARE\\dcom4j\\Rpc";
    static final String ACTIVATION_MINIMUM_LEVEL = "ActivationMinimumAuthenticationLevel";

    record Snapshot(DcomAccessPolicy policy, int activationMinimumLevel) {
        boolean logFailures() {
            return policy.settings().callFailureLoggingLevel() == DcomSettings.LOG_ALWAYS;
        }
    }

    private final Registry registry;
    private final SecurityEventSink sink;
    private final Refreshing<Snapshot> snapshot;

    ActivationPolicy(Registry registry, SecurityEventSink sink, long refreshNanos) {
        this.registry = registry;
        this.sink = sink;
        this.snapshot = new Refreshing<>(this::load, refreshNanos, "DCOM policy");
    }

    Snapshot current() {
        return snapshot.get();
    }

    private Snapshot load() {
        int min = AuthLevel.PKT_INTEGRITY;
        RegValue v = registry.get(RPC_KEY, ACTIVATION_MINIMUM_LEVEL).orElse(null);
        if (v != null) {
            try {
                int n = v.asInt();
                if (AuthLevel.isValid(n)) {
                    min = n;
                } else {
                    LOG.warn("ignoring {}\\{}={}: not an authentication level (1..6)", RPC_KEY, ACTIVATION_MINIMUM_LEVEL, n);
                }
            } catch (RuntimeException e) {
                LOG.warn("ignoring {}\\{}: not a REG_DWORD", RPC_KEY, ACTIVATION_MINIMUM_LEVEL);
            }
        }
        return new Snapshot(new DcomAccessPolicy(DcomConfig.load(registry), sink), min);
    }
}
