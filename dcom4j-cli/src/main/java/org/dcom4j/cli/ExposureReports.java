package org.dcom4j.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Exposure;
import org.dcom4j.security.Sid;

/**
 * What the three renderings of an {@link Exposure.Report} share: rows grouped per target in report
 * order (machine defaults first), the legend, and which single cells are the reason a row is
 * flagged — so text, JSON and HTML cannot disagree about what is dangerous.
 */
final class ExposureReports {
    private ExposureReports() {
    }

    /**
     * Where and when a report was made, so a saved or mailed report says which machine and moment it
     * describes: the store, its machine SID, the time (UTC, whole seconds), the profile whose machine
     * values the store holds exactly (empty when edited), and the SDDL policies in force.
     */
    record Context(Path store, Sid machineSid, Instant generated, Optional<DcomProfile> profile,
                   List<String> policies, Map<UUID, List<String>> classes) {
        Context {
            generated = generated.truncatedTo(ChronoUnit.SECONDS);
            policies = List.copyOf(policies);
            classes = Map.copyOf(classes);
        }

        /** The registered classes of an AppID, as {@code ProgID {CLSID}} (or the CLSID alone); empty for none. */
        List<String> classesOf(UUID appId) {
            return appId == null ? List.of() : classes.getOrDefault(appId, List.of());
        }

        /** {@code ws2003sp1 (Windows Server 2003 Service Pack 1)}, plus the policies that override it. */
        String profileLine() {
            String p = profile.map(d -> d.id() + " (" + ConfigInit.title(d) + ")")
                    .orElse("none (the machine values were edited and match no profile)");
            return policies.isEmpty() ? p : p + "; overridden by policy: " + String.join(", ", policies);
        }
    }

    /** One target (the machine defaults or an AppID) and its five principal rows. */
    record Target(String label, UUID appId, List<Exposure.Row> rows) {
    }

    /** The rights' names, in column order. */
    static final Map<Exposure.Right, String> RIGHT_NAMES = rightNames();

    static final String FLAG_MEANING =
            "Everyone or ANONYMOUS LOGON has a remote right (RL, RA or RC): reachable from the network by anyone";

    private static Map<Exposure.Right, String> rightNames() {
        Map<Exposure.Right, String> m = new LinkedHashMap<>();
        m.put(Exposure.Right.LL, "Local Launch");
        m.put(Exposure.Right.LA, "Local Activation");
        m.put(Exposure.Right.RL, "Remote Launch");
        m.put(Exposure.Right.RA, "Remote Activation");
        m.put(Exposure.Right.LC, "Local Access calls");
        m.put(Exposure.Right.RC, "Remote Access calls");
        return Collections.unmodifiableMap(m);
    }

    static List<Target> targets(Exposure.Report report) {
        Map<String, Target> byLabel = new LinkedHashMap<>();
        for (Exposure.Row row : report.rows()) {
            byLabel.computeIfAbsent(row.target(), l -> new Target(l, row.appId(), new ArrayList<>())).rows().add(row);
        }
        return List.copyOf(byLabel.values());
    }

    /** True for a granted remote right of a flagged row: the cells an administrator must look at. */
    static boolean flaggedCell(Exposure.Row row, Exposure.Right right) {
        return row.flagged() && row.has(right) && right.distance() == Distance.REMOTE;
    }

    static long flaggedRows(Exposure.Report report) {
        return report.rows().stream().filter(Exposure.Row::flagged).count();
    }
}
