package org.dcom4j.rpcss.dcom;

import java.time.Duration;
import java.util.Objects;
import org.dcom4j.rpcss.ServerLauncher;

/**
 * rpcss's DCOM settings that are not in the config store (they are the process's, not the machine's).
 *
 * @param launcher        asked to start a class's server when none is registered ({@link ServerLauncher#NONE}: never)
 * @param launchTimeout   how long an activation waits for the started server's RegisterServer (default 30 s)
 * @param pingPeriod      the client ping period (MS-DCOM 3.2.1 "ping period", default 120 s)
 * @param missedPings     a ping set expires after {@code pingPeriod × missedPings} without a ping (default 3)
 * @param livenessPeriod  how often registered servers are probed; one whose ObjectServer endpoint no longer
 *                        accepts connections is unregistered (default 10 s)
 * @param policyRefresh   how old the DCOM access policy snapshot may get before it is re-read from the
 *                        config store (default 2 s; zero: every activation, for tests)
 */
public record DcomOptions(ServerLauncher launcher, Duration launchTimeout, Duration pingPeriod, int missedPings,
                          Duration livenessPeriod, Duration policyRefresh) {
    public DcomOptions {
        Objects.requireNonNull(launcher, "launcher");
        positive(launchTimeout, "launchTimeout");
        positive(pingPeriod, "pingPeriod");
        positive(livenessPeriod, "livenessPeriod");
        Objects.requireNonNull(policyRefresh, "policyRefresh");
        if (policyRefresh.isNegative()) {
            throw new IllegalArgumentException("policyRefresh=" + policyRefresh + ", limit>=0");
        }
        if (missedPings < 1 || missedPings > 100) {
            throw new IllegalArgumentException("missedPings=" + missedPings + ", limit=1..100");
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + "=" + d + ", limit=positive");
        }
    }

    public static DcomOptions defaults() {
        return new DcomOptions(ServerLauncher.NONE, Duration.ofSeconds(30), Duration.ofSeconds(120), 3, Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    public DcomOptions withLauncher(ServerLauncher l) {
        return new DcomOptions(l, launchTimeout, pingPeriod, missedPings, livenessPeriod, policyRefresh);
    }

    public DcomOptions withLaunchTimeout(Duration d) {
        return new DcomOptions(launcher, d, pingPeriod, missedPings, livenessPeriod, policyRefresh);
    }

    public DcomOptions withPing(Duration period, int missed) {
        return new DcomOptions(launcher, launchTimeout, period, missed, livenessPeriod, policyRefresh);
    }

    public DcomOptions withLivenessPeriod(Duration d) {
        return new DcomOptions(launcher, launchTimeout, pingPeriod, missedPings, d, policyRefresh);
    }

    public DcomOptions withPolicyRefresh(Duration d) {
        return new DcomOptions(launcher, launchTimeout, pingPeriod, missedPings, livenessPeriod, d);
    }

    /** The time after which a set that is not pinged expires. */
    public Duration pingTimeout() {
        return pingPeriod.multipliedBy(missedPings);
    }
}
