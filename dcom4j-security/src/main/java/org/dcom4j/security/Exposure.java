package org.dcom4j.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The exposure report: for the machine defaults and every registered application, which of the six
 * rights (LL LA RL RA LC RC) each principal of interest effectively has once the machine limits are
 * intersected — the seed's "no way for an administrator to understand the exposure level" solved.
 *
 * <p>Each principal is judged by a token holding only that principal's SID (ANONYMOUS LOGON: the
 * anonymous token), so a row says what membership in that group alone confers. Anything Everyone or
 * ANONYMOUS LOGON gets remotely (RL, RA or RC) is flagged.
 */
public final class Exposure {
    private Exposure() {
    }

    /** A principal of the report. */
    public record Principal(String name, Sid sid) {
        Token token() {
            if (sid.equals(WellKnownSids.ANONYMOUS)) {
                return Token.anonymous(List.of());
            }
            return Token.of(name, NULL_SID, List.of(sid));
        }
    }

    /** S-1-0-0, the NULL SID: a user SID that no ACE names. */
    static final Sid NULL_SID = Sid.of(0, 0);

    public static final List<Principal> PRINCIPALS = List.of(
            new Principal("Everyone", WellKnownSids.EVERYONE),
            new Principal("ANONYMOUS LOGON", WellKnownSids.ANONYMOUS),
            new Principal("Authenticated Users", WellKnownSids.AUTHENTICATED_USERS),
            new Principal("Distributed COM Users", WellKnownSids.DISTRIBUTED_COM_USERS),
            new Principal("Administrators", WellKnownSids.BUILTIN_ADMINISTRATORS));

    /** The six rights, in the order the seed's tables list them. */
    public enum Right {
        LL(Operation.LAUNCH, Distance.LOCAL),
        LA(Operation.ACTIVATE, Distance.LOCAL),
        RL(Operation.LAUNCH, Distance.REMOTE),
        RA(Operation.ACTIVATE, Distance.REMOTE),
        LC(Operation.CALL, Distance.LOCAL),
        RC(Operation.CALL, Distance.REMOTE);

        private final Operation operation;
        private final Distance distance;

        Right(Operation operation, Distance distance) {
            this.operation = operation;
            this.distance = distance;
        }

        public Operation operation() {
            return operation;
        }

        public Distance distance() {
            return distance;
        }
    }

    /**
     * One principal's effective rights on one target.
     *
     * @param appId     the application, or null for the machine defaults
     * @param target    {@code {appid} "name"} or {@code machine defaults}
     * @param principal who
     * @param granted   the rights it has
     * @param flagged   true when Everyone or ANONYMOUS LOGON has a remote right
     */
    public record Row(UUID appId, String target, Principal principal, Set<Right> granted, boolean flagged) {
        public Row {
            granted = granted.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(granted));
        }

        public boolean has(Right r) {
            return granted.contains(r);
        }
    }

    /**
     * The report.
     *
     * @param rows     five rows per target, machine defaults first
     * @param warnings invalid descriptors (each fails closed), one line each
     */
    public record Report(List<Row> rows, List<String> warnings) {
        public Report {
            rows = List.copyOf(rows);
            warnings = List.copyOf(warnings);
        }

        public boolean anyFlagged() {
            return rows.stream().anyMatch(Row::flagged);
        }
    }

    /** Computes the report with {@code settings}; raises no events. */
    public static Report compute(DcomSettings settings, List<ComApplication> apps) {
        DcomAccessPolicy policy = new DcomAccessPolicy(settings, SecurityEventSink.NONE);
        List<Row> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        addTarget(policy, null, rows, warnings);
        for (ComApplication app : apps) {
            addTarget(policy, app, rows, warnings);
        }
        return new Report(rows, warnings.stream().distinct().toList());
    }

    private static void addTarget(DcomAccessPolicy policy, ComApplication app, List<Row> rows, List<String> warnings) {
        String target = app == null ? "machine defaults" : app.label();
        for (Principal p : PRINCIPALS) {
            Token t = p.token();
            EnumSet<Right> granted = EnumSet.noneOf(Right.class);
            for (Right r : Right.values()) {
                if (policy.decide(t, r.operation(), r.distance(), app).allowed()) {
                    granted.add(r);
                }
            }
            boolean weak = p.sid().equals(WellKnownSids.EVERYONE) || p.sid().equals(WellKnownSids.ANONYMOUS);
            boolean flagged = weak && (granted.contains(Right.RL) || granted.contains(Right.RA) || granted.contains(Right.RC));
            rows.add(new Row(app == null ? null : app.appId(), target, p, granted, flagged));
        }
        warnings.addAll(policy.invalidDescriptors(app));
    }
}
