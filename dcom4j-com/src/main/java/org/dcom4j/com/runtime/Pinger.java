package org.dcom4j.com.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the OIDs a client holds alive (MS-DCOM 3.2.6.1 / 3.2.4.2): every interval, per resolver, one
 * ComplexPing when the set changed (adding and removing OIDs; the first one creates the set) or else
 * one SimplePing. Unauthenticated, as the resolver's calls are. Runs on one daemon thread.
 */
public final class Pinger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pinger.class);

    private final RpcClient client;
    private final Supplier<Map<String, Set<Long>>> held;
    private final Map<String, PingSet> sets = new HashMap<>();
    private final ScheduledExecutorService timer;

    private static final class PingSet {
        RpcBinding binding;
        long setId;
        int sequence;
        Set<Long> oids = new HashSet<>();
    }

    /** @param held per resolver string binding, the OIDs currently held */
    public Pinger(RpcClient client, Duration interval, Supplier<Map<String, Set<Long>>> held) {
        this.client = client;
        this.held = held;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dcom4j-pinger").factory());
        long ms = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One round now (tests; the timer calls it too). */
    public synchronized void pingAll() {
        Map<String, Set<Long>> now = held.get();
        for (String resolver : new HashSet<>(sets.keySet())) {
            now.putIfAbsent(resolver, Set.of()); // to delete what is no longer held
        }
        for (Map.Entry<String, Set<Long>> e : now.entrySet()) {
            PingSet s = sets.computeIfAbsent(e.getKey(), k -> new PingSet());
            try {
                ping(e.getKey(), s, e.getValue());
            } catch (IOException | RuntimeException ex) {
                LOG.info("ping of {} failed: {}", e.getKey(), ex.toString());
                s.setId = 0; // start a new set next time
                s.oids = new HashSet<>();
            }
            if (e.getValue().isEmpty() && s.oids.isEmpty()) {
                sets.remove(e.getKey());
                if (s.binding != null) {
                    s.binding.close();
                }
            }
        }
    }

    private void ping(String resolver, PingSet s, Set<Long> want) throws IOException {
        if (s.binding == null) {
            s.binding = client.bind(resolver, ObjectExporter.INTERFACE, ClientAuth.NONE);
        }
        Set<Long> add = new HashSet<>(want);
        add.removeAll(s.oids);
        Set<Long> del = new HashSet<>(s.oids);
        del.removeAll(want);
        if (s.setId != 0 && add.isEmpty() && del.isEmpty()) {
            if (!want.isEmpty()) {
                int status = s.binding.call(ObjectExporter.SIMPLE_PING, new ObjectExporter.SimplePingRequest(s.setId),
                        ObjectExporter.StatusResponse.class).errorCode();
                if (status != 0) {
                    throw new IOException("SimplePing status=" + status);
                }
            }
            return;
        }
        if (s.setId == 0 && want.isEmpty()) {
            return;
        }
        long[] a = (s.setId == 0 ? want : add).stream().mapToLong(Long::longValue).toArray();
        long[] d = s.setId == 0 ? new long[0] : del.stream().mapToLong(Long::longValue).toArray();
        ObjectExporter.ComplexPingResponse r = s.binding.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(
                s.setId, ++s.sequence & 0xFFFF, a.length, d.length, a.length == 0 ? null : a, d.length == 0 ? null : d),
                ObjectExporter.ComplexPingResponse.class);
        if (r.errorCode() != 0) {
            throw new IOException("ComplexPing status=" + r.errorCode());
        }
        s.setId = r.pSetId();
        s.oids = new HashSet<>(want);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        for (PingSet s : sets.values()) {
            if (s.binding != null) {
                s.binding.close();
            }
        }
        sets.clear();
    }
}
