package org.dcom4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event log's field maps as JSON objects of strings (RFC 8259): a writer that escapes what it
 * must, and a reader for exactly that shape (strings or null as values). Stateless.
 */
final class Json {
    private Json() {
    }

    static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(16 + 32 * fields.size()).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : fields.entrySet()) {
            sb.append(sep);
            string(sb, String.valueOf(e.getKey()));
            sb.append(':');
            if (e.getValue() == null) {
                sb.append("null");
            } else {
                string(sb, e.getValue());
            }
            sep = ",";
        }
        return sb.append('}').toString();
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Parses an object whose values are strings or null.
     *
     * @throws IllegalArgumentException naming the offset when the text is not that shape
     */
    static Map<String, String> parseObject(String text) {
        Reader r = new Reader(text);
        Map<String, String> out = new LinkedHashMap<>();
        r.skipWs();
        r.expect('{');
        r.skipWs();
        if (r.peek() == '}') {
            r.pos++;
        } else {
            while (true) {
                r.skipWs();
                String k = r.string();
                r.skipWs();
                r.expect(':');
                r.skipWs();
                String v;
                if (text.startsWith("null", r.pos)) {
                    r.pos += 4;
                    v = null;
                } else {
                    v = r.string();
                }
                out.put(k, v);
                r.skipWs();
                char c = r.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw r.error("expected ',' or '}'");
                }
            }
        }
        r.skipWs();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return out;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        void skipWs() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad JSON: " + what + " at offset=" + pos);
        }
    }
}
