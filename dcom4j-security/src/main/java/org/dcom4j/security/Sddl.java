package org.dcom4j.security;

/**
 * The Security Descriptor Definition Language (MS-DTYP 2.5.1): reading SDDL into a
 * {@link SecurityDescriptor} and printing one the way Windows' ConvertSecurityDescriptorToStringSecurityDescriptor
 * does. Stateless and thread-safe.
 *
 * <pre>
 * O:BAG:BAD:PAI(A;;CCDCLCSWRP;;;BA)(A;OICI;0x100000;;;S-1-5-32-562)S:(AU;SAFA;FA;;;WD)
 * └owner┘└group┘└DACL, flags P AI, ACEs ──────────────────────────┘└SACL ─────────────┘
 * ACE = (type;flags;rights;objectGuid;inheritObjectGuid;sid)
 * </pre>
 *
 * <p>What is read: the components O: G: D: S: in any order, each at most once; the ACL flags P, AR, AI
 * and {@code NO_ACCESS_CONTROL} (a present, null ACL; {@code D:} alone is a present, empty ACL); the
 * ACE types A D AU AL OA OD OU OL ML SP; the ACE flags OI CI NP IO ID CR SA FA; rights as codes or a
 * number; SIDs as a fixed alias of {@link WellKnownSids#aliases()} or {@code S-1-…}. What is refused,
 * with a message naming it and its position: conditional ACEs (XA XD XU ZA), resource attribute ACEs
 * (RA), process trust label and access filter ACEs (TL, FL) with their flag TP, and domain-relative
 * SID aliases (DA, DU, …), which name a SID only relative to a domain. Spaces and lowercase are
 * accepted exactly where Windows' ConvertStringSecurityDescriptorToSecurityDescriptorW accepts them
 * (listed, with their evidence, on {@code SddlParser}): {@code " O:BA D: (a;; ga;;; ba) (A;;GA;;;SY)"}
 * reads as {@code O:BAD:(A;;GA;;;BA)(A;;GA;;;SY)}.
 *
 * <p>What is printed: O G D S in that order, ACL flags as P AR AI, and only what SDDL can say — the
 * control bits other than PRESENT/PROTECTED/AUTO_INHERIT_REQ/AUTO_INHERITED, the ACL revision and
 * ACE application data have no SDDL form and are left out; use the binary form to keep them.
 */
public final class Sddl {
    private Sddl() {
    }

    /**
     * Parses an SDDL string (MS-DTYP 2.5.1).
     *
     * @throws SecurityFormatException naming what was expected and its {@code position=N}
     */
    public static SecurityDescriptor parse(String sddl) {
        if (sddl == null) {
            throw new SecurityFormatException("SDDL string missing: sddl=null");
        }
        return new SddlParser(sddl).parse();
    }

    /** The canonical SDDL of {@code sd}, e.g. {@code O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)}. */
    public static String format(SecurityDescriptor sd) {
        StringBuilder sb = new StringBuilder(64);
        if (sd.owner() != null) {
            sb.append("O:").append(formatSid(sd.owner()));
        }
        if (sd.group() != null) {
            sb.append("G:").append(formatSid(sd.group()));
        }
        int c = sd.control();
        if (sd.daclPresent()) {
            sb.append("D:");
            appendAcl(sb, sd.dacl(), c, SecurityDescriptor.DACL_PROTECTED, SecurityDescriptor.DACL_AUTO_INHERIT_REQ,
                    SecurityDescriptor.DACL_AUTO_INHERITED);
        }
        if (sd.saclPresent()) {
            sb.append("S:");
            appendAcl(sb, sd.sacl(), c, SecurityDescriptor.SACL_PROTECTED, SecurityDescriptor.SACL_AUTO_INHERIT_REQ,
                    SecurityDescriptor.SACL_AUTO_INHERITED);
        }
        return sb.toString();
    }

    private static void appendAcl(StringBuilder sb, Acl acl, int control, int protectedBit, int autoInheritReqBit,
                                  int autoInheritedBit) {
        if ((control & protectedBit) != 0) {
            sb.append('P');
        }
        if ((control & autoInheritReqBit) != 0) {
            sb.append("AR");
        }
        if ((control & autoInheritedBit) != 0) {
            sb.append("AI");
        }
        if (acl == null) {
            sb.append("NO_ACCESS_CONTROL");
            return;
        }
        for (Ace ace : acl.aces()) {
            appendAce(sb, ace);
        }
    }

    /**
     * One ACE, e.g. {@code (A;;CCDCLCSWRP;;;BA)} or
     * {@code (OA;CI;RP;4c164200-20c0-11d0-a768-00aa006e0529;;AU)}. Callback and resource attribute
     * ACEs print their type without their application data, and are refused by {@link #parse}.
     */
    public static String formatAce(Ace ace) {
        return appendAce(new StringBuilder(32), ace).toString();
    }

    private static StringBuilder appendAce(StringBuilder sb, Ace ace) {
        sb.append('(').append(ace.type().sddl())
                .append(';').append(SddlCodes.formatAceFlags(ace.flags()))
                .append(';').append(SddlCodes.formatRights(ace.mask(), ace.type() == AceType.SYSTEM_MANDATORY_LABEL))
                .append(';');
        if (ace.objectType() != null) {
            sb.append(Guids.format(ace.objectType()));
        }
        sb.append(';');
        if (ace.inheritedObjectType() != null) {
            sb.append(Guids.format(ace.inheritedObjectType()));
        }
        return sb.append(';').append(formatSid(ace.sid())).append(')');
    }

    /**
     * An access mask as Windows prints it outside ML ACEs: one of FA FR FW FX KA KR KW on an exact
     * match, else a code per bit in ascending bit order ({@code 0x1F} → {@code CCDCLCSWRP}), else the
     * mask in lowercase hexadecimal when a set bit has no code ({@code 0x100000}).
     */
    public static String formatRights(int mask) {
        return SddlCodes.formatRights(mask, false);
    }

    /**
     * Reads an access mask: two-letter codes in any case, or a number ({@code 0x} hexadecimal,
     * leading-{@code 0} octal, else decimal); the empty string is 0. Spaces before the rights and
     * between codes are skipped, as Windows does; spaces after them are refused, as Windows does.
     *
     * @throws SecurityFormatException naming the bad code and its position in {@code rights}
     */
    public static int parseRights(String rights) {
        if (rights == null) {
            throw new SecurityFormatException("access rights missing: rights=null");
        }
        return SddlCodes.parseRights(rights, 0);
    }

    /** The SDDL alias of {@code sid} when it has one ({@code BA}), else its {@code S-1-…} form. */
    public static String formatSid(Sid sid) {
        return WellKnownSids.alias(sid).orElseGet(sid::toString);
    }
}
