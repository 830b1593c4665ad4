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

    /** The SID of O: or G:, which runs up to the next component (SIDs hold no ':'). */
    private Sid componentSid() {
        int colon = s.indexOf(':', pos);
        int end = colon < 0 ? s.length() : Math.max(pos, colon - 1);
        String text = s.substring(pos, end);
        Sid sid = sid(text, pos);
        pos = end;
        return sid;
    }

    private Sid sid(String text, int at) {
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
        String typeText = field(open);
        AceType type = AceType.ofSddl(typeText);
        if (type == null && (typeText.equals("TL") || typeText.equals("FL"))) {
            throw new SecurityFormatException((typeText.equals("TL") ? "process trust label" : "access filter")
                    + " ACEs are not supported: " + typeText + " at position=" + typeAt);
        }
        if (type == null) {
            throw new SecurityFormatException("unknown ACE type \"" + typeText + "\" at position=" + typeAt
                    + " (expected A D AU AL OA OD OU OL ML SP)");
        }
        if (type.isCallback()) {
            throw new SecurityFormatException("conditional ACE expressions are not supported: " + typeText
                    + " at position=" + typeAt);
        }
        if (type == AceType.SYSTEM_RESOURCE_ATTRIBUTE) {
            throw new SecurityFormatException("resource attribute ACEs are not supported: " + typeText
                    + " at position=" + typeAt);
        }
        expect(';', open);
        int flagsAt = pos;
        int flags = SddlCodes.parseAceFlags(field(open), flagsAt);
        expect(';', open);
        int rightsAt = pos;
        int mask = SddlCodes.parseRights(field(open), rightsAt);
        expect(';', open);
        UUID objectType = guid(type, open);
        expect(';', open);
        UUID inheritedObjectType = guid(type, open);
        expect(';', open);
        int sidAt = pos;
        Sid sid = sid(field(open), sidAt);
        if (pos < s.length() && s.charAt(pos) == ';') {
            throw error("unexpected ';' after the SID: only conditional and resource attribute ACEs have a 7th field;"
                    + " expected ')'");
        }
        expect(')', open);
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, null);
    }

    private UUID guid(AceType type, int open) {
        int at = pos;
        String text = field(open);
        if (text.isEmpty()) {
            return null;
        }
        if (!type.isObject()) {
            throw new SecurityFormatException("object GUIDs are allowed only in object ACEs (OA OD OU OL), not in "
                    + type.sddl() + " at position=" + at);
        }
        return Guids.parse(text, at);
    }

    /** The characters up to the next ';' or ')'; fails when the ACE opened at {@code open} never closes. */
    private String field(int open) {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ';' && s.charAt(pos) != ')') {
            char c = s.charAt(pos);
            if (c == '(') {
                throw error("unbalanced parentheses: '(' inside the ACE opened at position=" + open + ";");
            }
            pos++;
        }
        if (pos == s.length()) {
            throw error("unbalanced parentheses: the ACE opened at position=" + open + " has no ')';");
        }
        return s.substring(start, pos);
    }

    private void expect(char c, int open) {
        if (pos >= s.length()) {
            throw error("unbalanced parentheses: the ACE opened at position=" + open + " has no ')';");
        }
        if (s.charAt(pos) != c) {
            throw error(c == ';' ? "expected ';' (an ACE has 6 fields)" : "expected '" + c + "'");
        }
        pos++;
    }

    private SecurityFormatException error(String expected) {
        String near = pos < s.length() ? " near \"" + s.substring(pos, Math.min(s.length(), pos + 12)) + "\"" : " at the end";
        return new SecurityFormatException(expected + near + " at position=" + pos);
    }
}
