package org.dcom4j.config;

/**
 * The rules for account names and passwords, as Windows applies them to local accounts
 * ("User Account Names", SAM): a user name 1–{@value #MAX_USER} characters (the pre-Windows 2000
 * logon name limit), a group name 1–{@value #MAX_GROUP}; neither may contain
 * {@code " / \ [ ] : ; | = , + * ? < > @} or control characters, nor consist only of dots and spaces.
 * Ours in addition: no leading or trailing space (it would be invisible in every listing) and no
 * unpaired surrogate. Names compare case-insensitively ({@link KeyPath#fold}, Windows' upcase
 * table). Stateless.
 */
final class AccountNames {
    static final int MAX_USER = 20;
    static final int MAX_GROUP = 256;
    /** The longest password accepted, in characters (Windows' own limit is 256). */
    static final int MAX_PASSWORD = 256;
    private static final String FORBIDDEN = "\"/\\[]:;|=,+*?<>@";

    private AccountNames() {
    }

    /** {@code name}, checked as a user name. */
    static String user(String name) {
        return check(name, "user", MAX_USER);
    }

    /** {@code name}, checked as a group name. */
    static String group(String name) {
        return check(name, "group", MAX_GROUP);
    }

    private static String check(String name, String what, int max) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("bad " + what + " name: empty");
        }
        String shown = "bad " + what + " name \"" + printable(name) + "\": ";
        if (name.length() > max) {
            throw new IllegalArgumentException(shown + "too long: length=" + name.length() + ", limit=" + max);
        }
        boolean onlyDotsAndSpaces = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                throw new IllegalArgumentException(shown + "control character at index " + i);
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException(shown + "'" + c + "' is not allowed (none of " + FORBIDDEN + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(name.charAt(i - 1)))) {
                throw new IllegalArgumentException(shown + "unpaired surrogate at index " + i);
            }
            onlyDotsAndSpaces &= c == '.' || c == ' ';
        }
        if (onlyDotsAndSpaces) {
            throw new IllegalArgumentException(shown + "only dots and spaces");
        }
        if (name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
            throw new IllegalArgumentException(shown + "leading or trailing space");
        }
        return name;
    }

    /**
     * Checks a password: not empty (Windows refuses network logons with a blank password by default,
     * "Limit local account use of blank passwords to console logon only"), at most {@value #MAX_PASSWORD}
     * characters. The message never holds the password.
     */
    static void password(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("empty password refused: Windows refuses network logons with a blank"
                    + " password, and so does dcom4j");
        }
        if (password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("password too long: length=" + password.length + ", limit="
                    + MAX_PASSWORD);
        }
    }

    /** Control characters as {@code \\uXXXX}, so an error line stays one line. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 64 ? sb.append('…').toString() : sb.toString();
    }
}
