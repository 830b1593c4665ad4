package org.dcom4j.rpcss.dcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpcss's activator, resolver and server registry end to end, with a fake COM server process. */
class ActivationTest {
    static final Token ADMIN = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final UUID CLSID = UUID.fromString("6a1d1f7e-0b7c-4d2a-9a11-5c0de4a0c1a5");
    static final UUID APPID = UUID.fromString("6a1d1f7e-0b7c-4d2a-9a11-5c0de4a0a99a");
    static final String EVERYONE_ALL = "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)";

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private Path run() {
        return dir.resolve("run");
    }

    /** The store: a profile, dave in Distributed COM Users, erin not, the class and its AppID. */
    private void store(DcomProfile profile, String launchSddl) {
        try (Registry reg = Registry.open(state())) {
            DcomConfig.init(reg, ADMIN, profile);
            try (Accounts a = Accounts.open(reg, ADMIN)) {
                if (a.find("dave").isEmpty()) {
                    a.addUser("dave", "Passw0rd!".toCharArray());
                    a.addUser("erin", "Passw0rd!".toCharArray());
                    a.addMember("Distributed COM Users", "dave");
                }
            }
            ComClasses.register(reg, ADMIN, new ComClasses.ComClass(CLSID, "Fake", Optional.of(APPID), Optional.empty(), Optional.empty()));
            DcomConfig.registerApplication(reg, ADMIN, APPID, "Fake", launchSddl, null);
        }
    }

    private void set(String key, RegValue v) {
        try (Registry reg = Registry.open(state())) {
            reg.set(ADMIN, key, v);
        }
    }

    private Rpcss start(DcomOptions dcom) {
        return Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state(), run(),
                dcom.withPolicyRefresh(Duration.ZERO)));
    }

    private Rpcss start() {
        return start(DcomOptions.defaults());
    }

    static ClientAuth user(String name, int level) {
        return ClientAuth.ntlm(level, NtlmCredentials.of("", name, "Passw0rd!".toCharArray()));
    }

    static ActivationResult remote(Rpcss r, ClientAuth auth) throws ComException {
        return Activator.remote("127.0.0.1", r.endpointMapperPort(), auth).createInstance(CLSID, List.of(Iids.IID_IUnknown));
    }

    static int remoteHr(Rpcss r, ClientAuth auth) {
        return assertThrows(ComException.class, () -> remote(r, auth)).hresult();
    }

    @Test
    void activatesOverTcpForADistributedComUserAtIntegrityUnderWs2003Sp1() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "a")) {
            assertEquals(0, srv.register(CLSID));
            ActivationResult r = remote(rpcss, user("dave", AuthLevel.PKT_INTEGRITY));
            assertEquals(srv.oxid, r.oxid());
            assertEquals(srv.ipidRemUnknown, r.ipidRemUnknown());
            assertEquals(AuthLevel.PKT_INTEGRITY, r.authnHint());
            assertEquals(0, r.hresults()[0]);
            assertTrue(r.objRefs().get(0) instanceof ObjRef.Standard);
            // remote client: TCP bindings only, under the name it used, never the ncalrpc socket
            assertTrue(r.exporterBindings().stringBindings().stream().allMatch(b -> b.towerId() == DualStringArray.NCACN_IP_TCP));
            assertTrue(r.exporterBindings().stringBindings().stream().anyMatch(b -> b.networkAddr().equals("127.0.0.1[" + srv.tcpPort + "]")));
        }
    }

    @Test
    void deniesRemoteActivationToANonAdminOutsideDistributedComUsersUnderXpSp2AndWs2003Sp1() throws Exception {
        for (DcomProfile p : List.of(DcomProfile.XPSP2, DcomProfile.WS2003SP1)) {
            store(p, EVERYONE_ALL);
            try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "b" + p.ordinal())) {
                assertEquals(0, srv.register(CLSID));
                assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, user("erin", AuthLevel.PKT_INTEGRITY)), p.id());
                assertEquals(0, srv.creates.get());
            }
        }
    }

    @Test
    void allowsRemoteActivationOnceTheAppIdLaunchPermissionGrantsIt() throws Exception {
        store(DcomProfile.WS2003SP1, null); // DefaultLaunchPermission: SYSTEM, Administrators, INTERACTIVE
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "c")) {
            assertEquals(0, srv.register(CLSID));
            assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, user("dave", AuthLevel.PKT_INTEGRITY)));
            Sid dave;
            try (Registry reg = Registry.open(state()); Accounts a = Accounts.open(reg, ADMIN)) {
                dave = a.find("dave").orElseThrow().sid();
            }
            store(DcomProfile.WS2003SP1, "O:BAG:BAD:(A;;CCDCLCSWRP;;;" + dave + ")");
            assertEquals(0, remote(rpcss, user("dave", AuthLevel.PKT_INTEGRITY)).hresults()[0]);
        }
    }

    @Test
    void activatesLocallyOverNcalrpcWithTheKernelIdentity() throws Exception {
        store(DcomProfile.WS2003SP1, null);
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "d")) {
            assertEquals(0, srv.register(CLSID));
            ActivationResult r = Activator.local(run()).createInstance(CLSID, List.of(Iids.IID_IUnknown, Iids.IID_IRemUnknown));
            assertEquals(0, r.hresults()[0]);
            assertEquals(Hresult.E_NOINTERFACE, r.hresults()[1]);
            assertEquals(DualStringArray.NCALRPC, r.exporterBindings().stringBindings().get(0).towerId());
            assertEquals(AuthLevel.PKT_PRIVACY, r.authnHint());
        }
    }

    @Test
    void refusesAnonymousAndBelowIntegrityRemoteActivationUnlessConfigured() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "e")) {
            assertEquals(0, srv.register(CLSID));
            assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, ClientAuth.NONE));
            assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.anonymous())));
            assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, user("dave", AuthLevel.CONNECT)));
            set(ActivationPolicy.RPC_KEY, RegValue.dword(ActivationPolicy.ACTIVATION_MINIMUM_LEVEL, AuthLevel.CONNECT));
            assertEquals(0, remote(rpcss, user("dave", AuthLevel.CONNECT)).hresults()[0]);
        }
    }

    @Test
    void enableDcomNRefusesRemoteButNotLocalActivation() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        set(DcomConfig.OLE, RegValue.sz("EnableDCOM", "N"));
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "f")) {
            assertEquals(0, srv.register(CLSID));
            assertEquals(Hresult.E_ACCESSDENIED, remoteHr(rpcss, user("dave", AuthLevel.PKT_PRIVACY)));
            assertEquals(0, Activator.local(run()).createInstance(CLSID, List.of(Iids.IID_IUnknown)).hresults()[0]);
        }
    }

    @Test
    void answersClassNotRegisteredAndServerExecFailureWithoutALauncher() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(DcomOptions.defaults().withLaunchTimeout(Duration.ofMillis(300)))) {
            Activator local = Activator.local(run());
            assertEquals(Hresult.REGDB_E_CLASSNOTREG, assertThrows(ComException.class,
                    () -> local.createInstance(UUID.randomUUID(), List.of(Iids.IID_IUnknown))).hresult());
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, assertThrows(ComException.class,
                    () -> local.createInstance(CLSID, List.of(Iids.IID_IUnknown))).hresult());
        }
    }

    @Test
    void launchesThroughTheLauncherOnceAndReusesTheServer() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        AtomicInteger launches = new AtomicInteger();
        AtomicReference<FakeComServer> started = new AtomicReference<>();
        AtomicInteger abandons = new AtomicInteger();
        ServerLauncher launcher = new ServerLauncher() {
            @Override
            public Result launch(UUID clsid) throws IOException {
                launches.incrementAndGet();
                FakeComServer s = new FakeComServer(run(), "launched");
                started.set(s);
                Thread.ofVirtual().start(() -> {
                    try {
                        s.register(clsid);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                return new Result(4242, "test", 0);
            }

            @Override
            public void abandon(Result launched) {
                abandons.incrementAndGet();
            }
        };
        try (Rpcss rpcss = start(DcomOptions.defaults().withLauncher(launcher))) {
            Activator local = Activator.local(run());
            ActivationResult first = local.createInstance(CLSID, List.of(Iids.IID_IUnknown));
            ActivationResult second = local.createInstance(CLSID, List.of(Iids.IID_IUnknown));
            assertEquals(1, launches.get());
            assertEquals(0, abandons.get(), "a server that registered in time is never abandoned");
            assertEquals(first.oxid(), second.oxid());
            assertEquals(2, started.get().creates.get());
        } finally {
            if (started.get() != null) {
                started.get().close();
            }
        }
    }

    @Test
    void abandonsTheServerItLaunchedWhenItDoesNotRegisterWithinTheLaunchTimeout() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        List<ServerLauncher.Result> abandoned = new CopyOnWriteArrayList<>();
        ServerLauncher neverRegisters = new ServerLauncher() {
            @Override
            public Result launch(UUID clsid) {
                return new Result(4242, "test", 0);
            }

            @Override
            public void abandon(Result launched) {
                abandoned.add(launched);
            }
        };
        try (Rpcss rpcss = start(DcomOptions.defaults().withLauncher(neverRegisters).withLaunchTimeout(Duration.ofMillis(200)))) {
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, assertThrows(ComException.class,
                    () -> Activator.local(run()).createInstance(CLSID, List.of(Iids.IID_IUnknown))).hresult());
            assertEquals(List.of(new ServerLauncher.Result(4242, "test", 0)), abandoned, "abandoned once, before the failure");
        }
    }

    @Test
    void aServerWhoseEndpointStopsAnsweringIsUnregistered() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(DcomOptions.defaults().withLivenessPeriod(Duration.ofMillis(100))
                .withLaunchTimeout(Duration.ofMillis(200)))) {
            FakeComServer srv = new FakeComServer(run(), "g");
            assertEquals(0, srv.register(CLSID));
            assertEquals(1, rpcss.dcom().registeredServers());
            srv.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (rpcss.dcom().registeredServers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, rpcss.dcom().registeredServers());
        }
    }

    @Test
    void resolvesRegisteredOxidsAndAnswersInvalidOxidOtherwise() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "h")) {
            assertEquals(0, srv.register(CLSID));
            try (RpcBinding b = new RpcClient(RpcClientConfig.defaults()).bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                    ObjectExporter.INTERFACE, ClientAuth.NONE)) {
                short[] tcp = {(short) DualStringArray.NCACN_IP_TCP};
                var ok = b.call(ObjectExporter.RESOLVE_OXID2, new ObjectExporter.ResolveOxid2Request(srv.oxid, 1, tcp),
                        ObjectExporter.ResolveOxid2Response.class);
                assertEquals(0, ok.errorCode());
                assertEquals(srv.ipidRemUnknown, ok.pipidRemUnknown());
                assertEquals(Orpc.ComVersion.V5_7, ok.pComVersion());
                assertTrue(DualStringArray.fromNdr(ok.ppdsaOxidBindings()).stringBindings().stream()
                        .allMatch(x -> x.towerId() == DualStringArray.NCACN_IP_TCP));
                var bad = b.call(ObjectExporter.RESOLVE_OXID2, new ObjectExporter.ResolveOxid2Request(srv.oxid + 1, 1, tcp),
                        ObjectExporter.ResolveOxid2Response.class);
                assertEquals(Hresult.WIN32_OR_INVALID_OXID, bad.errorCode());
                var alive = b.call(ObjectExporter.SERVER_ALIVE2, new ObjectExporter.EmptyRequest(), ObjectExporter.ServerAlive2Response.class);
                assertEquals(Orpc.ComVersion.V5_7, alive.pComVersion());
                assertTrue(DualStringArray.fromNdr(alive.ppdsaOrBindings()).stringBindings().get(0).networkAddr()
                        .endsWith("[" + rpcss.endpointMapperPort() + "]"));
            }
        }
    }

    @Test
    void pingsAreForwardedToTheOwningServerAndAnExpiredSetIsDropped() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(DcomOptions.defaults().withPing(Duration.ofMillis(100), 2));
             FakeComServer srv = new FakeComServer(run(), "i")) {
            assertEquals(0, srv.register(CLSID));
            long oid = srv.newOid();
            long oid2 = srv.newOid();
            long foreign = Dcom4jScm.firstOid(srv.registrationId + 7) + 1; // no such server: not added
            try (RpcBinding b = new RpcClient(RpcClientConfig.defaults()).bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                    ObjectExporter.INTERFACE, ClientAuth.NONE)) {
                var p = b.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(0, 0, 3, 0,
                                new long[] {oid, oid2, foreign}, null), ObjectExporter.ComplexPingResponse.class);
                assertEquals(0, p.errorCode());
                assertTrue(p.pSetId() != 0);
                awaitPinged(srv, 1);
                assertEquals(java.util.Set.of(oid, oid2), java.util.Arrays.stream(srv.pinged.get(0)).boxed().collect(
                        java.util.stream.Collectors.toSet()), "one OidsPinged per owner, the set's OIDs, the foreign one left out");
                p = b.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(p.pSetId(), 1, 0, 1, null, new long[] {oid2}),
                        ObjectExporter.ComplexPingResponse.class);
                assertEquals(0, p.errorCode());
                awaitPinged(srv, 2);
                assertEquals(List.of(oid), java.util.Arrays.stream(srv.pinged.get(1)).boxed().toList(), "after the deletion");
                assertEquals(0, b.call(ObjectExporter.SIMPLE_PING, new ObjectExporter.SimplePingRequest(p.pSetId()),
                        ObjectExporter.StatusResponse.class).errorCode());
                awaitPinged(srv, 3);
                assertEquals(List.of(oid), java.util.Arrays.stream(srv.pinged.get(2)).boxed().toList(), "SimplePing: the set's OIDs");
                Thread.sleep(600); // the timeout is 200 ms, swept every 50 ms
                int status = b.call(ObjectExporter.SIMPLE_PING, new ObjectExporter.SimplePingRequest(p.pSetId()),
                        ObjectExporter.StatusResponse.class).errorCode();
                assertEquals(Hresult.WIN32_OR_INVALID_SET, status, "the set expired after 200 ms without pings");
                assertTrue(srv.expired.isEmpty(), "rpcss no longer sends OidsExpired: the server collects");
            }
        }
    }

    private static void awaitPinged(FakeComServer srv, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (srv.pinged.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, srv.pinged.size());
    }

    @Test
    void registerServerRefusesAnEndpointNobodyListensOn() throws Exception {
        store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = start(); FakeComServer srv = new FakeComServer(run(), "j")) {
            srv.server.close();
            assertEquals(Hresult.E_ACCESSDENIED, srv.register(CLSID));
        }
    }
}
