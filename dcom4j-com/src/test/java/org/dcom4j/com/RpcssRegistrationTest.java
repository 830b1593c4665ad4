package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.scm.ObjectServer;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.UnixTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** registerWithRpcss against a stand-in rpcss: RegisterServer, OIDs in the registration's range, ObjectServer, RevokeServer. */
class RpcssRegistrationTest {
    static final int REGISTRATION = 0x00ABCD;

    @TempDir
    Path dir;

    @Test
    void registersServesObjectServerAndRevokes() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        try (RpcServer rpcss = new RpcServer(RpcServerConfig.defaults())) {
            rpcss.register(new RpcInterface(Dcom4jScm.INTERFACE, Dcom4jScm.OPERATION_COUNT, (ctx, opnum, stub) -> {
                if (opnum == Dcom4jScm.REGISTER_SERVER) {
                    seen.add(NdrCodec.of(Dcom4jScm.RegisterServerRequest.class).decode(stub));
                    return NdrCodec.of(Dcom4jScm.RegisterServerResponse.class).encode(new Dcom4jScm.RegisterServerResponse(REGISTRATION, 0));
                }
                seen.add(NdrCodec.of(Dcom4jScm.RevokeServerRequest.class).decode(stub));
                return NdrCodec.of(Dcom4jScm.RevokeServerResponse.class).encode(new Dcom4jScm.RevokeServerResponse(0));
            }));
            rpcss.listen(new UnixTransport(dir), Dcom4jScm.NCALRPC_ENDPOINT);
            UUID clsid = UUID.randomUUID();
            ComServer server = ComServer.builder().register(clsid, Calculator::new).ncalrpc(dir).registerWithRpcss(dir).start();
            try {
                Dcom4jScm.RegisterServerRequest reg = (Dcom4jScm.RegisterServerRequest) seen.getFirst();
                assertEquals(server.oxid(), reg.oxid());
                assertEquals(server.remUnknownIpid(), reg.ipidRemUnknown());
                assertEquals(List.of(clsid), reg.clsids());
                assertEquals(ProcessHandle.current().pid(), reg.pid());
                assertTrue(reg.objectServerEndpoint().startsWith(ObjectServer.NCALRPC_ENDPOINT_PREFIX + ProcessHandle.current().pid()));

                RpcClient rc = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(dir));
                try (RpcBinding os = rc.bind("ncalrpc:[" + reg.objectServerEndpoint() + "]", ObjectServer.INTERFACE, ClientAuth.NONE)) {
                    UUID iid = UUID.fromString(ICalculator.class.getAnnotation(ComInterface.class).value());
                    ObjectServer.CreateInstanceResponse r = os.call(ObjectServer.CREATE_INSTANCE,
                            new ObjectServer.CreateInstanceRequest(clsid, 1, List.of(iid), "alice", "S-1-5-21-1-2-3-1000"),
                            ObjectServer.CreateInstanceResponse.class);
                    assertEquals(0, r.hresult());
                    ObjRef.Standard alices = (ObjRef.Standard) ObjRefCodec.decode(r.objrefs().getFirst().abData());
                    assertEquals(REGISTRATION, Dcom4jScm.oidOwner(alices.std().oid()), "OIDs in the registration's range");
                    // the ncalrpc caller below is ANONYMOUS LOGON (default callerTokens): alice's activation is not its
                    ObjRef.Standard ref = (ObjRef.Standard) ObjRefCodec.decode(os.call(ObjectServer.CREATE_INSTANCE,
                            new ObjectServer.CreateInstanceRequest(clsid, 1, List.of(iid), "anonymous", "S-1-5-7"),
                            ObjectServer.CreateInstanceResponse.class).objrefs().getFirst().abData());
                    try (ComClient client = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(dir))) {
                        ICalculator notMine = client.unmarshal(alices, ICalculator.class);
                        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> notMine.add(5, 6)).hresult(),
                                "references of an activation belong to its caller (callerSid)");
                        assertEquals(Hresult.S_OK, os.call(ObjectServer.OIDS_EXPIRED, new ObjectServer.OidsExpiredRequest(1,
                                new long[] {alices.std().oid()}), ObjectServer.OidsExpiredResponse.class).hresult());
                        assertEquals(11, client.unmarshal(ref, ICalculator.class).add(5, 6));
                        assertEquals(1, server.exportedObjects());
                        ObjectServer.OidsExpiredResponse x = os.call(ObjectServer.OIDS_EXPIRED,
                                new ObjectServer.OidsExpiredRequest(1, new long[] {ref.std().oid()}), ObjectServer.OidsExpiredResponse.class);
                        assertEquals(0, x.hresult());
                        assertEquals(0, server.exportedObjects(), "expired OIDs free their objects");
                    }
                    ObjectServer.CreateInstanceResponse none = os.call(ObjectServer.CREATE_INSTANCE,
                            new ObjectServer.CreateInstanceRequest(UUID.randomUUID(), 1, List.of(iid), "alice", ""),
                            ObjectServer.CreateInstanceResponse.class);
                    assertEquals(Hresult.REGDB_E_CLASSNOTREG, none.hresult());
                }
            } finally {
                server.close();
            }
            Dcom4jScm.RevokeServerRequest revoke = (Dcom4jScm.RevokeServerRequest) seen.get(1);
            assertNotNull(revoke);
            assertEquals(REGISTRATION, revoke.registrationId());
        }
    }

    /**
     * Garbage collection through rpcss: a server with a 200 ms ping timeout keeps an activated object
     * while rpcss forwards pings of its OID (OidsPinged every 50 ms, nobody pinging the server itself),
     * and frees it once the forwarding stops.
     */
    @Test
    void anObjectPingedThroughOidsPingedIsKeptAndFreedWhenThePingsStop() throws Exception {
        try (RpcServer rpcss = new RpcServer(RpcServerConfig.defaults())) {
            List<Dcom4jScm.RegisterServerRequest> registered = new CopyOnWriteArrayList<>();
            rpcss.register(new RpcInterface(Dcom4jScm.INTERFACE, Dcom4jScm.OPERATION_COUNT, (ctx, opnum, stub) -> {
                if (opnum == Dcom4jScm.REGISTER_SERVER) {
                    registered.add(NdrCodec.of(Dcom4jScm.RegisterServerRequest.class).decode(stub));
                    return NdrCodec.of(Dcom4jScm.RegisterServerResponse.class).encode(new Dcom4jScm.RegisterServerResponse(REGISTRATION, 0));
                }
                return NdrCodec.of(Dcom4jScm.RevokeServerResponse.class).encode(new Dcom4jScm.RevokeServerResponse(0));
            }));
            rpcss.listen(new UnixTransport(dir), Dcom4jScm.NCALRPC_ENDPOINT);
            UUID clsid = UUID.randomUUID();
            try (ComServer server = ComServer.builder().register(clsid, Calculator::new).ncalrpc(dir).registerWithRpcss(dir)
                    .pingTimeout(Duration.ofMillis(100), 2).start()) {
                RpcClient rc = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(dir));
                UUID iid = UUID.fromString(ICalculator.class.getAnnotation(ComInterface.class).value());
                try (RpcBinding os = rc.bind("ncalrpc:[" + registered.getFirst().objectServerEndpoint() + "]", ObjectServer.INTERFACE, ClientAuth.NONE)) {
                    ObjRef.Standard ref = (ObjRef.Standard) ObjRefCodec.decode(os.call(ObjectServer.CREATE_INSTANCE,
                            new ObjectServer.CreateInstanceRequest(clsid, 1, List.of(iid), "anonymous", "S-1-5-7"),
                            ObjectServer.CreateInstanceResponse.class).objrefs().getFirst().abData());
                    assertEquals(1, server.exportedObjects());
                    long until = System.nanoTime() + 1_000_000_000L; // five timeouts
                    while (System.nanoTime() < until) {
                        assertEquals(Hresult.S_OK, os.call(ObjectServer.OIDS_PINGED, new ObjectServer.OidsPingedRequest(2,
                                new long[] {ref.std().oid(), ref.std().oid() + 1000}), ObjectServer.OidsPingedResponse.class).hresult());
                        Thread.sleep(50);
                    }
                    assertEquals(1, server.exportedObjects(), "pinged through rpcss: kept");
                    long deadline = System.nanoTime() + 3_000_000_000L;
                    while (server.exportedObjects() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertEquals(0, server.exportedObjects(), "no more pings: freed");
                }
            }
        }
    }
}
