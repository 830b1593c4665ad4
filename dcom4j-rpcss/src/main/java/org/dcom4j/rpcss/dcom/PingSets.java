package org.dcom4j.rpcss.dcom;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;

/**
 * The OXID resolver's ping sets (MS-DCOM 3.1.2.5.1.2–3, 3.2.4.2): a client names the OIDs it holds in
 * a set (ComplexPing) and keeps the set alive (SimplePing or ComplexPing). Every accepted ping is
 * forwarded, per owning server (an OID's top 24 bits are its registration id), as the set's OIDs
 * (after a ComplexPing's change): the servers own garbage collection (ObjectServer OidsPinged moves
 * their deadlines; an OID nobody pings is freed by its server). A set not pinged for the ping timeout
 * (period × missed pings) is dropped, nothing reported. Set ids are random 64-bit values (never 0),
 * so one client cannot guess another's set.
 *
 * <p>Bounded: {@link #maxSets} sets, {@link #maxOidsPerSet} OIDs each; past them ComplexPing answers
 * ERROR_OUTOFMEMORY (14). OIDs whose owner is not registered are not added. Thread-safe (one monitor);
 * pings are delivered outside it.
 */
final class PingSets {
    static final int ERROR_OUTOFMEMORY = 14;

    /** ComplexPing's answer. */
    record Pinged(long setId, int status) {
    }

    private static final class PingSet {
        final Set<Long> oids = new HashSet<>();
        long lastPing;
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<Long, PingSet> sets = new HashMap<>();
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final IntPredicate ownerExists;
    private final BiConsumer<Integer, long[]> pinged;
    final int maxSets;
    final int maxOidsPerSet;

    /**
     * @param pinged called with (registration id, OIDs) for the OIDs of each accepted ping, once per owner, outside the monitor
     */
    PingSets(long timeoutNanos, LongSupplier clock, IntPredicate ownerExists, BiConsumer<Integer, long[]> pinged, int maxSets,
             int maxOidsPerSet) {
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.ownerExists = ownerExists;
        this.pinged = pinged;
        this.maxSets = maxSets;
        this.maxOidsPerSet = maxOidsPerSet;
    }

    /** SimplePing: 0, or OR_INVALID_SET (1912) for an unknown or expired set. */
    int simplePing(long setId) {
        Map<Integer, List<Long>> oids;
        synchronized (this) {
            PingSet s = sets.get(setId);
            if (s == null) {
                return Hresult.WIN32_OR_INVALID_SET;
            }
            s.lastPing = clock.getAsLong();
            oids = byOwner(s.oids);
        }
        deliver(oids);
        return 0;
    }

    /** ComplexPing: setId 0 creates a set; adds, then deletes, then refreshes. */
    Pinged complexPing(long setId, long[] add, long[] del) {
        Map<Integer, List<Long>> oids;
        Pinged result;
        synchronized (this) {
            PingSet s;
            if (setId == 0) {
                if (sets.size() >= maxSets) {
                    return new Pinged(0, ERROR_OUTOFMEMORY);
                }
                do {
                    setId = random.nextLong();
                } while (setId == 0 || sets.containsKey(setId));
                s = new PingSet();
                sets.put(setId, s);
            } else {
                s = sets.get(setId);
                if (s == null) {
                    return new Pinged(setId, Hresult.WIN32_OR_INVALID_SET);
                }
            }
            s.lastPing = clock.getAsLong();
            int status = 0;
            if (add != null) {
                for (long oid : add) {
                    if (s.oids.contains(oid) || !ownerExists.test(Dcom4jScm.oidOwner(oid))) {
                        continue;
                    }
                    if (s.oids.size() >= maxOidsPerSet) {
                        status = ERROR_OUTOFMEMORY;
                        break;
                    }
                    s.oids.add(oid);
                }
            }
            if (del != null) {
                for (long oid : del) {
                    s.oids.remove(oid);
                }
            }
            result = new Pinged(setId, status);
            oids = byOwner(s.oids);
        }
        deliver(oids);
        return result;
    }

    /** Drops the sets not pinged within the timeout (their OIDs are simply no longer refreshed). */
    synchronized void sweep() {
        long now = clock.getAsLong();
        sets.values().removeIf(s -> now - s.lastPing >= timeoutNanos);
    }

    private static Map<Integer, List<Long>> byOwner(Set<Long> oids) {
        Map<Integer, List<Long>> out = new HashMap<>();
        for (long oid : oids) {
            out.computeIfAbsent(Dcom4jScm.oidOwner(oid), k -> new ArrayList<>()).add(oid);
        }
        return out;
    }

    private void deliver(Map<Integer, List<Long>> oids) {
        oids.forEach((owner, list) -> pinged.accept(owner, list.stream().mapToLong(Long::longValue).toArray()));
    }

    synchronized int setCount() {
        return sets.size();
    }
}
