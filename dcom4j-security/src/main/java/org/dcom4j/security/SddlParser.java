package org.dcom4j.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One pass over one SDDL string (MS-DTYP 2.5.1, grammar in 2.5.1.1). Not thread-safe; made and used
 * by {@link Sddl#parse} for a single string. Every error is a {@link SecurityFormatException} whose
 * message says what was expected and ends in {@code position=N}, the 0-based character index.
 *
 * <pre>
 * sddl      = [O:sid] [G:sid] [D:acl] [S:acl]        (any order here, each at most once)
 * acl       = *("P" / "AR" / "AI") ["NO_ACCESS_CONTROL" / *ace]
 * ace       = "(" type ";" [flags] ";" rights ";" [guid] ";" [guid] ";" sid ")"
 * </pre>
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
        while (pos < s.length()) {
            int start = pos;
            if (!atComponent()) {
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
                    control |= SecurityDescriptor.DACL_PRESENT | aclFlags(SecurityDescriptor.DACL_PROTECTED,
                            SecurityDescriptor.DACL_AUTO_INHERIT_REQ, SecurityDescriptor.DACL_AUTO_INHERITED);
                    dacl = aclBody("DACL", start);
                }
                default -> {
                    control |= SecurityDescriptor.SACL_PRESENT | aclFlags(SecurityDescriptor.SACL_PROTECTED,
                            SecurityDescriptor.SACL_AUTO_INHERIT_REQ, SecurityDescriptor.SACL_AUTO_INHERITED);
                    sacl = aclBody("SACL", start);
                }
            }
        }
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    /** True when {@code pos} starts {@code O:}, {@code G:}, {@code D:} or {@code S:}. */
    private boolean atComponent() {
        return pos + 1 < s.length() && s.charAt(pos + 1) == ':' && "OGDS".indexOf(s.charAt(pos)) >= 0;
    }

    /**
     * The SID of O: or G:: the run of letters, digits and '-' that stops before the next component
     * ({@code O:BAG:BA} is BA then G:; a SID string holds no ':', so this is never ambiguous).
     */
    private Sid componentSid() {
        int start = pos;
        while (pos < s.length() && !atComponent()) {
            char c = s.charAt(pos);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                break;
            }
            pos++;
        }
        return sid(s.substring(start, pos), start);
    }

    private static Sid sid(String text, int at) {
        if (text.isEmpty()) {
            throw new SecurityFormatException("expected a SID (alias such as BA, or S-1-…) at position=" + at);
        }
        try {
            return WellKnownSids.parse(text);
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(e.getMessage() + " at position=" + at);
        }
    }

    /** The ACL flags P, AR, AI in any order, mapped to the given control bits. */
    private int aclFlags(int protectedBit, int autoInheritReqBit, int autoInheritedBit) {
        int control = 0;
        while (pos < s.length() && s.charAt(pos) != '(' && !atComponent() && !s.startsWith(NULL_ACL, pos)) {
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
        return control;
    }

    /** NO_ACCESS_CONTROL (null ACL, returned as null) or the ACEs, possibly none. */
    private Acl aclBody(String what, int start) {
        if (s.startsWith(NULL_ACL, pos)) {
            pos += NULL_ACL.length();
            if (pos < s.length() && !atComponent()) {
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
            if (length > SecurityDescriptorCodec.MAX_SIZE) {
                throw new SecurityFormatException(what + " too large for its 16-bit AclSize: AclSize=" + length
                        + ", limit=" + SecurityDescriptorCodec.MAX_SIZE + " at position=" + start);
            }
        }
        if (pos < s.length() && !atComponent()) {
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
        int flags = SddlCodes.parseAceFlags(field[0], at[0]);
        int mask = SddlCodes.parseRights(field[1], at[1]);
        UUID objectType = guid(type, field[2], at[2]);
        UUID inheritedObjectType = guid(type, field[3], at[3]);
        Sid sid = sid(field[4], at[4]);
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, null);
    }

    /** The ACE type; conditional, resource attribute and other unsupported types are refused by name. */
    private static AceType aceType(String text, int at) {
        AceType type = AceType.ofSddl(text);
        if (type == null && (text.equals("TL") || text.equals("FL"))) {
            throw new SecurityFormatException((text.equals("TL") ? "process trust label" : "access filter")
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
        return new SecurityFormatException(expected + near + " at position=" + pos);
    }
}
