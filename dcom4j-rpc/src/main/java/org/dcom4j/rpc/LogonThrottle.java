package org.dcom4j.rpc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows online password guessing: a peer host with {@value #MAX_FAILURES} failed logons within
 * {@value #WINDOW_SECONDS} s may start no new NTLM handshake until that window has passed (its binds
 * get bind_nak, its alter_contexts a fault). Keyed by the peer's address without the port. Bounded:
 * past {@value #MAX_HOSTS} hosts the oldest windows are dropped. Thread-safe, lock-free.
 */
final class LogonThrottle {
    static final int MAX_FAILURES = 5;
    static final int WINDOW_SECONDS = 60;
    static final int MAX_HOSTS = 10_000;

    /** Failures counted since {@code start} (nanoTime). */
    private record Window(long start, int failures) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final long windowNanos;

    LogonThrottle() {
        this(WINDOW_SECONDS * 1_000_000_000L);
    }

    LogonThrottle(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Whether {@code peer} may start a handshake now. */
    boolean allows(String peer) {
        Window w = windows.get(host(peer));
        return w == null || w.failures < MAX_FAILURES || System.nanoTime() - w.start > windowNanos;
    }

    void failed(String peer) {
        long now = System.nanoTime();
        if (windows.size() >= MAX_HOSTS) {
            windows.entrySet().removeIf(e -> now - e.getValue().start > windowNanos);
            if (windows.size() >= MAX_HOSTS) {
                windows.clear(); // flooded from many hosts: start over rather than grow
            }
        }
        windows.merge(host(peer), new Window(now, 1),
                (old, one) -> now - old.start > windowNanos ? one : new Window(old.start, old.failures + 1));
    }

    /** {@code /192.0.2.7:53422} → {@code /192.0.2.7}; a socket path stays as it is. */
    static String host(String peer) {
        int colon = peer.lastIndexOf(':');
        return colon > 0 && peer.indexOf('/') <= 0 ? peer.substring(0, colon) : peer;
    }
}
