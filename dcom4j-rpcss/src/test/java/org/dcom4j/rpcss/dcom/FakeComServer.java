package org.dcom4j.rpcss.dcom;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.scm.ObjectServer;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.UnixTransport;

/**
 * A COM server process reduced to its contract with rpcss: a plain RpcServer serving IDcom4jObjectServer
 * on ncalrpc:[dcom4j-srv-NAME] (and a TCP port standing for its object exporter), registered through
 * IDcom4jScm. CreateInstance answers IUnknown with a standard OBJREF, anything else E_NOINTERFACE.
 */
final class FakeComServer implements AutoCloseable {
    final Path runtimeDir;
    final String endpoint;
    final RpcServer server = new RpcServer(RpcServerConfig.defaults());
    final long oxid = 0x1122334455667788L ^ System.nanoTime();
    final UUID ipidRemUnknown = UUID.randomUUID();
    final int tcpPort;
    final AtomicInteger creates = new AtomicInteger();
    final List<long[]> expired = new CopyOnWriteArrayList<>();
    final List<long[]> pinged = new CopyOnWriteArrayList<>();
    private final AtomicLong oids = new AtomicLong();
    volatile int registrationId;

    FakeComServer(Path runtimeDir, String name) throws IOException {
        this.runtimeDir = runtimeDir;
        this.endpoint = ObjectServer.NCALRPC_ENDPOINT_PREFIX + name;
        server.register(new RpcInterface(ObjectServer.INTERFACE, ObjectServer.OPERATION_COUNT, (ctx, opnum, stub) -> switch (opnum) {
            case ObjectServer.CREATE_INSTANCE -> create(NdrCodec.of(ObjectServer.CreateInstanceRequest.class).decode(stub));
            case ObjectServer.OIDS_PINGED -> {
                ObjectServer.OidsPingedRequest r = NdrCodec.of(ObjectServer.OidsPingedRequest.class).decode(stub);
                pinged.add(r.oids());
                yield NdrCodec.of(ObjectServer.OidsPingedResponse.class).encode(new ObjectServer.OidsPingedResponse(0));
            }
            default -> {
                ObjectServer.OidsExpiredRequest r = NdrCodec.of(ObjectServer.OidsExpiredRequest.class).decode(stub);
                expired.add(r.oids());
                yield NdrCodec.of(ObjectServer.OidsExpiredResponse.class).encode(new ObjectServer.OidsExpiredResponse(0));
            }
        }));
        server.listen(new UnixTransport(runtimeDir), endpoint);
        tcpPort = Integer.parseInt(server.listen(new TcpTransport(InetAddress.getLoopbackAddress()), "0"));
    }

    DualStringArray bindings() {
        return new DualStringArray(List.of(new DualStringArray.StringBinding(DualStringArray.NCALRPC, endpoint),
                new DualStringArray.StringBinding(DualStringArray.NCACN_IP_TCP, "127.0.0.1[" + tcpPort + "]")),
                List.of(new DualStringArray.SecurityBinding(10, "")));
    }

    long newOid() {
        return Dcom4jScm.firstOid(registrationId) + oids.incrementAndGet();
    }

    private byte[] create(ObjectServer.CreateInstanceRequest r) {
        creates.incrementAndGet();
        int[] hrs = new int[r.cIids()];
        List<MInterfacePointer> refs = new ArrayList<>();
        for (int i = 0; i < r.cIids(); i++) {
            UUID iid = r.iids().get(i);
            if (iid.equals(Iids.IID_IUnknown)) {
                StdObjRef std = new StdObjRef(0, 5, oxid, newOid(), UUID.randomUUID());
                refs.add(MInterfacePointer.of(ObjRefCodec.encode(new ObjRef.Standard(iid, std, bindings()))));
            } else {
                hrs[i] = Hresult.E_NOINTERFACE;
                refs.add(null);
            }
        }
        boolean any = refs.stream().anyMatch(x -> x != null);
        return NdrCodec.of(ObjectServer.CreateInstanceResponse.class).encode(new ObjectServer.CreateInstanceResponse(r.cIids(), hrs,
                refs, any ? 0 : Hresult.E_NOINTERFACE));
    }

    /** RegisterServer with rpcss; returns the HRESULT. */
    int register(UUID... clsids) throws IOException {
        RpcClient c = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(runtimeDir));
        try (RpcBinding b = c.bind("ncalrpc:[" + Dcom4jScm.NCALRPC_ENDPOINT + "]", Dcom4jScm.INTERFACE)) {
            Dcom4jScm.RegisterServerResponse r = b.call(Dcom4jScm.REGISTER_SERVER, new Dcom4jScm.RegisterServerRequest(
                    (int) ProcessHandle.current().pid(), endpoint, oxid, ipidRemUnknown, bindings().toNdr(), clsids.length,
                    List.of(clsids)), Dcom4jScm.RegisterServerResponse.class);
            registrationId = r.registrationId();
            return r.hresult();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
