package org.dcom4j.cli;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hexadecimal bytes as administrators paste them: {@code 01 00 04 80 …} (debuggers, our own
 * output), {@code 01,00,04,80,…} or {@code hex:01,00,\} (regedit, continuation lines included), a
 * whole regedit line {@code "AccessPermission"=hex(3):01,00,…} (the name is dropped) and plain
 * {@code 010004…}. Separators are spaces, commas, colons and line continuations; every byte
 * must then be two hex digits, so a lost digit is reported rather than silently shifting the
 * descriptor.
 */
final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");
    /** A pasted regedit line's {@code "AccessPermission"=} or {@code @=} (quotes escaped as {@code \"}). */
    private static final Pattern VALUE_NAME = Pattern.compile("(?:\"(?:[^\"\\\\]|\\\\.)*\"|@)\\s*=\\s*");
    /** {@code hex:} or {@code hex(N):}; only N = 3 (REG_BINARY) is a byte string. */
    private static final Pattern TYPE_PREFIX = Pattern.compile("hex(?:\\(\\s*([0-9a-fA-F]+)\\s*\\))?:",
            Pattern.CASE_INSENSITIVE);

    private Hex() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws CliException (bad input) naming the offending character and its {@code position=…}
     */
    static byte[] parse(String text) {
        String s = text.strip();
        Matcher name = VALUE_NAME.matcher(s);
        if (name.lookingAt()) {
            s = s.substring(name.end());
        }
        Matcher type = TYPE_PREFIX.matcher(s);
        if (type.lookingAt()) {
            if (type.group(1) != null && !type.group(1).matches("0*3")) {
                throw CliException.badInput("bad hex: hex(" + type.group(1) + "): is not REG_BINARY data"
                        + " (expected hex: or hex(3):)");
            }
            s = s.substring(type.end());
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
