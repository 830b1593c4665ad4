package org.dcom4j.security;

import java.util.List;

/** Turns an {@link AccessResult} on a COM descriptor into the sentence a reason chain shows. */
final class Explanations {
    private Explanations() {
    }

    static String describe(ResolvedDescriptor r, AccessResult result, ComAcl.Format format, Operation op,
                           Distance distance, Sid self) {
        String right = Decision.rightName(op, distance);
        if (format == ComAcl.Format.LEGACY) {
            right += " [legacy ACL: COM_RIGHTS_EXECUTE stands for Local and Remote alike]";
        }
        List<Ace> aces = r.sd().dacl() == null ? List.of() : r.sd().dacl().aces();
        String where = r.label();
        return switch (result.reason()) {
            case NULL_DACL -> where + " has a null DACL, which grants everything to everyone";
            case GRANTED -> result.decidingAce() < 0
                    ? where + ": " + right + " granted to the owner"
                    : where + ": " + right + " granted by ACE #" + (result.decidingAce() + 1) + " "
                    + aces.get(result.decidingAce()) + " to " + trustee(aces.get(result.decidingAce()), self);
            case DENIED_BY_ACE -> where + ": " + right + " denied by ACE #" + (result.decidingAce() + 1) + " "
                    + aces.get(result.decidingAce()) + " for " + trustee(aces.get(result.decidingAce()), self);
            case NOT_GRANTED -> notGranted(where, right, aces, result, op, self);
        };
    }

    private static String notGranted(String where, String right, List<Ace> aces, AccessResult result, Operation op,
                                     Sid self) {
        if (aces.isEmpty()) {
            return where + ": the DACL is empty, so nothing is granted to anyone";
        }
        StringBuilder sb = new StringBuilder(where).append(": no ACE grants ").append(right).append(" to this token");
        if (result.matchedAces().isEmpty()) {
            sb.append("; none of its ").append(aces.size()).append(" ACEs names the user or any of its groups");
        } else {
            sb.append("; ACEs that match it grant only:");
            for (int i : result.matchedAces()) {
                Ace a = aces.get(i);
                sb.append(" #").append(i + 1).append(' ').append(a).append(" (")
                        .append(ComAcl.describe(a.mask(), op != Operation.CALL)).append(" to ")
                        .append(trustee(a, self)).append(')');
            }
        }
        return sb.toString();
    }

    private static String trustee(Ace ace, Sid self) {
        Sid sid = ace.sid();
        if (self != null && sid.equals(WellKnownSids.PRINCIPAL_SELF)) {
            return "SELF = the server's identity " + self;
        }
        return WellKnownSids.name(sid).orElse(sid.toString());
    }
}
