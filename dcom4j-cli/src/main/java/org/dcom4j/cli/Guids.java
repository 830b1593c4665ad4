package org.dcom4j.cli;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AppIDs and CLSIDs as administrators type them: {@code {12345678-1234-1234-1234-123456789ABC}}
 * (registry form) or without braces, any case. Strict about the 8-4-4-4-12 shape, because
 * {@link UUID#fromString} accepts short groups such as {@code 1-2-3-4-5} and would silently
 * register an AppID nobody meant.
 */
final class Guids {
    private static final Pattern SHAPE = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    private Guids() {
    }

    static UUID parse(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!SHAPE.matcher(s).matches()) {
            throw CliException.badInput("bad GUID \"" + text
                    + "\": expected {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX} (hex digits, braces optional)");
        }
        return UUID.fromString(s);
    }

    /** {@code {12345678-…}} upper-case, as the registry writes it. */
    static String braced(UUID id) {
        return "{" + id.toString().toUpperCase(Locale.ROOT) + "}";
    }
}
