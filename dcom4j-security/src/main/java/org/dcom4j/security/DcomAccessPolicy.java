package org.dcom4j.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one access decision of the DCOM security model, used by every enforcement point (activator,
 * launcher request, call dispatch, exposure report, {@code dcom4j access check}):
 * <ol>
 * <li>a Remote request is refused when EnableDCOM is N;</li>
 * <li>the machine-wide limit: Launch and Activate against MachineLaunchRestriction, Call against
 *     MachineAccessRestriction (a policy value has already replaced the registry value in
 *     {@link DcomSettings}); an absent value means the built-in default of {@link DcomProfile#DEFAULT},
 *     as for the default permissions below — never "no limit";</li>
 * <li>the application's own descriptor: Launch and Activate against its LaunchPermission, else
 *     DefaultLaunchPermission; Call against the descriptor the server set programmatically, else its
 *     AccessPermission, else DefaultAccessPermission;</li>
 * <li>both 2 and 3 must grant the distance-specific right ({@link ComAcl#desiredRight}).</li>
 * </ol>
 * A malformed or COM-invalid descriptor denies whatever it guards (fail closed) and raises
 * {@link SecurityEvent#INVALID_DESCRIPTOR} when InvalidSecurityDescriptorLoggingLevel is 1; denials
 * raise {@link SecurityEvent#LAUNCH_DENIED} or {@link SecurityEvent#CALL_DENIED} when
 * CallFailureLoggingLevel is 1.
 *
 * <p>An instance is an immutable snapshot of the settings: build a new one when configuration
 * changes. Descriptors are parsed and validated once; decisions are cached per application, token,
 * operation and distance, so a repeated decision costs two hash lookups. Thread-safe, lock-free on
 * the decision path.
 */
public final class DcomAccessPolicy {
    /** Bound on cached tokens per application; past it the cache starts over. */
    private static final int MAX_CACHED_TOKENS = 8192;

    private final DcomSettings settings;
    private final SecurityEventSink events;
    private final ResolvedDescriptor machineLaunch;
    private final ResolvedDescriptor machineAccess;
    private final ResolvedDescriptor defaultLaunch;
    private final ResolvedDescriptor defaultAccess;
    private final AppState defaults;
    /** Keyed by AppID: hashing a UUID is cheap, hashing the descriptors' bytes on every call is not. */
    private final ConcurrentHashMap<java.util.UUID, AppState> apps = new ConcurrentHashMap<>();

    public DcomAccessPolicy(DcomSettings settings, SecurityEventSink events) {
        this.settings = settings;
        this.events = events == null ? SecurityEventSink.NONE : events;
        DcomProfile builtIn = DcomProfile.DEFAULT;
        this.machineLaunch = resolve("machine limit MachineLaunchRestriction", settings.machineLaunchRestriction(),
                builtIn.machineLaunchRestriction());
        this.machineAccess = resolve("machine limit MachineAccessRestriction", settings.machineAccessRestriction(),
                builtIn.machineAccessRestriction());
        this.defaultLaunch = resolve("DefaultLaunchPermission", settings.defaultLaunchPermission(),
                builtIn.defaultLaunchPermission());
        this.defaultAccess = resolve("DefaultAccessPermission", settings.defaultAccessPermission(),
                builtIn.defaultAccessPermission());
        this.defaults = new AppState(null, defaultLaunch, defaultAccess);
    }

    public DcomSettings settings() {
        return settings;
    }

    /**
     * Decides whether {@code token} may perform {@code op} from {@code distance} on {@code app}
     * ({@code null}: the machine defaults, as for an application without descriptors of its own).
     */
    public Decision decide(Token token, Operation op, Distance distance, ComApplication app) {
        AppState state = app == null ? defaults : stateOf(app);
        int slot = op.ordinal() * 2 + distance.ordinal();
        Cached[] row = state.decisions.get(token);
        Cached cached = row == null ? null : row[slot];
        if (cached == null) {
            cached = evaluate(state, token, op, distance);
            if (row == null) {
                if (state.decisions.size() >= MAX_CACHED_TOKENS) {
                    state.decisions.clear();
                }
                row = state.decisions.computeIfAbsent(token, t -> new Cached[Operation.values().length * 2]);
            }
            row[slot] = cached;
        }
        for (SecurityEvent e : cached.events) {
            events.report(e);
        }
        Decision d = cached.decision;
        if (!d.allowed() && settings.callFailureLoggingLevel() == DcomSettings.LOG_ALWAYS) {
            // Built per call, not cached: tokens with the same SIDs share a cache entry, not a name.
            events.report(denialEvent(d, token));
        }
        return d;
    }

    /** The descriptors an application is judged by, resolved; for reports. */
    public List<String> invalidDescriptors(ComApplication app) {
        AppState s = app == null ? defaults : stateOf(app);
        List<String> out = new ArrayList<>();
        for (ResolvedDescriptor r : new ResolvedDescriptor[] {machineLaunch, machineAccess, s.launch, s.access}) {
            if (!r.validity().valid()) {
                out.add(r.label() + " is invalid: " + r.validity().reason());
            }
        }
        return out;
    }

    private AppState stateOf(ComApplication app) {
        AppState s = apps.get(app.appId());
        if (s != null && (s.app == app || s.app.equals(app))) {
            return s;
        }
        // First sight of this AppID, or its configuration changed (e.g. the server set programmatic security).
        s = stateFor(app);
        apps.put(app.appId(), s);
        return s;
    }

    private AppState stateFor(ComApplication app) {
        String id = "AppID " + app.label();
        ResolvedDescriptor launch = app.launchPermission() != null
                ? ResolvedDescriptor.resolve(id + " LaunchPermission", app.launchPermission()) : defaultLaunch;
        ResolvedDescriptor access;
        if (app.programmaticAccess() != null) {
            access = ResolvedDescriptor.resolve(id + " programmatic security (set by the server)", app.programmaticAccess());
        } else if (app.accessPermission() != null) {
            access = ResolvedDescriptor.resolve(id + " AccessPermission", app.accessPermission());
        } else {
            access = defaultAccess;
        }
        return new AppState(app, launch, access);
    }

    /**
     * {@code value} resolved, or — when the registry holds none — the built-in SDDL, as Windows falls
     * back on its built-in defaults for an absent value (deny on doubt: an absent machine limit does
     * not lift the limit).
     */
    private static ResolvedDescriptor resolve(String role, DescriptorValue value, String builtInSddl) {
        return ResolvedDescriptor.resolve(role, value != null ? value
                : DescriptorValue.ofSddl("built-in default, the value is absent", builtInSddl));
    }

    private Cached evaluate(AppState state, Token token, Operation op, Distance distance) {
        List<Decision.Step> steps = new ArrayList<>(3);
        List<SecurityEvent> raised = new ArrayList<>(1);
        String target = state.app == null ? "machine defaults" : "AppID " + state.app.label();
        boolean allowed = enableDcom(steps, distance);
        if (allowed) {
            ResolvedDescriptor limit = op == Operation.CALL ? machineAccess : machineLaunch;
            allowed = check("machine limit", limit, token, op, distance, null, steps, raised);
        }
        if (allowed) {
            ResolvedDescriptor own = op == Operation.CALL ? state.access : state.launch;
            Sid self = state.app == null ? null : state.app.serverIdentity();
            allowed = check("application", own, token, op, distance, self, steps, raised);
        }
        Decision d = new Decision(allowed, allowed ? Decision.S_OK : Decision.E_ACCESSDENIED, op, distance, target, steps);
        return new Cached(d, raised.toArray(new SecurityEvent[0]));
    }

    private boolean enableDcom(List<Decision.Step> steps, Distance distance) {
        if (distance == Distance.LOCAL) {
            steps.add(new Decision.Step("EnableDCOM", Decision.Outcome.NOTE,
                    "local request (ncalrpc): EnableDCOM does not apply"));
            return true;
        }
        if (!settings.enableDcom()) {
            steps.add(new Decision.Step("EnableDCOM", Decision.Outcome.DENY,
                    "EnableDCOM=N (HKLM\\SOFTWARE\\Microsoft\\Ole): incoming remote launch, activation and calls are refused"));
            return false;
        }
        steps.add(new Decision.Step("EnableDCOM", Decision.Outcome.PASS, "EnableDCOM=Y: remote requests are accepted"));
        return true;
    }

    private boolean check(String layer, ResolvedDescriptor r, Token token, Operation op, Distance distance, Sid self,
                          List<Decision.Step> steps, List<SecurityEvent> raised) {
        if (!r.validity().valid()) {
            steps.add(new Decision.Step(layer, Decision.Outcome.DENY, r.label() + " is invalid ("
                    + r.validity().reason() + "); failing closed"));
            if (settings.invalidSecurityDescriptorLoggingLevel() == DcomSettings.LOG_ALWAYS) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("descriptor", r.role());
                f.put("origin", r.origin());
                f.put("reason", r.validity().reason());
                raised.add(new SecurityEvent(SecurityEvent.Level.ERROR, SecurityEvent.SOURCE_DCOM,
                        SecurityEvent.INVALID_DESCRIPTOR, "invalid COM security descriptor " + r.label()
                        + ": " + r.validity().reason() + "; the " + op.name().toLowerCase(java.util.Locale.ROOT)
                        + " it guards was denied", f));
            }
            return false;
        }
        ComAcl.Format format = r.validity().format();
        int desired = ComAcl.desiredRight(format, op, distance);
        AccessResult result = AccessCheck.check(r.sd(), token, desired, AccessMask.COM_MAPPING, self);
        steps.add(new Decision.Step(layer, result.allowed() ? Decision.Outcome.PASS : Decision.Outcome.DENY,
                Explanations.describe(r, result, format, op, distance, self)));
        return result.allowed();
    }

    private static SecurityEvent denialEvent(Decision d, Token token) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user", token.name());
        f.put("sid", token.user().toString());
        f.put("operation", d.operation().name());
        f.put("distance", d.distance().name());
        f.put("target", d.target());
        Decision.Step last = d.steps().get(d.steps().size() - 1);
        f.put("reason", last.layer() + ": " + last.detail());
        int id = d.operation() == Operation.CALL ? SecurityEvent.CALL_DENIED : SecurityEvent.LAUNCH_DENIED;
        if (last.layer().equals("EnableDCOM")) {
            id = SecurityEvent.DCOM_DISABLED;
        }
        return new SecurityEvent(SecurityEvent.Level.WARNING, SecurityEvent.SOURCE_DCOM, id,
                d.rightName() + " of " + d.target() + " denied to " + who(token), f);
    }

    /** {@code alice (S-1-5-21-…)}, or the SID once when the token has no other name. */
    private static String who(Token token) {
        String sid = token.user().toString();
        return token.name().equals(sid) ? sid : token.name() + " (" + sid + ")";
    }

    /** Resolved descriptors and the decision cache of one application (or of the machine defaults). */
    private static final class AppState {
        final ComApplication app;
        final ResolvedDescriptor launch;
        final ResolvedDescriptor access;
        final ConcurrentHashMap<Token, Cached[]> decisions = new ConcurrentHashMap<>();

        AppState(ComApplication app, ResolvedDescriptor launch, ResolvedDescriptor access) {
            this.app = app;
            this.launch = launch;
            this.access = access;
        }
    }

    private record Cached(Decision decision, SecurityEvent[] events) {
    }
}
