package org.dcom4j.security;

import java.util.List;

/**
 * The answer of {@link DcomAccessPolicy#decide}: allow or deny, the HRESULT a caller gets, and the
 * reason chain an administrator reads — every layer consulted, in order, with the descriptor that
 * decided (where it came from) and the ACE that decided or why none did. Immutable.
 *
 * @param allowed   true to let the operation proceed
 * @param hresult   {@link #S_OK} or {@link #E_ACCESSDENIED}
 * @param operation what was asked
 * @param distance  from where
 * @param target    the application ({@code {appid} "name"}) or {@code machine defaults}
 * @param steps     the layers consulted, in order
 */
public record Decision(boolean allowed, int hresult, Operation operation, Distance distance, String target,
                       List<Step> steps) {
    public static final int S_OK = 0;
    /** E_ACCESSDENIED, the HRESULT of every DCOM security denial. */
    public static final int E_ACCESSDENIED = 0x80070005;

    /** How one layer answered. */
    public enum Outcome { PASS, DENY, NOTE }

    /**
     * One layer of the decision.
     *
     * @param layer   e.g. {@code EnableDCOM}, {@code machine limit}, {@code application}
     * @param outcome what it said
     * @param detail  one sentence: which descriptor, which ACE, or why none matched
     */
    public record Step(String layer, Outcome outcome, String detail) {
    }

    public Decision {
        steps = List.copyOf(steps);
    }

    /** The right asked for, as an administrator names it: {@code Remote Activation (RA)}. */
    public String rightName() {
        return rightName(operation, distance);
    }

    static String rightName(Operation op, Distance d) {
        String where = d == Distance.LOCAL ? "Local" : "Remote";
        String what = switch (op) {
            case LAUNCH -> "Launch";
            case ACTIVATE -> "Activation";
            case CALL -> "Access Calls";
        };
        return where + " " + what + " (" + ComAcl.abbreviation(op, d) + ")";
    }

    /**
     * The decision as printed by {@code dcom4j access check}:
     * <pre>
     * DENY: Remote Activation (RA) of machine defaults, E_ACCESSDENIED (0x80070005)
     *   1. EnableDCOM: pass — EnableDCOM=Y: remote requests are accepted
     *   2. machine limit: deny — …
     * </pre>
     */
    public String explain() {
        StringBuilder sb = new StringBuilder(256);
        sb.append(allowed ? "ALLOW" : "DENY").append(": ").append(rightName()).append(" of ").append(target);
        if (!allowed) {
            sb.append(", E_ACCESSDENIED (0x80070005)");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(s.layer()).append(": ")
                    .append(s.outcome().name().toLowerCase(java.util.Locale.ROOT)).append(" - ").append(s.detail());
        }
        return sb.toString();
    }
}
