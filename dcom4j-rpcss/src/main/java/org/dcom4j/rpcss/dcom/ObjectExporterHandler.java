package org.dcom4j.rpcss.dcom;

import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.com.wire.ObjectExporter.ComplexPingRequest;
import org.dcom4j.com.wire.ObjectExporter.ComplexPingResponse;
import org.dcom4j.com.wire.ObjectExporter.ResolveOxid2Request;
import org.dcom4j.com.wire.ObjectExporter.ResolveOxid2Response;
import org.dcom4j.com.wire.ObjectExporter.ResolveOxidRequest;
import org.dcom4j.com.wire.ObjectExporter.ResolveOxidResponse;
import org.dcom4j.com.wire.ObjectExporter.ServerAlive2Response;
import org.dcom4j.com.wire.ObjectExporter.SimplePingRequest;
import org.dcom4j.com.wire.ObjectExporter.StatusResponse;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * IObjectExporter (MS-DCOM 3.1.2.5.1) for the servers registered with rpcss: ResolveOxid(2) answers a
 * registered OXID's bindings for what the caller can use ({@link Bindings}), else OR_INVALID_OXID
 * (1910); SimplePing/ComplexPing keep {@link PingSets}, which forwards the OIDs of each accepted ping
 * to their servers (ObjectServer OidsPinged: the servers own garbage collection); ServerAlive(2)
 * answers rpcss's own bindings and COMVERSION 5.7. Anonymous callers are admitted, as Windows' resolver admits them: it reveals only
 * endpoints a client could find by connecting, and pinging needs an unguessable set id. Thread-safe.
 */
final class ObjectExporterHandler implements RpcHandler {
    private final ServerRegistry servers;
    private final PingSets pings;
    private final Bindings bindings;
    private final IntSupplier resolverPort;

    ObjectExporterHandler(ServerRegistry servers, PingSets pings, Bindings bindings, IntSupplier resolverPort) {
        this.servers = servers;
        this.pings = pings;
        this.bindings = bindings;
        this.resolverPort = resolverPort;
    }

    RpcInterface rpcInterface() {
        return new RpcInterface(ObjectExporter.INTERFACE, 6, this, InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        try {
            return switch (opnum) {
                case ObjectExporter.RESOLVE_OXID -> {
                    ResolveOxidRequest r = Ndr.decode(ResolveOxidRequest.class, ctx, stub);
                    Optional<ServerRegistry.Registration> reg = servers.byOxid(r.pOxid());
                    if (reg.isEmpty()) {
                        yield Ndr.encode(new ResolveOxidResponse(null, new java.util.UUID(0, 0), 0, Hresult.WIN32_OR_INVALID_OXID));
                    }
                    DualStringArray dsa = bindings.forClient(reg.get().bindings(), ctx.distance(), towers(r.arRequestedProtseqs()), null);
                    yield Ndr.encode(new ResolveOxidResponse(dsa.toNdr(), reg.get().ipidRemUnknown(), ctx.authLevel(), 0));
                }
                case ObjectExporter.RESOLVE_OXID2 -> {
                    ResolveOxid2Request r = Ndr.decode(ResolveOxid2Request.class, ctx, stub);
                    Optional<ServerRegistry.Registration> reg = servers.byOxid(r.pOxid());
                    if (reg.isEmpty()) {
                        yield Ndr.encode(new ResolveOxid2Response(null, new java.util.UUID(0, 0), 0, ComVersion.V5_7,
                                Hresult.WIN32_OR_INVALID_OXID));
                    }
                    DualStringArray dsa = bindings.forClient(reg.get().bindings(), ctx.distance(), towers(r.arRequestedProtseqs()), null);
                    yield Ndr.encode(new ResolveOxid2Response(dsa.toNdr(), reg.get().ipidRemUnknown(), ctx.authLevel(),
                            ComVersion.V5_7, 0));
                }
                case ObjectExporter.SIMPLE_PING -> {
                    SimplePingRequest r = Ndr.decode(SimplePingRequest.class, ctx, stub);
                    yield Ndr.encode(new StatusResponse(pings.simplePing(r.pSetId())));
                }
                case ObjectExporter.COMPLEX_PING -> {
                    ComplexPingRequest r = Ndr.decode(ComplexPingRequest.class, ctx, stub);
                    PingSets.Pinged p = pings.complexPing(r.pSetId(), r.addToSet(), r.delFromSet());
                    yield Ndr.encode(new ComplexPingResponse(p.setId(), 0, p.status()));
                }
                case ObjectExporter.SERVER_ALIVE -> Ndr.encode(new StatusResponse(0));
                case ObjectExporter.SERVER_ALIVE2 -> Ndr.encode(new ServerAlive2Response(ComVersion.V5_7,
                        bindings.resolver(resolverPort.getAsInt()).toNdr(), 0, 0));
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum);
            };
        } catch (NdrException | IllegalArgumentException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    static List<Integer> towers(short[] requested) {
        if (requested == null) {
            return List.of();
        }
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (short s : requested) {
            out.add(s & 0xFFFF);
        }
        return out;
    }
}
