package org.dcom4j.cli;

import java.util.HexFormat;

/**
 * Hexadecimal bytes as administrators paste them: {@code 01 00 04 80 …} (debuggers, our own
 * output), {@code 01,00,04,80,…} or {@code hex:01,00,\} (regedit, continuation lines included) and
 * plain {@code 010004…}. Separators are spaces, commas, colons and line continuations; every byte
 * must then be two hex digits, so a lost digit is reported rather than silently shifting the
 * descriptor.
 */
final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws CliException (bad input) naming the offending character and its {@code position=…}
     */
    static byte[] parse(String text) {
        String s = text.strip();
        if (s.regionMatches(true, 0, "hex:", 0, 4)) {
            s = s.substring(4);
        }
        StringBuilder digits = new StringBuilder(s.length());
        int run = 0; // digits since the last separator: each separated group must be whole bytes
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                digits.append(c);
                run++;
            } else if (c == ' ' || c == ',' || c == ':' || c == '\\' || c == '\t' || c == '\r' || c == '\n') {
                checkGroup(run, i);
                run = 0;
            } else {
                throw CliException.badInput("bad hex: unexpected character '" + c + "' at position=" + i
                        + " (expected hex digits separated by spaces or commas)");
            }
        }
        checkGroup(run, s.length());
        if (digits.isEmpty()) {
            throw CliException.badInput("bad hex: no bytes given");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static void checkGroup(int digits, int position) {
        if (digits % 2 != 0) {
            throw CliException.badInput("bad hex: odd number of digits before position=" + position
                    + " (each byte is two hex digits)");
        }
    }

    /** {@code 01 00 04 80 …}: lowercase, space-separated, the form {@link #parse} and humans read back. */
    static String format(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }
}
