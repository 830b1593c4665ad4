package org.dcom4j.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since T} of {@code dcom4j eventlog}: an ISO-8601 instant
 * ({@code 2025-11-21T23:20:00Z}) or a time relative to now ({@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d}, {@code 1w}) — the relative form is what an administrator types while chasing a
 * denial that just happened.
 */
final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

    private TimeSpec() {
    }

    static Instant parse(String text, Instant now) {
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
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw CliException.badInput("bad time \"" + text + "\": expected an ISO-8601 instant such as "
                    + "2025-11-21T23:20:00Z or a relative time such as 30s, 10m, 2h, 1d, 1w");
        }
    }
}
