package org.dcom4j.rpcss;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dcom4j.config.Accounts;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmAccounts;
import org.dcom4j.rpc.AuthPolicy;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.security.DcomSettings;
import org.dcom4j.security.SecurityEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpcss's {@link RpcSecurity}: NTLM logons against the accounts store (read at every logon, so
 * {@code dcom4j user …} changes apply to the running daemon at once), the authentication policy from
 * the registry, and failures written to the event log when CallFailureLoggingLevel is 1.
 *
 * <p>Registry values (REG_DWORD), re-read at most every {@value #REFRESH_MILLIS} ms:
 * <pre>
 *   HKLM\SOFTWARE\dcom4j\Rpc                        MinimumAuthenticationLevel   1..6, default 5 (pkt_integrity), for
 *                                                                                interfaces that admit only authenticated callers
 *   HKLM\SOFTWARE\dcom4j\Rpc\Interfaces\{uuid}      MinimumAuthenticationLevel   1..6, raises the interface's own
 *                                                   AllowAnonymous               0 withdraws an interface's anonymous opt-in,
 *                                                                                1 grants it
 * </pre>
 * A value of the wrong type or out of range is ignored with a warning (the built-in rule stays).
 */
final class RpcssSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(RpcssSecurity.class);
    static final String RPC_KEY = "HKLM\\SOFTWARE\\dcom4j\\Rpc";
    static final String INTERFACES_KEY = RPC_KEY + "\\Interfaces";
    static final String MINIMUM_LEVEL = "MinimumAuthenticationLevel";
    static final String ALLOW_ANONYMOUS = "AllowAnonymous";
    static final long REFRESH_MILLIS = 2000;

    private RpcssSecurity() {
    }

    static RpcSecurity build(Registry registry) {
        return build(registry, Accounts.forService(registry));
    }

    /** With {@code accounts} (the service's view, whose connection rpcss opens before it drops root). */
    static RpcSecurity build(Registry registry, Accounts accounts) {
        NtlmAccounts ntlm = accounts.ntlmAccounts();
        ConfigPolicy policy = new ConfigPolicy(registry, REFRESH_MILLIS);
        SecurityEventSink events = e -> {
            if (policy.current().logFailures) {
                registry.eventLog().report(e);
            }
        };
        return RpcSecurity.defaults().withAccounts(ntlm).withPolicy(policy).withEvents(events);
    }

    /** The policy from the registry, as an immutable snapshot refreshed in the background of calls. */
    static final class ConfigPolicy implements AuthPolicy {
        record Rule(int minimumLevel, Boolean allowAnonymous) {
        }

        record Snapshot(int machineMinimum, Map<UUID, Rule> interfaces, boolean logFailures) {
        }

        private final Registry registry;
        private final Refreshing<Snapshot> snapshot;

        ConfigPolicy(Registry registry, long refreshMillis) {
            this.registry = registry;
            this.snapshot = new Refreshing<>(this::load, refreshMillis * 1_000_000, "RPC policy");
        }

        Snapshot current() {
            return snapshot.get();
        }

        @Override
        public InterfaceSecurity effective(InterfaceId iface, InterfaceSecurity declared) {
            Snapshot s = current();
            InterfaceSecurity r = declared;
            Rule o = s.interfaces.get(iface.uuid());
            if (o != null) {
                if (o.allowAnonymous != null) {
                    r = r.withAllowAnonymous(o.allowAnonymous);
                }
                if (o.minimumLevel > r.minimumAuthLevel()) {
                    r = r.withMinimumAuthLevel(o.minimumLevel);
                }
            }
            return !r.allowAnonymous() && s.machineMinimum > r.minimumAuthLevel() ? r.withMinimumAuthLevel(s.machineMinimum) : r;
        }

        private Snapshot load() {
            int machine = level(registry.get(RPC_KEY, MINIMUM_LEVEL), RPC_KEY).orElse(AuthLevel.PKT_INTEGRITY);
            Map<UUID, Rule> interfaces = new HashMap<>();
            if (registry.exists(INTERFACES_KEY)) {
                for (String sub : registry.subkeys(INTERFACES_KEY)) {
                    UUID uuid;
                    try {
                        uuid = UUID.fromString(sub.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("ignoring {}\\{}: not an interface UUID", INTERFACES_KEY, sub);
                        continue;
                    }
                    String key = INTERFACES_KEY + "\\" + sub;
                    int min = level(registry.get(key, MINIMUM_LEVEL), key).orElse(AuthLevel.NONE);
                    Boolean anon = registry.get(key, ALLOW_ANONYMOUS).flatMap(v -> dword(v, key)).map(v -> v != 0).orElse(null);
                    interfaces.put(uuid, new Rule(min, anon));
                }
            }
            DcomSettings dcom = DcomConfig.load(registry);
            return new Snapshot(machine, Map.copyOf(interfaces),
                    dcom.callFailureLoggingLevel() == DcomSettings.LOG_ALWAYS);
        }

        private static Optional<Integer> level(Optional<RegValue> v, String key) {
            return v.flatMap(x -> dword(x, key)).filter(n -> {
                if (!AuthLevel.isValid(n)) {
                    LOG.warn("ignoring {}\\{}={}: not an authentication level (1..6)", key, MINIMUM_LEVEL, n);
                    return false;
                }
                return true;
            });
        }

        private static Optional<Integer> dword(RegValue v, String key) {
            try {
                return Optional.of(v.asInt());
            } catch (RuntimeException e) {
                LOG.warn("ignoring {}\\{}: not a REG_DWORD", key, v.name());
                return Optional.empty();
            }
        }
    }
}
