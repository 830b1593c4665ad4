package org.dcom4j.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes {@code .reg} text exactly as regedit writes it. Lines are built with {@code \n}; the file
 * form ({@link RegFile.Format#REGEDIT}) turns them into CRLF and UTF-16LE with a BOM. Stateless.
 *
 * <p>Hex data wraps the way regedit's does: after each {@code xx,} the column is checked and, once it
 * has reached {@value #WRAP_COLUMN}, the line ends with {@code \} and the next starts with two
 * spaces — so no line exceeds 80 characters and continuation lines hold 25 bytes. The last byte
 * has no comma and never wraps.
 */
final class RegWriter {
    static final int WRAP_COLUMN = 77;
    static final String INDENT = "  ";

    private RegWriter() {
    }

    static void header(StringBuilder sb) {
        sb.append(RegFileParser.HEADER_5).append('\n');
    }

    /** A blank line, then {@code [KEY]} or {@code [-KEY]}. */
    static void keyLine(StringBuilder sb, String longPath, boolean delete) {
        sb.append('\n').append('[').append(delete ? "-" : "").append(longPath).append("]\n");
    }

    /** {@code "name"=-}. */
    static void deleteValueLine(StringBuilder sb, String name) {
        sb.append(namePart(name)).append("-\n");
    }

    /** One value: {@code "name"="text"}, {@code "name"=dword:0000001e} or wrapped hex. */
    static void valueLine(StringBuilder sb, RegValue v) {
        String prefix = namePart(v.name());
        sb.append(prefix);
        byte[] data = v.data();
        String text = v.type() == RegType.REG_SZ ? cleanString(data) : null;
        if (text != null) {
            sb.append('"').append(escape(text)).append("\"\n");
            return;
        }
        if (v.type() == RegType.REG_DWORD && data.length == 4) {
            sb.append(String.format("dword:%08x", v.asInt())).append('\n');
            return;
        }
        String hexPrefix = v.type() == RegType.REG_BINARY ? "hex:" : "hex(" + Integer.toHexString(v.type().code()) + "):";
        sb.append(hexPrefix);
        int col = prefix.length() + hexPrefix.length();
        for (int i = 0; i < data.length; i++) {
            sb.append(Character.forDigit((data[i] >> 4) & 0xF, 16)).append(Character.forDigit(data[i] & 0xF, 16));
            if (i == data.length - 1) {
                break;
            }
            sb.append(',');
            col += 3;
            if (col >= WRAP_COLUMN) {
                sb.append("\\\n").append(INDENT);
                col = INDENT.length();
            }
        }
        sb.append('\n');
    }

    private static String namePart(String name) {
        return name.isEmpty() ? "@=" : "\"" + escape(name) + "\"=";
    }

    /**
     * The text of REG_SZ data when printing it as {@code "…"} and reading it back gives the same
     * bytes: a NUL-terminated UTF-16LE string without NUL, CR or LF inside. Null otherwise (the value
     * is then written as {@code hex(1):}).
     */
    static String cleanString(byte[] data) {
        if (data.length < 2 || (data.length & 1) != 0) {
            return null;
        }
        String s = RegValue.decodeUtf16z(data, 0, data.length);
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            return null;
        }
        return Arrays.equals(RegValue.utf16z(s), data) ? s : null;
    }

    /** regedit 5.00 escapes only the backslash and the double quote. */
    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The file bytes: UTF-16LE with BOM and CRLF (regedit), or UTF-8 with LF. */
    static byte[] encode(CharSequence text, RegFile.Format format) {
        if (format == RegFile.Format.UTF8) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2 + 64);
        out.write(0xFF);
        out.write(0xFE);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.write('\r');
                out.write(0);
            }
            out.write(c & 0xFF);
            out.write(c >>> 8);
        }
        return out.toByteArray();
    }
}
