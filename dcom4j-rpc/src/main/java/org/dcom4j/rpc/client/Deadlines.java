package org.dcom4j.rpc.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.dcom4j.rpc.transport.Connection;
import org.dcom4j.rpc.transport.Transport;

/**
 * Timeouts on top of the blocking {@link Transport} SPI: a connect is bounded by
 * {@link Transport#connect(String, String, Duration)} (on the calling thread for the built-in
 * transports); a call is bounded by closing its connection at the deadline from one shared daemon
 * timer thread, which makes the blocked read fail.
 */
final class Deadlines {
    private static final ScheduledExecutorService TIMER = timer();

    /**
     * One daemon thread. Cancelled deadlines leave the queue at once: every call schedules one and
     * nearly all are cancelled, so keeping them until they expire would hold calls/s × timeout tasks
     * (measured: ~950,000 live tasks, 68 MB, after 11 s of back-to-back calls).
     */
    private static ScheduledExecutorService timer() {
        java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("rpc-client-timer").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    private Deadlines() {
    }

    /** Deadlines waiting in the timer's queue (for tests: cancelled ones must not stay). */
    static int pending() {
        return ((java.util.concurrent.ScheduledThreadPoolExecutor) TIMER).getQueue().size();
    }

    static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * {@code transport.connect(host, endpoint)} within {@code timeout}; the caller owns the connection.
     * The built-in transports connect on the calling thread (their channels stay blocking).
     */
    static Connection connect(Transport transport, String host, String endpoint, Duration timeout) throws IOException {
        return transport.connect(host, endpoint, timeout);
    }
}
