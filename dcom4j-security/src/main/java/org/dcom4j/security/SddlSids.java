package org.dcom4j.security;

import java.util.Locale;

/**
 * The {@code sid-string} of SDDL (MS-DTYP 2.5.1.1: a two-letter alias, or the SID string form of
 * MS-DTYP 2.4.2.1) as Windows' ConvertStringSecurityDescriptorToSecurityDescriptorW reads it in
 * {@code O:}, {@code G:} and the last field of an ACE. Stateless.
 *
 * <p>Beyond the grammar, Windows accepts, and so does this class: an alias in any case ({@code lg}
 * is LG); spaces after {@code S-} and after the revision's {@code -} ({@code S- 1- 2-3} is S-1-2-3);
 * sub-authorities in {@code 0x} hexadecimal ({@code S-1-5-21-0x1-0x2-0x3-513}). The evidence is the
 * Samba test suite {@code python/samba/tests/sddl.py}, whose expectations were recorded by running
 * each string through that Windows function. Leading spaces, and spaces after an alias, belong to the
 * caller, which knows what ends the SID.
 *
 * <p>Refused although Windows accepts them, because Windows silently changes what they mean: a
 * sub-authority above 0xffffffff (Windows saturates it to 4294967295) and a revision written
 * {@code 0x1} (Windows then reads every later number as hexadecimal). Refused because Windows'
 * behaviour is not established: a lowercase {@code s-} prefix, spaces after a SID string, spaces
 * before a sub-authority (the Samba tests accept spaces only before the revision and the authority),
 * and {@code 0X} before a sub-authority.
 */
final class SddlSids {
    private SddlSids() {
    }

    /** Two ASCII letters: the shape of an alias, in either case. */
    static boolean isAlias(String text) {
        return text.length() == 2 && isAsciiLetter(text.charAt(0)) && isAsciiLetter(text.charAt(1));
    }

    /**
     * Resolves {@code text}, which starts with the SID (the caller has skipped leading spaces) and
     * ends with it, or for an alias also with spaces the caller has already removed.
     *
     * @param at where {@code text} starts in the SDDL string, for error messages
     */
    static Sid parse(String text, int at) {
        if (text.isEmpty()) {
            throw new SecurityFormatException("expected a SID (alias such as BA, or S-1-…) at position=" + at);
        }
        if (isAlias(text)) {
            return wellKnown(text.toUpperCase(Locale.ROOT), at);
        }
        if (text.startsWith("s-")) {
            throw new SecurityFormatException("SID strings start with an uppercase S: \"" + text + "\" at position=" + at);
        }
        if (!text.startsWith("S-")) {
            return wellKnown(text, at);
        }
        int blank = text.length();
        while (blank > 0 && text.charAt(blank - 1) == ' ') {
            blank--;
        }
        if (blank < text.length()) {
            // Samba's Windows-verified refusal: "(A;;GA;;;S-1-3-4 )".
            throw new SecurityFormatException("no space may follow a SID string (Windows refuses it) at position="
                    + (at + blank));
        }
        String[] parts = text.split("-", -1);
        StringBuilder canonical = new StringBuilder("S");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (i <= 2) {
                part = part.substring(leadingSpaces(part)); // before the revision and the authority: Windows skips them
            } else if (part.length() > 2 && part.startsWith("0x")) {
                part = hexSubAuthority(part, text, at);
            }
            canonical.append('-').append(part);
        }
        try {
            return Sid.parse(canonical.toString());
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(e.getMessage() + " at position=" + at);
        }
    }

    /**
     * A {@code 0x} sub-authority in decimal, or {@code part} unchanged when it is not hexadecimal (so
     * that {@link Sid#parse} names it as a bad sub-authority).
     */
    private static String hexSubAuthority(String part, String sid, int at) {
        long value = 0;
        for (int i = 2; i < part.length(); i++) {
            char c = part.charAt(i);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return part;
            }
            value = value << 4 | d;
            if (value > 0xFFFF_FFFFL) {
                throw new SecurityFormatException("sub-authority \"" + part + "\" in SID \"" + sid
                        + "\" exceeds 0xffffffff at position=" + at);
            }
        }
        return Long.toString(value);
    }

    private static Sid wellKnown(String text, int at) {
        try {
            return WellKnownSids.parse(text);
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(e.getMessage() + " at position=" + at);
        }
    }

    /** Leading U+0020 only: no Samba test shows Windows skipping a tab or another blank in a SID. */
    private static int leadingSpaces(String part) {
        int n = 0;
        while (n < part.length() && part.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
