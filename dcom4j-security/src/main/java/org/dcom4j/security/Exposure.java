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
 * <p>Each principal is judged by the token of a typical member (see {@link Principal}), so a row says
 * what such a caller actually gets, not only what ACEs naming the group grant. Anything Everyone or
 * ANONYMOUS LOGON gets remotely (RL, RA or RC) is flagged.
 */
public final class Exposure {
    private Exposure() {
    }

    /**
     * A principal of the report, judged as a typical member of it: a member of Authenticated Users,
     * Distributed COM Users or Administrators is also in Everyone and Authenticated Users, because
     * every authenticated caller is. Everyone alone stands for a caller known only to be in Everyone;
     * ANONYMOUS LOGON for the anonymous token, which is not in Everyone.
     *
     * @param name    display name
     * @param sid     the group's SID
     * @param implied the groups every member also holds
     */
    public record Principal(String name, Sid sid, List<Sid> implied) {
        public Principal {
            implied = List.copyOf(implied);
        }

        /**
         * The member token at {@code distance}: a Local caller also holds LOCAL and INTERACTIVE, a
         * Remote one NETWORK, as {@code dcom4j access check} builds tokens.
         */
        public Token token(Distance distance) {
            List<Sid> logon = distance == Distance.LOCAL
                    ? List.of(WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE) : List.of(WellKnownSids.NETWORK);
            if (sid.equals(WellKnownSids.ANONYMOUS)) {
                return Token.anonymous(distance == Distance.LOCAL ? List.of() : logon);
            }
            List<Sid> groups = new ArrayList<>(implied);
            groups.add(sid);
            groups.addAll(logon);
            return Token.of("a member of " + name, NULL_SID, groups);
        }
    }

    /** S-1-0-0, the NULL SID: a user SID that no ACE names. */
    static final Sid NULL_SID = Sid.of(0, 0);

    private static final List<Sid> AUTHENTICATED = List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS);

    public static final List<Principal> PRINCIPALS = List.of(
            new Principal("Everyone", WellKnownSids.EVERYONE, List.of()),
            new Principal("ANONYMOUS LOGON", WellKnownSids.ANONYMOUS, List.of()),
            new Principal("Authenticated Users", WellKnownSids.AUTHENTICATED_USERS, List.of(WellKnownSids.EVERYONE)),
            new Principal("Distributed COM Users", WellKnownSids.DISTRIBUTED_COM_USERS, AUTHENTICATED),
            new Principal("Administrators", WellKnownSids.BUILTIN_ADMINISTRATORS, AUTHENTICATED));

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
     * @param warnings what an administrator must know to read the rows: remote DCOM disabled, values
     *                 absent (built-in defaults used), invalid descriptors (each fails closed); one line each
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
        List<String> warnings = new ArrayList<>(settingsWarnings(settings));
        addTarget(policy, null, rows, warnings);
        for (ComApplication app : apps) {
            addTarget(policy, app, rows, warnings);
        }
        return new Report(rows, warnings.stream().distinct().toList());
    }

    private static List<String> settingsWarnings(DcomSettings s) {
        List<String> w = new ArrayList<>();
        if (!s.enableDcom()) {
            w.add("EnableDCOM is not Y: every remote right below is off, whatever the descriptors grant");
        }
        String ole = "HKLM\\SOFTWARE\\Microsoft\\Ole\\";
        if (s.machineLaunchRestriction() == null) {
            w.add(ole + "MachineLaunchRestriction is absent: the built-in " + DcomProfile.DEFAULT.id() + " value is used");
        }
        if (s.machineAccessRestriction() == null) {
            w.add(ole + "MachineAccessRestriction is absent: the built-in " + DcomProfile.DEFAULT.id() + " value is used");
        }
        if (s.defaultLaunchPermission() == null) {
            w.add(ole + "DefaultLaunchPermission is absent: the built-in " + DcomProfile.DEFAULT.id() + " value is used");
        }
        if (s.defaultAccessPermission() == null) {
            w.add(ole + "DefaultAccessPermission is absent: the built-in " + DcomProfile.DEFAULT.id() + " value is used");
        }
        return w;
    }

    private static void addTarget(DcomAccessPolicy policy, ComApplication app, List<Row> rows, List<String> warnings) {
        String target = app == null ? "machine defaults" : app.label();
        for (Principal p : PRINCIPALS) {
            EnumSet<Right> granted = EnumSet.noneOf(Right.class);
            for (Right r : Right.values()) {
                if (policy.decide(p.token(r.distance()), r.operation(), r.distance(), app).allowed()) {
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
