package org.dcom4j.rpcss.dcom;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * a set (ComplexPing) and keeps the set alive (SimplePing or ComplexPing); a set not pinged for the
 * ping timeout (period × missed pings) expires, and each OID no live set holds any more is reported to
 * the server that owns it (its top 24 bits are the server's registration id). Set ids are random
 * 64-bit values (never 0), so one client cannot guess another's set.
 *
 * <p>Bounded: {@link #maxSets} sets, {@link #maxOidsPerSet} OIDs each; past them ComplexPing answers
 * ERROR_OUTOFMEMORY (14). OIDs whose owner is not registered are not added. Thread-safe (one monitor);
 * expiry is delivered outside it.
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
    /** How many live sets hold each OID. */
    private final Map<Long, Integer> holders = new HashMap<>();
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final IntPredicate ownerExists;
    private final BiConsumer<Integer, long[]> expired;
    final int maxSets;
    final int maxOidsPerSet;

    /**
     * @param expired called with (registration id, OIDs) for OIDs no set holds any more, outside the monitor
     */
    PingSets(long timeoutNanos, LongSupplier clock, IntPredicate ownerExists, BiConsumer<Integer, long[]> expired, int maxSets,
             int maxOidsPerSet) {
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.ownerExists = ownerExists;
        this.expired = expired;
        this.maxSets = maxSets;
        this.maxOidsPerSet = maxOidsPerSet;
    }

    /** SimplePing: 0, or OR_INVALID_SET (1912) for an unknown or expired set. */
    synchronized int simplePing(long setId) {
        PingSet s = sets.get(setId);
        if (s == null) {
            return Hresult.WIN32_OR_INVALID_SET;
        }
        s.lastPing = clock.getAsLong();
        return 0;
    }

    /** ComplexPing: setId 0 creates a set; adds, then deletes, then refreshes. */
    Pinged complexPing(long setId, long[] add, long[] del) {
        Map<Integer, List<Long>> gone = new HashMap<>();
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
                    holders.merge(oid, 1, Integer::sum);
                }
            }
            if (del != null) {
                for (long oid : del) {
                    if (s.oids.remove(oid)) {
                        release(oid, gone);
                    }
                }
            }
            result = new Pinged(setId, status);
        }
        deliver(gone);
        return result;
    }

    /** Expires the sets not pinged within the timeout and reports the OIDs they alone held. */
    void sweep() {
        Map<Integer, List<Long>> gone = new HashMap<>();
        synchronized (this) {
            long now = clock.getAsLong();
            for (Iterator<PingSet> it = sets.values().iterator(); it.hasNext(); ) {
                PingSet s = it.next();
                if (now - s.lastPing >= timeoutNanos) {
                    it.remove();
                    for (long oid : s.oids) {
                        release(oid, gone);
                    }
                }
            }
        }
        deliver(gone);
    }

    private void release(long oid, Map<Integer, List<Long>> gone) {
        int left = holders.merge(oid, -1, Integer::sum);
        if (left <= 0) {
            holders.remove(oid);
            gone.computeIfAbsent(Dcom4jScm.oidOwner(oid), k -> new ArrayList<>()).add(oid);
        }
    }

    private void deliver(Map<Integer, List<Long>> gone) {
        gone.forEach((owner, oids) -> expired.accept(owner, oids.stream().mapToLong(Long::longValue).toArray()));
    }

    synchronized int setCount() {
        return sets.size();
    }
}
