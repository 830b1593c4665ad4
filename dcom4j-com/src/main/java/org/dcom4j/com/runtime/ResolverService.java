package org.dcom4j.com.runtime;

import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * OR_INVALID_OXID (1910). Pings create and refresh ping sets (at most {@value #MAX_SETS}); set expiry
 * is not enforced here (see the README). Thread-safe.
 */
public final class ResolverService implements RpcHandler {
    public static final int OR_INVALID_OXID = 1910;
    public static final int OR_INVALID_SET = 1912;
    public static final int MAX_SETS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long oxid;
    private final Supplier<DualStringArray> bindings;
    private final UUID remUnknownIpid;
    private final Set<Long> sets = ConcurrentHashMap.newKeySet();

    public ResolverService(long oxid, Supplier<DualStringArray> bindings, UUID remUnknownIpid) {
        this.oxid = oxid;
        this.bindings = bindings;
        this.remUnknownIpid = remUnknownIpid;
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
                    yield status(sets.contains(r.pSetId()) ? 0 : OR_INVALID_SET);
                }
                case ObjectExporter.COMPLEX_PING -> {
                    var r = decode(stub, ctx, ObjectExporter.ComplexPingRequest.class);
                    long set = r.pSetId();
                    int status = 0;
                    if (set == 0) {
                        if (sets.size() >= MAX_SETS) {
                            status = 14; // ERROR_OUTOFMEMORY, as Windows' resolver when it cannot allocate a set
                        } else {
                            do {
                                set = RANDOM.nextLong();
                            } while (set == 0 || !sets.add(set));
                        }
                    } else if (!sets.contains(set)) {
                        status = OR_INVALID_SET;
                    }
                    yield NdrCodec.of(ObjectExporter.ComplexPingResponse.class).encode(
                            new ObjectExporter.ComplexPingResponse(status == 0 ? set : 0, 0, status));
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
