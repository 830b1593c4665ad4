package org.dcom4j.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Distributed garbage collection's timing (MS-DCOM 3.2.6.1, 3.1.2.5.1.6): a client pings every
 * {@code period}; an object whose OID was not pinged for {@code period × missedPings} is released. rpcss
 * (which keeps the ping sets) and every server started with the machine's store read the same values, so
 * both sides agree:
 * <pre>
 * HKLM\SOFTWARE\dcom4j\Dcom   PingPeriod    REG_DWORD seconds, 1..3600, default 120 (the specification's)
 *                             MissedPings   REG_DWORD 1..100, default 3
 * </pre>
 * A value out of range or of another type is ignored (the default applies): a broken setting must not
 * make objects immortal or collect them at once.
 */
public record PingSettings(Duration period, int missedPings) {
    public static final String KEY = "HKLM\\SOFTWARE\\dcom4j\\Dcom";
    public static final String PERIOD = "PingPeriod";
    public static final String MISSED = "MissedPings";
    public static final PingSettings DEFAULT = new PingSettings(Duration.ofSeconds(120), 3);

    public PingSettings {
        if (period.isNegative() || period.isZero() || missedPings < 1) {
            throw new IllegalArgumentException("period=" + period + ", missedPings=" + missedPings + ", limit=positive");
        }
    }

    /** The settings in {@code registry}, each defaulted when absent or invalid. */
    public static PingSettings load(Registry registry) {
        int seconds = dword(registry, PERIOD, 1, 3600).orElse((int) DEFAULT.period.toSeconds());
        int missed = dword(registry, MISSED, 1, 100).orElse(DEFAULT.missedPings);
        return new PingSettings(Duration.ofSeconds(seconds), missed);
    }

    /** How long an unpinged object lives. */
    public Duration timeout() {
        return period.multipliedBy(missedPings);
    }

    private static Optional<Integer> dword(Registry registry, String name, int min, int max) {
        return registry.get(KEY, name)
                .filter(v -> v.type() == RegType.REG_DWORD)
                .map(RegValue::asInt)
                .filter(v -> v >= min && v <= max);
    }
}
