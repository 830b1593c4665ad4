package org.dcom4j.com.runtime;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * IObjectExporter (MS-DCOM 3.1.2.5.1) served by the exporter itself, for its own OXID only: the
 * resolver named by the saResAddr of the OBJREFs this process marshals, so a ComServer without rpcss
 * (a client's callback exporter, tests) can be unmarshaled and pinged. A plain RPC interface,
 * anonymous callers admitted (Windows' resolver is too). ResolveOxid(2) of another OXID answers
 * OR_INVALID_OXID (1910). ComplexPing creates a set (at most {@value #MAX_SETS}, {@value #MAX_OIDS_PER_SET}
 * OIDs each; past them ERROR_OUTOFMEMORY 14), adds and deletes OIDs of this exporter (others are not
 * added); every SimplePing/ComplexPing of a set moves the deadline of each of its OIDs
 * ({@link ExportTable#pinged}). A set not pinged for the table's ping timeout is dropped
 * ({@link #sweep}); its objects then live only until their own deadline. Thread-safe (one monitor).
 */
public final class ResolverService implements RpcHandler {
    public static final int OR_INVALID_OXID = 1910;
    public static final int OR_INVALID_SET = 1912;
    public static final int MAX_SETS = 4096;
    public static final int MAX_OIDS_PER_SET = 4096;
    static final int ERROR_OUTOFMEMORY = 14;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class PingSet {
        final Set<Long> oids = new HashSet<>();
        long lastPing;
    }

    private final ExportTable table;
    private final long oxid;
    private final Supplier<DualStringArray> bindings;
    private final UUID remUnknownIpid;
    private final LongSupplier clock;
    private final Map<Long, PingSet> sets = new HashMap<>();

    public ResolverService(ExportTable table, Supplier<DualStringArray> bindings, UUID remUnknownIpid, LongSupplier clock) {
        this.table = table;
        this.oxid = table.oxid();
        this.bindings = bindings;
        this.remUnknownIpid = remUnknownIpid;
        this.clock = clock;
    }

    /** Drops the sets not pinged within the ping timeout. */
    public synchronized void sweep() {
        long now = clock.getAsLong();
        for (Iterator<PingSet> it = sets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastPing >= table.timeoutNanos()) {
                it.remove();
            }
        }
    }

    synchronized int setCount() {
        return sets.size();
    }

    private synchronized int simplePing(long setId) {
        PingSet s = sets.get(setId);
        if (s == null) {
            return OR_INVALID_SET;
        }
        refresh(s);
        return 0;
    }

    private void refresh(PingSet s) {
        s.lastPing = clock.getAsLong();
        table.pinged(s.oids.stream().mapToLong(Long::longValue).toArray());
    }

    private synchronized ObjectExporter.ComplexPingResponse complexPing(long setId, long[] add, long[] del) {
        PingSet s;
        if (setId == 0) {
            if (sets.size() >= MAX_SETS) {
                return new ObjectExporter.ComplexPingResponse(0, 0, ERROR_OUTOFMEMORY); // as Windows' resolver when it cannot allocate a set
            }
            do {
                setId = RANDOM.nextLong();
            } while (setId == 0 || sets.containsKey(setId));
            s = new PingSet();
            sets.put(setId, s);
        } else {
            s = sets.get(setId);
            if (s == null) {
                return new ObjectExporter.ComplexPingResponse(0, 0, OR_INVALID_SET);
            }
        }
        int status = 0;
        if (add != null) {
            for (long oid : add) {
                if (s.oids.contains(oid) || !table.contains(oid)) {
                    continue;
                }
                if (s.oids.size() >= MAX_OIDS_PER_SET) {
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
        refresh(s);
        return new ObjectExporter.ComplexPingResponse(setId, 0, status);
    }

    public RpcInterface rpcInterface() {
        return new RpcInterface(ObjectExporter.INTERFACE, 6, this, InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        try {
            return switch (opnum) {
                case ObjectExporter.RESOLVE_OXID -> {
                    var r = decode(stub, ctx, ObjectExporter.ResolveOxidRequest.class);
                    boolean ours = r.pOxid() == oxid;
                    yield NdrCodec.of(ObjectExporter.ResolveOxidResponse.class).encode(new ObjectExporter.ResolveOxidResponse(
                            ours ? bindings.get().toNdr() : null, ours ? remUnknownIpid : new UUID(0, 0),
                            ours ? AuthLevel.PKT_INTEGRITY : 0, ours ? 0 : OR_INVALID_OXID));
                }
                case ObjectExporter.RESOLVE_OXID2 -> {
                    var r = decode(stub, ctx, ObjectExporter.ResolveOxid2Request.class);
                    boolean ours = r.pOxid() == oxid;
                    yield NdrCodec.of(ObjectExporter.ResolveOxid2Response.class).encode(new ObjectExporter.ResolveOxid2Response(
                            ours ? bindings.get().toNdr() : null, ours ? remUnknownIpid : new UUID(0, 0),
                            ours ? AuthLevel.PKT_INTEGRITY : 0, Orpc.ComVersion.V5_7, ours ? 0 : OR_INVALID_OXID));
                }
                case ObjectExporter.SIMPLE_PING -> {
                    var r = decode(stub, ctx, ObjectExporter.SimplePingRequest.class);
                    yield status(simplePing(r.pSetId()));
                }
                case ObjectExporter.COMPLEX_PING -> {
                    var r = decode(stub, ctx, ObjectExporter.ComplexPingRequest.class);
                    yield NdrCodec.of(ObjectExporter.ComplexPingResponse.class).encode(complexPing(r.pSetId(), r.addToSet(), r.delFromSet()));
                }
                case ObjectExporter.SERVER_ALIVE -> status(0);
                case ObjectExporter.SERVER_ALIVE2 -> NdrCodec.of(ObjectExporter.ServerAlive2Response.class).encode(
                        new ObjectExporter.ServerAlive2Response(Orpc.ComVersion.V5_7, bindings.get().toNdr(), 0, 0));
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum " + opnum);
            };
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    private static byte[] status(int s) {
        return NdrCodec.of(ObjectExporter.StatusResponse.class).encode(new ObjectExporter.StatusResponse(s));
    }

    private static <T extends Record> T decode(byte[] stub, CallContext ctx, Class<T> type) {
        return NdrCodec.of(type).decode(stub, Drep.of(ctx.drep()), NdrLimits.DEFAULT.withTrailingAllowed(true));
    }
}
