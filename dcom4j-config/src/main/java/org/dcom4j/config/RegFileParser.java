package org.dcom4j.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses regedit's {@code .reg} format ("Windows Registry Editor Version 5.00" and "REGEDIT4") into
 * {@link RegOp}s, bounding every length it reads. Errors are {@link RegFileException}s naming the
 * line. Single use: one instance per text, not thread-safe.
 *
 * <pre>
 * file    = [BOM] header EOL { blank | comment | key | value }
 * header  = "Windows Registry Editor Version 5.00" | "REGEDIT4"
 * key     = "[" ["-"] path "]"
 * value   = ( "@" | quoted ) "=" ( quoted | "-" | "dword:" 1*8HEX | "hex" ["(" 1*8HEX ")"] ":" bytes )
 * bytes   = [ byte { "," byte } [","] ]      ; a line ending in "\" continues on the next
 * quoted  = '"' { char | "\\" | "\"" } '"'
 * </pre>
 */
final class RegFileParser {
    static final String HEADER_5 = "Windows Registry Editor Version 5.00";
    static final String HEADER_4 = "REGEDIT4";
    /** Largest file accepted. */
    static final int MAX_FILE_BYTES = 64 << 20;
    /** Longest logical line (a value with its continuations), in characters. */
    static final int MAX_LOGICAL_LINE = 4 << 20;
    /** Windows' ANSI code page for Western languages: how regedit writes REGEDIT4 files and their hex(1) bytes. */
    static final Charset ANSI = Charset.forName("windows-1252");

    private final String[] lines;
    private final List<RegOp> ops = new ArrayList<>();
    private boolean regedit4;
    private String section;
    private boolean sectionDeleted;
    private int sectionLine;

    private RegFileParser(String text) {
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    static List<RegOp> parse(byte[] bytes) {
        return parse(decode(bytes));
    }

    static List<RegOp> parse(String text) {
        if (text.length() > MAX_FILE_BYTES) {
            throw new RegFileException(0, "file too large: characters=" + text.length() + ", limit=" + MAX_FILE_BYTES);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        RegFileParser p = new RegFileParser(text);
        p.run();
        return List.copyOf(p.ops);
    }

    /**
     * Decodes by BOM: UTF-16LE (regedit's), UTF-16BE, UTF-8; without one, UTF-16LE if it looks so,
     * else UTF-8 — except that a {@code REGEDIT4} file that is not valid UTF-8 is read as
     * windows-1252, the ANSI code page regedit writes it in (a 5.00 file without a BOM stays UTF-8).
     */
    static String decode(byte[] b) {
        if (b.length > MAX_FILE_BYTES) {
            throw new RegFileException(0, "file too large: bytes=" + b.length + ", limit=" + MAX_FILE_BYTES);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return decode(b, 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return decode(b, 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return decode(b, 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && b[0] != 0 && b[1] == 0) {
            return decode(b, 0, StandardCharsets.UTF_16LE);
        }
        if (startsWithRegedit4(b)) {
            try {
                return decode(b, 0, StandardCharsets.UTF_8);
            } catch (RegFileException notUtf8) {
                return decode(b, 0, ANSI);
            }
        }
        return decode(b, 0, StandardCharsets.UTF_8);
    }

    /** The first non-blank line is {@code REGEDIT4} (ASCII, so the same bytes in UTF-8 and any ANSI code page). */
    private static boolean startsWithRegedit4(byte[] b) {
        int i = 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        byte[] h = HEADER_4.getBytes(StandardCharsets.US_ASCII);
        if (b.length - i < h.length || !Arrays.equals(b, i, i + h.length, h, 0, h.length)) {
            return false;
        }
        int j = i + h.length;
        return j == b.length || b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n';
    }

    private static String decode(byte[] b, int from, Charset cs) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, b.length - from);
        // A byte never decodes to more than one char in UTF-8 or UTF-16; b.length is bounded above.
        CharBuffer out = CharBuffer.allocate(b.length - from + 1);
        var result = d.decode(in, out, true);
        if (result.isError()) {
            String before = new String(out.array(), 0, out.position());
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            throw new RegFileException(line, "not valid " + cs.name() + " at byte offset=" + in.position()
                    + (cs == ANSI ? " (a REGEDIT4 file that is not UTF-8 is read in the ANSI code page windows-1252)"
                    : " (regedit writes UTF-16LE with a BOM; UTF-8 is accepted too)"));
        }
        result = d.flush(out);
        if (result.isError()) {
            throw new RegFileException(0, "not valid " + cs.name() + ": the file ends inside a character");
        }
        return new String(out.array(), 0, out.position());
    }

    private void run() {
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String header = i < lines.length ? lines[i].strip() : "";
        if (header.equals(HEADER_4)) {
            regedit4 = true;
        } else if (!header.equals(HEADER_5)) {
            throw new RegFileException(i < lines.length ? i + 1 : 0, "expected the header \"" + HEADER_5
                    + "\" (or \"" + HEADER_4 + "\") but found " + excerpt(header));
        }
        for (i++; i < lines.length; i++) {
            String s = lines[i].stripLeading();
            if (s.isEmpty() || s.charAt(0) == ';') {
                continue;
            }
            char c = s.charAt(0);
            if (c == '[') {
                keyLine(i + 1, s.stripTrailing());
            } else if (c == '"' || c == '@') {
                i = valueLine(i, s);
            } else {
                throw new RegFileException(i + 1, "expected [KEY], \"name\"=…, @=…, a ; comment or a blank line but found "
                        + excerpt(s));
            }
        }
    }

    private void keyLine(int line, String s) {
        if (!s.endsWith("]")) {
            throw new RegFileException(line, "expected ']' at the end of the key line " + excerpt(s));
        }
        String body = s.substring(1, s.length() - 1);
        boolean delete = body.startsWith("-");
        String key = delete ? body.substring(1) : body;
        try {
            KeyPath.parse(key);
        } catch (IllegalArgumentException e) {
            throw new RegFileException(line, e.getMessage());
        }
        section = key;
        sectionDeleted = delete;
        sectionLine = line;
        ops.add(delete ? new RegOp.DeleteKey(line, key) : new RegOp.CreateKey(line, key));
    }

    /** Parses the value starting on line index {@code i}; returns the index of its last line. */
    private int valueLine(int i, String s) {
        int line = i + 1;
        if (section == null) {
            throw new RegFileException(line, "a value must follow a [KEY] line");
        }
        if (sectionDeleted) {
            throw new RegFileException(line, "a value cannot follow [-" + section + "] (line=" + sectionLine
                    + "), which deletes the key");
        }
        Cursor cur = new Cursor(s, line);
        String name;
        if (s.charAt(0) == '@') {
            cur.pos = 1;
            name = "";
        } else {
            name = cur.quoted("value name");
        }
        cur.skipWs();
        if (cur.pos >= s.length() || s.charAt(cur.pos) != '=') {
            throw new RegFileException(line, "expected '=' after the value name but found " + excerpt(s.substring(cur.pos)));
        }
        cur.pos++;
        cur.skipWs();
        String rest = s.substring(cur.pos);
        if (rest.startsWith("\"")) {
            String data = cur.quoted("string data");
            cur.expectEnd();
            add(new RegOp.SetValue(line, section, value(line, name, RegType.REG_SZ, null, data)));
            return i;
        }
        if (rest.stripTrailing().equals("-")) {
            ops.add(new RegOp.DeleteValue(line, section, name));
            return i;
        }
        if (rest.regionMatches(true, 0, "dword:", 0, 6)) {
            String hex = rest.substring(6).strip();
            if (hex.isEmpty() || hex.length() > 8 || !isHex(hex)) {
                throw new RegFileException(line, "expected 1 to 8 hex digits after dword: but found " + excerpt(hex));
            }
            int v = Integer.parseUnsignedInt(hex, 16);
            byte[] le = {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
            add(new RegOp.SetValue(line, section, value(line, name, RegType.REG_DWORD, le, null)));
            return i;
        }
        if (rest.regionMatches(true, 0, "hex", 0, 3)) {
            return hexValue(i, name, rest.substring(3));
        }
        throw new RegFileException(line, "expected \"string\", dword:, hex:, hex(N): or - after '=' but found "
                + excerpt(rest));
    }

    private int hexValue(int i, String name, String afterHex) {
        int line = i + 1;
        RegType type = RegType.REG_BINARY;
        String rest = afterHex;
        if (rest.startsWith("(")) {
            int close = rest.indexOf(')');
            String n = close < 0 ? "" : rest.substring(1, close);
            if (close < 0 || n.isEmpty() || n.length() > 8 || !isHex(n)) {
                throw new RegFileException(line, "expected hex(N) with N of 1 to 8 hex digits but found "
                        + excerpt("hex" + rest));
            }
            try {
                type = RegType.ofCode(Long.parseLong(n, 16));
            } catch (IllegalArgumentException e) {
                throw new RegFileException(line, e.getMessage());
            }
            rest = rest.substring(close + 1);
        }
        if (!rest.startsWith(":")) {
            throw new RegFileException(line, "expected ':' after hex" + (type == RegType.REG_BINARY ? "" : "(N)")
                    + " but found " + excerpt(rest));
        }
        StringBuilder logical = new StringBuilder(rest.substring(1));
        List<int[]> segments = new ArrayList<>(); // {offset in logical, line}
        segments.add(new int[] {0, line});
        while (true) {
            int end = logical.length();
            while (end > 0 && Character.isWhitespace(logical.charAt(end - 1))) {
                end--;
            }
            if (end == 0 || logical.charAt(end - 1) != '\\') {
                break;
            }
            logical.setLength(end - 1);
            i++;
            if (i >= lines.length) {
                throw new RegFileException(i, "the file ends inside a value continued with '\\'");
            }
            String next = lines[i].stripLeading();
            if (logical.length() + next.length() > MAX_LOGICAL_LINE) {
                throw new RegFileException(i + 1, "value too long: its continued lines exceed " + MAX_LOGICAL_LINE
                        + " characters (a value may hold at most " + RegValue.MAX_DATA_BYTES + " bytes)");
            }
            segments.add(new int[] {logical.length(), i + 1});
            logical.append(next);
        }
        byte[] data = hexBytes(logical, segments);
        add(new RegOp.SetValue(line, section, value(line, name, type, data, null)));
        return i;
    }

    private static byte[] hexBytes(CharSequence s, List<int[]> segments) {
        byte[] out = new byte[Math.min(64, s.length() / 2 + 1)];
        int n = 0;
        int pos = 0;
        int len = s.length();
        while (pos < len) {
            int start = pos;
            while (pos < len && s.charAt(pos) != ',') {
                pos++;
            }
            String tok = s.subSequence(start, pos).toString().strip();
            boolean last = pos >= len;
            pos++; // the comma
            if (tok.isEmpty()) {
                if (last && (n > 0 || start == 0)) {
                    break; // a trailing comma, or nothing at all
                }
                throw new RegFileException(lineAt(segments, start), "expected a hex byte between commas");
            }
            if (tok.length() > 2 || !isHex(tok)) {
                throw new RegFileException(lineAt(segments, start), "expected a hex byte (00-ff) but found "
                        + excerpt(tok));
            }
            if (n == RegValue.MAX_DATA_BYTES) {
                throw new RegFileException(lineAt(segments, start), "value too large: more than "
                        + RegValue.MAX_DATA_BYTES + " bytes");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(out.length * 2, RegValue.MAX_DATA_BYTES));
            }
            out[n++] = (byte) Integer.parseInt(tok, 16);
        }
        return Arrays.copyOf(out, n);
    }

    private static int lineAt(List<int[]> segments, int offset) {
        int line = segments.get(0)[1];
        for (int[] seg : segments) {
            if (seg[0] <= offset) {
                line = seg[1];
            }
        }
        return line;
    }

    /** Builds the value; REGEDIT4 strings in hex(1)/hex(2)/hex(7) are ANSI and become UTF-16LE. */
    private RegValue value(int line, String name, RegType type, byte[] data, String text) {
        try {
            if (text != null) {
                return RegValue.sz(name, text);
            }
            if (regedit4 && (type.isString() || type == RegType.REG_MULTI_SZ)) {
                data = new String(data, ANSI).getBytes(StandardCharsets.UTF_16LE);
            }
            return RegValue.of(name, type, data);
        } catch (IllegalArgumentException e) {
            throw new RegFileException(line, e.getMessage());
        }
    }

    private void add(RegOp op) {
        ops.add(op);
    }

    static boolean isHex(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
                return false;
            }
        }
        return true;
    }

    static String excerpt(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.isEmpty() ? "nothing" : "\"" + t + "\"";
    }

    /** A position in one physical line, for quoted strings. */
    private static final class Cursor {
        final String s;
        final int line;
        int pos;

        Cursor(String s, int line) {
            this.s = s;
            this.line = line;
        }

        void skipWs() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        /** A {@code "…"} string with {@code \\} and {@code \"} escapes, starting at pos. */
        String quoted(String what) {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw new RegFileException(line, "expected '\"' to start the " + what);
            }
            StringBuilder sb = new StringBuilder();
            for (pos++; pos < s.length(); pos++) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
                    if (e != '\\' && e != '"') {
                        throw new RegFileException(line, "bad escape in the " + what + ": \\" + (e == 0 ? "" : e)
                                + " (write \\\\ for a backslash and \\\" for a quote)");
                    }
                    sb.append(e);
                    pos++;
                } else {
                    sb.append(c);
                }
            }
            throw new RegFileException(line, "unterminated " + what + ": expected a closing '\"'");
        }

        void expectEnd() {
            if (!s.substring(pos).isBlank()) {
                throw new RegFileException(line, "expected the end of the line after the closing '\"' but found "
                        + excerpt(s.substring(pos).strip()));
            }
        }
    }
}
