package org.dcom4j.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One pass over one SDDL string (MS-DTYP 2.5.1, grammar in 2.5.1.1). Not thread-safe; made and used
 * by {@link Sddl#parse} for a single string. Every error is a {@link SecurityFormatException} whose
 * message says what was expected and ends in {@code position=N}, the 0-based character index.
 *
 * <pre>
 * sddl      = _ *(("O:" / "G:") _ sid / ("D:" / "S:") _ acl)   (any order here, each at most once)
 * acl       = *("P" / "AR" / "AI") _ ["NO_ACCESS_CONTROL" / *(ace _)]
 * ace       = "(" type ";" [flags] ";" rights ";" [guid] ";" [guid] ";" _ sid ")"
 * _         = *" "                                           (where Windows skips spaces, below)
 * </pre>
 *
 * <p>Windows' ConvertStringSecurityDescriptorToSecurityDescriptorW is laxer than MS-DTYP's grammar,
 * and this parser accepts what the Windows-verified expectations of Samba's
 * {@code python/samba/tests/sddl.py} show it accepting (the test cases cited are Samba's), each at its
 * place in MS-DTYP's grammar, so that what is shown for one use of a rule holds for its other uses:
 * <ul>
 * <li>spaces before the first component ({@code " O:AA"}), after {@code D:} ({@code "D: (A…"},
 *     {@code "D: AI(…"}, {@code "D: S:"}; Microsoft's own AD schema files write {@code "D: (A;…"}),
 *     after the ACL flags ({@code "D:P (A…"}), after each ACE ({@code "(A;;GA;;;LG) (A;;GX;;;AA)"}),
 *     and after an alias in O: or G: ({@code "  O:AA G:WD "}) — each only before what may follow there;
 *     S: shares D:'s syntax and is read the same way;</li>
 * <li>in an ACE: a flags or GUID field of spaces only, as if empty ({@code "(A; ;GA;…"},
 *     {@code "(A;;GA; ;;S-1-3-4)"}); spaces before the rights and between rights codes, not after
 *     them and never a tab ({@link SddlCodes#parseRights}); spaces before the SID, and after an alias
 *     ({@code "; LG)"}, {@code "WD )"}) but not after an S-… SID ({@code "S-1-3-4 )"} is refused);</li>
 * <li>the ACE type, the rights codes and the SID aliases in any case ({@code "(a;;ga;;;lg)"}); the
 *     SID forms of {@link SddlSids}.</li>
 * <li>O: and G: read their SID as an ACE does (MS-DTYP has one {@code sid-string} for both): spaces
 *     before it, spaces after an alias, not after an S-… SID. The evidence for some of these is in an
 *     ACE ({@code "; LG)"}), for others in O: ({@code "O:S- 1- 2-3"}, {@code "O:AA G:WD"}).</li>
 * </ul>
 * Kept strict, because Windows refuses it ({@code "d:"}, {@code "D :S:"}, a space inside a number or
 * around a GUID, a tab in the rights) or because no evidence shows what Windows does: lowercase
 * component letters, ACL flags, ACE flags and {@code NO_ACCESS_CONTROL}; spaces between ACL flags,
 * inside a non-empty ACE flags field, around the ACE type, after {@code NO_ACCESS_CONTROL} or after an
 * S-… SID in O: and G:; a rights field of spaces only; any blank other than U+0020.
 */
final class SddlParser {
    private static final String NULL_ACL = "NO_ACCESS_CONTROL";

    private final String s;
    private int pos;

    SddlParser(String s) {
        this.s = s;
    }

    SecurityDescriptor parse() {
        int control = 0;
        Sid owner = null;
        Sid group = null;
        Acl sacl = null;
        Acl dacl = null;
        String seen = "";
        skipSpacesBefore(Follow.COMPONENT); // " O:AA"
        while (pos < s.length()) {
            int start = pos;
            if (!atComponent(pos)) {
                throw error("expected a component O:, G:, D: or S:");
            }
            char tag = s.charAt(pos);
            if (seen.indexOf(tag) >= 0) {
                throw error("duplicate component " + tag + ":");
            }
            seen += tag;
            pos += 2;
            switch (tag) {
                case 'O' -> owner = componentSid();
                case 'G' -> group = componentSid();
                case 'D' -> {
                    skipSpacesBefore(Follow.ACL); // "D: (A…", "D: AI(…", "D: S:"
                    control |= SecurityDescriptor.DACL_PRESENT | aclFlags(SecurityDescriptor.DACL_PROTECTED,
                            SecurityDescriptor.DACL_AUTO_INHERIT_REQ, SecurityDescriptor.DACL_AUTO_INHERITED);
                    dacl = aclBody("DACL", start);
                }
                default -> {
                    skipSpacesBefore(Follow.ACL);
                    control |= SecurityDescriptor.SACL_PRESENT | aclFlags(SecurityDescriptor.SACL_PROTECTED,
                            SecurityDescriptor.SACL_AUTO_INHERIT_REQ, SecurityDescriptor.SACL_AUTO_INHERITED);
                    sacl = aclBody("SACL", start);
                }
            }
        }
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    /** True when {@code i} starts {@code O:}, {@code G:}, {@code D:} or {@code S:}. */
    private boolean atComponent(int i) {
        return i + 1 < s.length() && s.charAt(i + 1) == ':' && "OGDS".indexOf(s.charAt(i)) >= 0;
    }

    /** What may follow a run of spaces at each place Windows skips them. */
    private enum Follow { COMPONENT, ACL, ACES }

    /**
     * Skips a run of spaces (U+0020 only) when what follows it may come next at this place; otherwise
     * leaves {@code pos} at the run, so that the error names the first space.
     */
    private void skipSpacesBefore(Follow follow) {
        int i = pos;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        boolean ok = i == s.length() || atComponent(i) || switch (follow) {
            case COMPONENT -> false;
            case ACL -> s.charAt(i) == '(' || s.startsWith(NULL_ACL, i) || s.charAt(i) == 'P'
                    || s.startsWith("AR", i) || s.startsWith("AI", i);
            case ACES -> s.charAt(i) == '(' || s.startsWith(NULL_ACL, i);
        };
        if (ok) {
            pos = i;
        }
    }

    /**
     * The SID of O: or G:: spaces, then the run of letters, digits and '-' that stops before the
     * next component ({@code O:BAG:BA} is BA then G:; a SID string holds no ':', so this is never
     * ambiguous) and, in an S-… SID, the spaces Windows allows after {@code S-} and after the
     * revision's '-' ({@code O:S- 1- 2-3}). Spaces after an alias are skipped ({@code O:AA G:WD});
     * after an S-… SID they are not, as inside an ACE, where Windows refuses them.
     */
    private Sid componentSid() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
        int at = pos;
        boolean sidString = s.startsWith("S-", at);
        int hyphens = 0;
        while (pos < s.length() && !atComponent(pos)) {
            char c = s.charAt(pos);
            boolean inSid = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
            boolean allowedSpace = c == ' ' && sidString && hyphens <= 2 && "- ".indexOf(s.charAt(pos - 1)) >= 0;
            if (!inSid && !allowedSpace) {
                break;
            }
            hyphens += c == '-' ? 1 : 0;
            pos++;
        }
        String text = s.substring(at, pos);
        if (text.isEmpty()) {
            at = start; // "O:G:BA", "O: G:BA": the SID is missing where the component's value begins
        }
        Sid sid = SddlSids.parse(text, at);
        if (SddlSids.isAlias(text)) {
            skipSpacesBefore(Follow.COMPONENT);
        }
        return sid;
    }

    /** The ACL flags P, AR, AI in any order, mapped to the given control bits. */
    private int aclFlags(int protectedBit, int autoInheritReqBit, int autoInheritedBit) {
        int control = 0;
        while (pos < s.length() && s.charAt(pos) != '(' && s.charAt(pos) != ' ' && !atComponent(pos)
                && !s.startsWith(NULL_ACL, pos)) {
            if (s.startsWith("AR", pos)) {
                control |= autoInheritReqBit;
                pos += 2;
            } else if (s.startsWith("AI", pos)) {
                control |= autoInheritedBit;
                pos += 2;
            } else if (s.charAt(pos) == 'P') {
                control |= protectedBit;
                pos++;
            } else {
                throw error("expected ACL flag P, AR or AI, NO_ACCESS_CONTROL, '(' or a component");
            }
        }
        skipSpacesBefore(Follow.ACES); // "D:P (A…", "D:AI (A…"
        return control;
    }

    /** NO_ACCESS_CONTROL (null ACL, returned as null) or the ACEs, possibly none. */
    private Acl aclBody(String what, int start) {
        if (s.startsWith(NULL_ACL, pos)) {
            pos += NULL_ACL.length();
            if (pos < s.length() && !atComponent(pos)) {
                throw error(NULL_ACL + " must not be followed by ACEs or flags; expected a component or the end");
            }
            return null;
        }
        List<Ace> aces = new ArrayList<>();
        int length = SecurityDescriptorCodec.ACL_HEADER_LENGTH;
        while (pos < s.length() && s.charAt(pos) == '(') {
            Ace ace = ace();
            aces.add(ace);
            length += ace.encodedLength();
            skipSpacesBefore(Follow.ACES); // "(A;;GA;;;LG) (A;;GX;;;AA)"
            if (length > SecurityDescriptorCodec.MAX_SIZE) {
                throw new SecurityFormatException(what + " too large for its 16-bit AclSize: AclSize=" + length
                        + ", limit=" + SecurityDescriptorCodec.MAX_SIZE + " at position=" + start);
            }
        }
        if (pos < s.length() && !atComponent(pos)) {
            throw error("expected '(' to start an ACE, a component or the end");
        }
        return Acl.of(aces);
    }

    private Ace ace() {
        int open = pos++;
        int typeAt = pos;
        while (pos < s.length() && s.charAt(pos) != ';' && s.charAt(pos) != ')' && s.charAt(pos) != '(') {
            pos++;
        }
        AceType type = aceType(s.substring(typeAt, pos), typeAt);
        // The other five fields, split before any is read so that a missing field is reported as such.
        String[] field = new String[5];
        int[] at = new int[5];
        for (int i = 0; i < 5; i++) {
            if (pos >= s.length()) {
                throw error("unbalanced parentheses: the ACE opened at position=" + open + " has no ')';");
            }
            if (s.charAt(pos) != ';') {
                throw error("expected ';' (an ACE has 6 fields: type;flags;rights;objectGuid;inheritObjectGuid;sid)");
            }
            at[i] = ++pos;
            while (pos < s.length() && s.charAt(pos) != ';' && s.charAt(pos) != ')') {
                if (s.charAt(pos) == '(') {
                    throw error("unbalanced parentheses: '(' inside the ACE opened at position=" + open + ";");
                }
                pos++;
            }
            field[i] = s.substring(at[i], pos);
        }
        if (pos >= s.length()) {
            throw error("unbalanced parentheses: the ACE opened at position=" + open + " has no ')';");
        }
        if (s.charAt(pos) == ';') {
            throw error("unexpected ';' after the SID: only conditional and resource attribute ACEs have a 7th field;"
                    + " expected ')'");
        }
        pos++; // ')'
        // A field of spaces only is an empty field to Windows ("(A; ;GA;;;LG)", "(A;;GA; ;;S-1-3-4)").
        int flags = blank(field[0]) ? 0 : SddlCodes.parseAceFlags(field[0], at[0]);
        int mask = SddlCodes.parseRights(field[1], at[1]);
        UUID objectType = blank(field[2]) ? null : guid(type, field[2], at[2]);
        UUID inheritedObjectType = blank(field[3]) ? null : guid(type, field[3], at[3]);
        Sid sid = aceSid(field[4], at[4]);
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, null);
    }

    private static boolean blank(String field) {
        return !field.isEmpty() && field.chars().allMatch(c -> c == ' ');
    }

    /** Spaces, then the SID; spaces after an alias ("WD )") but not after an S-… SID ("S-1-3-4 )"). */
    private static Sid aceSid(String text, int at) {
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        String sid = text.substring(lead);
        String alias = sid.stripTrailing();
        if (SddlSids.isAlias(alias) && sid.substring(alias.length()).chars().allMatch(c -> c == ' ')) {
            sid = alias;
        }
        return SddlSids.parse(sid, sid.isEmpty() ? at : at + lead);
    }

    /** The ACE type, in any case; conditional, resource attribute and other unsupported types are refused by name. */
    private static AceType aceType(String text, int at) {
        // "(a;;GA;;;LG)" is read as A by Windows; only ASCII is folded, so "Ā" stays unknown.
        AceType type = AceType.ofSddl(text.chars().allMatch(c -> c < 0x80) ? text.toUpperCase(Locale.ROOT) : text);
        if (type == null && (text.equalsIgnoreCase("TL") || text.equalsIgnoreCase("FL"))) {
            throw new SecurityFormatException((text.equalsIgnoreCase("TL") ? "process trust label" : "access filter")
                    + " ACEs are not supported: " + text + " at position=" + at);
        }
        if (type == null) {
            throw new SecurityFormatException("unknown ACE type \"" + text + "\" at position=" + at
                    + " (expected A D AU AL OA OD OU OL ML SP)");
        }
        if (type.isCallback()) {
            throw new SecurityFormatException("conditional ACE expressions are not supported: " + text
                    + " at position=" + at);
        }
        if (type == AceType.SYSTEM_RESOURCE_ATTRIBUTE) {
            throw new SecurityFormatException("resource attribute ACEs are not supported: " + text + " at position=" + at);
        }
        return type;
    }

    private static UUID guid(AceType type, String text, int at) {
        if (text.isEmpty()) {
            return null;
        }
        if (!type.isObject()) {
            throw new SecurityFormatException("object GUIDs are allowed only in object ACEs (OA OD OU OL), not in "
                    + type.sddl() + " at position=" + at);
        }
        return Guids.parse(text, at);
    }

    private SecurityFormatException error(String expected) {
        String near = pos < s.length() ? " near \"" + s.substring(pos, Math.min(s.length(), pos + 12)) + "\"" : " at the end";
        String space = pos < s.length() && Character.isWhitespace(s.charAt(pos))
                ? " (Windows accepts no blank here)" : "";
        return new SecurityFormatException(expected + near + space + " at position=" + pos);
    }
}
