package org.dcom4j.ntlm;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Defence against NTLM reflection (the MS08-068 class): our servers record each ServerChallenge they
 * issue until its AUTHENTICATE is processed, and our clients record each ServerChallenge they answer.
 * A client refuses a CHALLENGE carrying a challenge one of our servers has outstanding; a server
 * refuses an AUTHENTICATE for a challenge one of our clients has answered.
 *
 * <p>Bounded: each list keeps at most {@link #CAPACITY} entries, oldest dropped first, and entries
 * expire after {@link #LIFETIME}. The bound trades memory for coverage: a peer that opens more than
 * CAPACITY handshakes inside one reflection attempt pushes the victim entry out (see README).
 *
 * <p>{@link #global()} is the process-wide ledger the public constructors use; a private ledger
 * ({@link #ChallengeLedger()}) isolates a client and a server that legitimately talk to each other
 * in one process (a loopback test), which the shared ledger would refuse as reflection. Thread-safe.
 */
public final class ChallengeLedger {
    public static final int CAPACITY = 4096;
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final ChallengeLedger GLOBAL = new ChallengeLedger();

    private final Map<Long, Long> issued = new LinkedHashMap<>();
    private final Map<Long, Long> answered = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private final int capacity;
    private final long lifetimeNanos;

    /** A new, empty ledger shared by nothing else. */
    public ChallengeLedger() {
        this(System::nanoTime, CAPACITY, LIFETIME);
    }

    ChallengeLedger(LongSupplier nanoTime, int capacity, Duration lifetime) {
        this.nanoTime = nanoTime;
        this.capacity = capacity;
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** The process-wide ledger. */
    public static ChallengeLedger global() {
        return GLOBAL;
    }

    synchronized void issued(byte[] challenge) {
        put(issued, challenge);
    }

    synchronized void retire(byte[] challenge) {
        issued.remove(key(challenge));
    }

    synchronized boolean isOutstanding(byte[] challenge) {
        return live(issued, challenge);
    }

    synchronized void answered(byte[] challenge) {
        put(answered, challenge);
    }

    synchronized boolean wasAnswered(byte[] challenge) {
        return live(answered, challenge);
    }

    synchronized int size() {
        expire(issued);
        expire(answered);
        return issued.size() + answered.size();
    }

    private void put(Map<Long, Long> map, byte[] challenge) {
        expire(map);
        Long k = key(challenge);
        map.remove(k);
        map.put(k, nanoTime.getAsLong() + lifetimeNanos);
        while (map.size() > capacity) {
            Iterator<Long> it = map.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private boolean live(Map<Long, Long> map, byte[] challenge) {
        expire(map);
        return map.containsKey(key(challenge));
    }

    /** Insertion order is expiry order (one lifetime for all), so expired entries are at the head. */
    private void expire(Map<Long, Long> map) {
        long now = nanoTime.getAsLong();
        Iterator<Long> it = map.values().iterator();
        while (it.hasNext() && it.next() - now <= 0) {
            it.remove();
        }
    }

    private static Long key(byte[] challenge) {
        return NtlmWire.u64(challenge, 0);
    }
}
