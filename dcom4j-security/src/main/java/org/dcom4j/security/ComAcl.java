package org.dcom4j.security;

import java.util.List;

/**
 * The rules a COM launch or access permission must follow (seed: "COM_RIGHTS_EXECUTE must always be
 * present … you must not mix the old format and the new format within a single ACL"), and the right
 * each operation asks of it.
 *
 * <ul>
 * <li>Every ACE of the DACL is an ACCESS_ALLOWED or ACCESS_DENIED ACE and includes COM_RIGHTS_EXECUTE.</li>
 * <li>Legacy format: every ACE grants only COM_RIGHTS_EXECUTE; each allows (or denies) Local and
 *     Remote alike, for every operation.</li>
 * <li>New format: every ACE grants COM_RIGHTS_EXECUTE with at least one of EXECUTE_LOCAL,
 *     EXECUTE_REMOTE, ACTIVATE_LOCAL, ACTIVATE_REMOTE.</li>
 * <li>Mixing the two is invalid. Bits above the five COM rights do not decide the format (tools
 *     write descriptors with extra standard rights; AccessCheck simply never asks for them).</li>
 * <li>A null DACL grants everything and an empty DACL nothing; both are valid.</li>
 * </ul>
 */
public final class ComAcl {
    private ComAcl() {
    }

    /** The format of a valid COM ACL. */
    public enum Format {
        /** Pre-SP2: COM_RIGHTS_EXECUTE only. */
        LEGACY,
        /** XP SP2 / Server 2003 SP1: EXECUTE plus distance-specific rights. */
        NEW,
        /** Present and empty: denies everything. */
        EMPTY,
        /** Absent or null DACL: grants everything. */
        NULL
    }

    /**
     * Whether a descriptor is a valid COM permission.
     *
     * @param valid  true when it may be used
     * @param format its format when valid, else null
     * @param reason why it is invalid (names the ACE by number from 1 and in SDDL), or "" when valid
     */
    public record Validity(boolean valid, Format format, String reason) {
        static Validity ok(Format f) {
            return new Validity(true, f, "");
        }

        static Validity invalid(String reason) {
            return new Validity(false, null, reason);
        }
    }

    public static Validity validate(SecurityDescriptor sd) {
        Acl dacl = sd.dacl();
        if (dacl == null) {
            return Validity.ok(Format.NULL);
        }
        List<Ace> aces = dacl.aces();
        if (aces.isEmpty()) {
            return Validity.ok(Format.EMPTY);
        }
        int firstLegacy = -1;
        int firstNew = -1;
        for (int i = 0; i < aces.size(); i++) {
            Ace ace = aces.get(i);
            if (ace.type() != AceType.ACCESS_ALLOWED && ace.type() != AceType.ACCESS_DENIED) {
                return Validity.invalid("ACE #" + (i + 1) + " " + ace + " has type " + ace.type().sddl() + " ("
                        + ace.type() + "); COM permissions hold only allow (A) and deny (D) ACEs");
            }
            if ((ace.mask() & ComRights.EXECUTE) == 0) {
                return Validity.invalid("ACE #" + (i + 1) + " " + ace
                        + " lacks COM_RIGHTS_EXECUTE (CC, 0x1), which every ACE must include");
            }
            if ((ace.mask() & ComRights.SPECIFIC) == 0) {
                firstLegacy = firstLegacy < 0 ? i : firstLegacy;
            } else {
                firstNew = firstNew < 0 ? i : firstNew;
            }
            if (firstLegacy >= 0 && firstNew >= 0) {
                return Validity.invalid("mixes the legacy format (ACE #" + (firstLegacy + 1) + " "
                        + aces.get(firstLegacy) + " grants only COM_RIGHTS_EXECUTE) with the new format (ACE #"
                        + (firstNew + 1) + " " + aces.get(firstNew) + " grants distance-specific rights)");
            }
        }
        return Validity.ok(firstNew >= 0 ? Format.NEW : Format.LEGACY);
    }

    /**
     * The right an operation asks of a valid ACL of {@code format}: COM_RIGHTS_EXECUTE for legacy
     * (and null or empty) ACLs, else the one distance-specific right. Asking for the specific right
     * alone is what keeps a deny of Local Launch from also denying Remote Launch.
     */
    public static int desiredRight(Format format, Operation op, Distance distance) {
        if (format != Format.NEW) {
            return ComRights.EXECUTE;
        }
        boolean local = distance == Distance.LOCAL;
        return switch (op) {
            case LAUNCH, CALL -> local ? ComRights.EXECUTE_LOCAL : ComRights.EXECUTE_REMOTE;
            case ACTIVATE -> local ? ComRights.ACTIVATE_LOCAL : ComRights.ACTIVATE_REMOTE;
        };
    }

    /** The administrator's abbreviation of a right: LL LA RL RA for launch ACLs, LC RC for access ACLs. */
    public static String abbreviation(Operation op, Distance distance) {
        String d = distance == Distance.LOCAL ? "L" : "R";
        return switch (op) {
            case LAUNCH -> d + "L";
            case ACTIVATE -> d + "A";
            case CALL -> d + "C";
        };
    }

    /**
     * What an ACE mask means in a launch ({@code launch == true}) or access permission, e.g.
     * {@code LL LA} or {@code LC RC}; a legacy mask means every right of the kind.
     */
    public static String describe(int mask, boolean launch) {
        boolean legacy = (mask & ComRights.SPECIFIC) == 0;
        StringBuilder sb = new StringBuilder();
        if (launch) {
            append(sb, legacy || (mask & ComRights.EXECUTE_LOCAL) != 0, "LL");
            append(sb, legacy || (mask & ComRights.ACTIVATE_LOCAL) != 0, "LA");
            append(sb, legacy || (mask & ComRights.EXECUTE_REMOTE) != 0, "RL");
            append(sb, legacy || (mask & ComRights.ACTIVATE_REMOTE) != 0, "RA");
        } else {
            append(sb, legacy || (mask & ComRights.EXECUTE_LOCAL) != 0, "LC");
            append(sb, legacy || (mask & ComRights.EXECUTE_REMOTE) != 0, "RC");
        }
        return sb.isEmpty() ? "(none)" : sb.toString();
    }

    private static void append(StringBuilder sb, boolean on, String s) {
        if (on) {
            sb.append(sb.isEmpty() ? "" : " ").append(s);
        }
    }
}
