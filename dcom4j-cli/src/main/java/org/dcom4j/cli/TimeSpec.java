package org.dcom4j.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since T} of {@code dcom4j eventlog}, in the forms an administrator types while
 * chasing a denial: relative to now ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w}),
 * {@code today} and {@code yesterday} (local midnight), a local date ({@code 2026-11-21}, midnight)
 * or date-time ({@code 2026-11-21T23:00}, {@code 2026-11-21 23:00:00}), and an ISO-8601 instant
 * ({@code 2026-11-21T23:20:00Z}, or with an offset such as {@code +01:00}), which is what the log
 * itself prints. Local means the JVM's time zone, as {@code date} shows it.
 */
final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

    /** The accepted forms, for the error message and {@code --help}. */
    static final String FORMS = "30s, 10m, 2h, 1d, 1w (ago), today, yesterday, 2026-11-21 (local midnight), "
            + "2026-11-21T23:00[:00] or '2026-11-21 23:00[:00]' (local time), 2026-11-21T23:20:00Z (UTC) "
            + "or 2026-11-21T23:20:00+01:00";

    private TimeSpec() {
    }

    /** {@code text} in the JVM's time zone. */
    static Instant parse(String text, Instant now) {
        return parse(text, now, ZoneId.systemDefault());
    }

    static Instant parse(String text, Instant now, ZoneId zone) {
        String s = text.strip();
        Matcher m = RELATIVE.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "today" -> {
                return today.atStartOfDay(zone).toInstant();
            }
            case "yesterday" -> {
                return today.minusDays(1).atStartOfDay(zone).toInstant();
            }
            default -> {
                // a date or date-time below
            }
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(zone).toInstant();
            }
            String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            if (iso.endsWith("Z") || iso.endsWith("z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                return Instant.parse(iso.toUpperCase(Locale.ROOT));
            }
            // atZone resolves a time in a DST gap forward and an ambiguous one to the earlier offset.
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw CliException.badInput("bad time \"" + text + "\": expected one of " + FORMS);
        }
    }
}
