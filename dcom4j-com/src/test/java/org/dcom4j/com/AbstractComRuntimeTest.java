package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.dcom4j.com.runtime.Faults;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.ndr.NdrParameter;
import org.dcom4j.ndr.NdrParameterCodec;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Sddl;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ComServer + ComClient in one process over one transport (subclasses pick TCP or ncalrpc): calls at
 * integrity and privacy with NTLM, reference counting, interface pointers both ways, Call security,
 * faults, malformed stubs. STYLE rule 7: the same body on every transport.
 */
abstract class AbstractComRuntimeTest {
    static final UUID CLSID_CALCULATOR = UUID.fromString("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000c1");
    static final String PASSWORD = "Passw0rd!";
    static final Sid ALICE = Sid.of(5, 21, 1, 2, 3, 1000);
    static final Token ALICE_TOKEN = Token.of("DCOM4JTEST\\alice", ALICE,
            List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
    static final Sid BOB = Sid.of(5, 21, 1, 2, 3, 1001);
    static final Token BOB_TOKEN = Token.of("DCOM4JTEST\\bob", BOB,
            List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
    /** Call (execute, local and remote) for Authenticated Users. */
    static final String ALLOW_AU = "O:BAG:BAD:(A;;CCDCLC;;;AU)";

    @TempDir
    Path runtimeDir;

    ComServer server;
    ComClient client;
    ComServer callbacks;

    /** TCP or ncalrpc. */
    abstract boolean local();

    RpcSecurity security() {
        byte[] hash = NtHash.of(PASSWORD.toCharArray());
        return RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> switch (user.toLowerCase(Locale.ROOT)) {
                    case "alice" -> Optional.of(new NtlmAccount("alice", hash, ALICE_TOKEN));
                    case "bob" -> Optional.of(new NtlmAccount("bob", hash, BOB_TOKEN));
                    default -> Optional.empty();
                });
    }

    ComServer.Builder serverBuilder(String sddl, int minimumLevel) {
        ComServer.Builder b = ComServer.builder()
                .register(CLSID_CALCULATOR, Calculator::new)
                .rpcSecurity(security())
                .callerTokens((distance, peer) -> distance == Distance.LOCAL ? ALICE_TOKEN : CallerTokens.anonymous(distance)) // ncalrpc: alice
                .callbackAuth(alice(AuthLevel.PKT_INTEGRITY), clientConfig())
                .rpcConfig(RpcServerConfig.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        if (sddl != null) {
            b.initializeSecurity(Sddl.parse(sddl), minimumLevel);
        }
        return local() ? b.ncalrpc(runtimeDir) : b.tcp(InetAddress.getLoopbackAddress());
    }

    RpcClientConfig clientConfig() {
        RpcClientConfig c = RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
        return local() ? c.withRuntimeDir(runtimeDir) : c;
    }

    static ClientAuth alice(int level) {
        return ClientAuth.ntlm(level, NtlmCredentials.of("", "alice", PASSWORD.toCharArray()));
    }

    static ClientAuth bob(int level) {
        return ClientAuth.ntlm(level, NtlmCredentials.of("", "bob", PASSWORD.toCharArray()));
    }

    @BeforeEach
    void start() throws IOException {
        server = serverBuilder(ALLOW_AU, AuthLevel.PKT_INTEGRITY).start();
        client = new ComClient(alice(AuthLevel.PKT_INTEGRITY), clientConfig());
    }

    @AfterEach
    void stop() {
        client.close();
        if (callbacks != null) {
            callbacks.close();
        }
        server.close();
    }

    ICalculator calculator(ComClient c) throws ComException {
        return c.unmarshal(server.export(new Calculator(), ICalculator.class), ICalculator.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthLevel.PKT_INTEGRITY, AuthLevel.PKT_PRIVACY})
    void addsAtIntegrityAndPrivacy(int level) throws Exception {
        try (ComClient c = new ComClient(alice(level), clientConfig())) {
            ICalculator calc = calculator(c);
            assertEquals(5, calc.add(2, 3));
            assertEquals(-1, calc.add(Integer.MAX_VALUE, Integer.MIN_VALUE));
            assertInstanceOf(ComProxy.class, calc);
            assertEquals(server.oxid(), ((ComProxy) calc).objRef().std().oxid());
        }
        assertEquals(0, server.exportedObjects(), "close() released every reference");
    }

    @Test
    void activatesThroughCreateInstanceAndUnmarshals() throws Exception {
        CreateResult r = server.createInstance(CLSID_CALCULATOR, List.of(InterfaceIds.CALCULATOR, InterfaceIds.DOUBLER, Iids.IID_IDispatch));
        assertEquals(Hresult.S_OK, r.hresult());
        assertEquals(List.of(Hresult.S_OK, Hresult.S_OK, Hresult.E_NOINTERFACE), r.hresults());
        assertNull(r.objRefs().get(2));
        assertEquals(r.objRefs().get(0).std().oid(), r.objRefs().get(1).std().oid(), "one object, one OID");
        assertEquals(5, r.objRefs().get(0).std().cPublicRefs());
        ICalculator calc = client.attach(server.bindings(), server.remUnknownIpid(), r.objRefs().get(0), ICalculator.class);
        IDoubler d = client.unmarshal(r.objRefs().get(1), IDoubler.class);
        assertEquals(7, calc.add(3, 4));
        assertEquals(84L, d.twice(42));
        assertEquals(Hresult.REGDB_E_CLASSNOTREG, server.createInstance(UUID.randomUUID(), List.of(InterfaceIds.CALCULATOR)).hresult());
    }

    @Test
    void queryInterfaceFindsTheSecondInterfaceAndRefusesAnUnknownOne() throws Exception {
        ICalculator calc = calculator(client);
        IDoubler d = ((ComProxy) calc).queryInterface(IDoubler.class);
        assertEquals(10L, d.twice(5));
        assertEquals(((ComProxy) calc).objRef().std().oid(), ((ComProxy) d).objRef().std().oid());
        ComException e = assertThrows(ComException.class, () -> ((ComProxy) calc).queryInterface(INotImplemented.class));
        assertEquals(Hresult.E_NOINTERFACE, e.hresult());
        IUnknown unk = ((ComProxy) d).queryInterface(IUnknown.class);
        assertEquals(Iids.IID_IUnknown, ((ComProxy) unk).objRef().iid());
    }

    @Test
    void unmarshalsAsAnotherInterfaceThroughRemQueryInterface() throws Exception {
        IDoubler d = client.unmarshal(server.export(new Calculator(), ICalculator.class), IDoubler.class);
        assertEquals(8L, d.twice(4));
        assertEquals(InterfaceIds.DOUBLER, ((ComProxy) d).objRef().iid());
        ((ComProxy) d).release();
        assertEquals(0, server.exportedObjects(), "the ICalculator references of the OBJREF were released after the QI");
    }

    @Test
    void servesConcurrentCallers() throws Exception {
        ICalculator calc = calculator(client);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 8; t++) {
            int base = t * 1000;
            threads.add(Thread.ofVirtual().start(() -> {
                try (ComClient own = new ComClient(alice(AuthLevel.PKT_PRIVACY), clientConfig())) {
                    ICalculator mine = own.unmarshal(server.export(new Calculator(), ICalculator.class), ICalculator.class);
                    for (int i = 0; i < 50; i++) {
                        if (mine.add(base, i) == base + i && calc.add(i, base) == base + i) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (ComException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(400, ok.get());
    }

    @Test
    void releasedObjectsRefuseCalls() throws Exception {
        ICalculator calc = calculator(client);
        IDoubler d = ((ComProxy) calc).queryInterface(IDoubler.class);
        ((ComProxy) calc).release();
        assertEquals(1, server.exportedObjects(), "the IDoubler IPID still holds the object");
        ((ComProxy) d).release();
        ((ComProxy) d).release(); // idempotent
        assertEquals(0, server.exportedObjects());
        ComException e = assertThrows(ComException.class, () -> calc.add(1, 2));
        assertEquals(Hresult.RPC_E_DISCONNECTED, e.hresult());
    }

    @Test
    void callsBackAnObjectTheClientPassed() throws Exception {
        callbacks = serverBuilder(ALLOW_AU, AuthLevel.PKT_INTEGRITY).start();
        client.withCallbackServer(callbacks);
        ICalculator calc = calculator(client);
        int[] seen = new int[1];
        ICalculator mine = new Calculator() {
            @Override
            public int add(int a, int b) {
                seen[0]++;
                return a * b; // tell the two apart
            }
        };
        assertEquals(120, calc.callMeBack(mine, 3, 4));
        assertEquals(1, seen[0]);
        assertEquals(1, callbacks.exportedObjects());
    }

    @Test
    void returnsAnInterfacePointer() throws Exception {
        ICalculator calc = calculator(client);
        ICalculator other = calc.fork();
        assertEquals(9, other.add(4, 5));
        assertEquals(2, server.exportedObjects());
        ((ComProxy) other).release();
        assertEquals(1, server.exportedObjects());
    }

    @Test
    void passesTheHresultOfAComException() throws Exception {
        ICalculator calc = calculator(client);
        assertEquals(Hresult.E_NOTIMPL, assertThrows(ComException.class, () -> calc.fail(Hresult.E_NOTIMPL)).hresult());
        assertEquals(Hresult.E_FAIL, assertThrows(ComException.class, () -> calc.fail(0)).hresult(), "a RuntimeException is E_FAIL");
        assertEquals(3, calc.add(1, 2), "the object survives");
    }

    @Test
    void faultsAnUnknownIpidAndAnIpidOfAnotherInterface() throws Exception {
        ObjRef.Standard real = server.export(new Calculator(), IDoubler.class);
        server.export(new Calculator(), ICalculator.class); // ICalculator's RPC interface exists
        ObjRef.Standard unknown = new ObjRef.Standard(InterfaceIds.CALCULATOR,
                new StdObjRef(0, 0, server.oxid(), real.std().oid(), UUID.randomUUID()), real.saResAddr());
        ICalculator ghost = client.attach(server.bindings(), server.remUnknownIpid(), unknown, ICalculator.class);
        assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, () -> ghost.add(1, 2)).hresult());
        ObjRef.Standard crossed = new ObjRef.Standard(InterfaceIds.CALCULATOR, new StdObjRef(0, 0, server.oxid(), real.std().oid(),
                real.std().ipid()), real.saResAddr());
        ICalculator wrong = client.attach(server.bindings(), server.remUnknownIpid(), crossed, ICalculator.class);
        assertEquals(Faults.RPC_S_UNKNOWN_IF, assertThrows(ComException.class, () -> wrong.add(1, 2)).hresult());
    }

    @Test
    void deniesCallsTheAccessPermissionDoesNotGrant() throws Exception {
        server.close();
        server = serverBuilder("O:BAG:BAD:(A;;CCDCLC;;;BA)", AuthLevel.PKT_INTEGRITY).start(); // administrators only
        ObjRef.Standard ref = server.export(new Calculator(), ICalculator.class);
        ICalculator calc = client.attach(server.bindings(), server.remUnknownIpid(), ref, ICalculator.class);
        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> calc.add(1, 2)).hresult());
        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class,
                () -> ((ComProxy) calc).queryInterface(IDoubler.class)).hresult(), "IRemUnknown is Call-checked too");
    }

    @Test
    void deniesCallsBelowTheMinimumLevel() throws Exception {
        server.close();
        server = serverBuilder(ALLOW_AU, AuthLevel.PKT_PRIVACY).start();
        ObjRef.Standard ref = server.export(new Calculator(), ICalculator.class);
        ICalculator calc = client.attach(server.bindings(), server.remUnknownIpid(), ref, ICalculator.class);
        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> calc.add(1, 2)).hresult(), "integrity < privacy");
        if (local()) {
            try (ComClient kernel = new ComClient(ClientAuth.NONE, clientConfig())) {
                ICalculator viaKernel = kernel.attach(server.bindings(), server.remUnknownIpid(), server.export(new Calculator(), ICalculator.class),
                        ICalculator.class);
                assertEquals(3, viaKernel.add(1, 2), "ncalrpc without NTLM counts as privacy");
            }
        }
    }

    @Test
    void faultsMalformedStubsAndKeepsServing() throws Exception {
        ObjRef.Standard ref = server.export(new Calculator(), ICalculator.class);
        String sb = local() ? "ncalrpc:[" + endpoint() + "]" : "ncacn_ip_tcp:" + server.bindings().stringBindings().getFirst().networkAddr();
        try (RpcBinding b = new RpcClient(clientConfig()).bind(sb, new InterfaceId(InterfaceIds.CALCULATOR, 0, 0), alice(AuthLevel.PKT_PRIVACY))) {
            RpcBinding obj = b.withObject(ref.std().ipid());
            assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, assertThrows(RpcCallException.class, () -> obj.call(3, new byte[] {1, 2, 3})).status());
            assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, assertThrows(RpcCallException.class, () -> obj.call(3, new byte[0])).status());
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, assertThrows(RpcCallException.class, () -> obj.call(1, new byte[0])).status());
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, assertThrows(RpcCallException.class, () -> obj.call(40, new byte[0])).status());
            byte[] unknownExtent = NdrParameterCodec.of(List.of(NdrParameter.of("t", Orpc.OrpcThis.class), NdrParameter.of("a", int.class),
                    NdrParameter.of("b", int.class))).encode(Orpc.OrpcThis.of(UUID.randomUUID()), 20, 22);
            byte[] reply = obj.call(3, unknownExtent);
            assertEquals(42, (Integer) NdrParameterCodec.of(List.of(NdrParameter.of("t", Orpc.OrpcThat.class), NdrParameter.of("r", int.class),
                    NdrParameter.of("h", int.class))).decode(reply)[1]);
            byte[] noObject = unknownExtent.clone();
            assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(RpcCallException.class, () -> b.call(3, noObject)).status());
        }
        assertEquals(5, calculator(client).add(2, 3));
    }

    @Test
    void pingsTheOidsItHolds() throws Exception {
        client.withPingInterval(Duration.ofHours(1));
        ICalculator calc = calculator(client);
        client.pingNow(); // ComplexPing creating the set
        client.pingNow(); // SimplePing
        ((ComProxy) calc).release();
        client.pingNow(); // ComplexPing removing it
        assertEquals(0, server.exportedObjects());
    }

    // Gap 1: garbage collection of objects nobody pings (MS-DCOM 3.2.6.1)

    /** Waits up to {@code ms} for the server to hold {@code n} objects. */
    void awaitObjects(int n, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (server.exportedObjects() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, server.exportedObjects());
    }

    void restartWithPingTimeout(Duration period, int missed) throws IOException {
        server.close();
        server = serverBuilder(ALLOW_AU, AuthLevel.PKT_INTEGRITY).pingTimeout(period, missed).start();
    }

    @Test
    void anExportedObjectNobodyPingsIsFreedAfterThePingTimeout() throws Exception {
        restartWithPingTimeout(Duration.ofMillis(100), 2);
        client.withPingInterval(Duration.ofHours(1)); // never pings
        ICalculator calc = calculator(client);
        assertEquals(5, calc.add(2, 3));
        ((ComProxy) calc).queryInterface(IDoubler.class);
        assertEquals(1, server.exportedObjects());
        awaitObjects(0, 3_000);
        assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, () -> calc.add(1, 2)).hresult(),
                "every IPID of the object went with it");
    }

    @Test
    void anObjectPingedThroughTheServersOwnResolverIsKept() throws Exception {
        // A 600 ms window pinged every 40 ms: only a stall of over half a second on a loaded machine could lose it
        // (a 200 ms window failed once under a parallel build).
        restartWithPingTimeout(Duration.ofMillis(300), 2);
        try (ComClient pinging = new ComClient(alice(AuthLevel.PKT_INTEGRITY), clientConfig()).withPingInterval(Duration.ofMillis(40))) {
            ICalculator calc = calculator(pinging);
            pinging.pingNow(); // ComplexPing at the OBJREF's resolver: this server's IObjectExporter
            Thread.sleep(1_500); // two and a half timeouts
            assertEquals(1, server.exportedObjects(), "pinged every 40 ms: kept");
            assertEquals(7, calc.add(3, 4));
        }
        assertEquals(0, server.exportedObjects(), "released by close()");
    }

    // Gap 2: references belong to the principal that obtained them

    RpcBinding remUnknown(ClientAuth auth) throws IOException {
        String sb = local() ? "ncalrpc:[" + endpoint() + "]" : "ncacn_ip_tcp:" + server.bindings().stringBindings().getFirst().networkAddr();
        return new RpcClient(clientConfig()).bind(sb, new InterfaceId(Iids.IID_IRemUnknown, 0, 0), auth).withObject(server.remUnknownIpid());
    }

    /**
     * An object whose references belong to BOB: alice (the only identity of an ncalrpc caller here) may
     * neither call it, nor RemQueryInterface, RemAddRef or RemRelease it — fault E_ACCESSDENIED, nothing
     * changed; over TCP, bob's own [out] interface pointer is refused to alice too.
     */
    @Test
    void anotherAccountCallingAnIpidItDidNotObtainIsRefused() throws Exception {
        ObjRef.Standard bobs = server.export(new Calculator(), ICalculator.class, BOB);
        ICalculator calc = client.unmarshal(bobs, ICalculator.class);
        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> calc.add(1, 2)).hresult());
        assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class,
                () -> ((ComProxy) calc).queryInterface(IDoubler.class)).hresult(), "RemQueryInterface");
        try (RpcBinding ru = remUnknown(alice(AuthLevel.PKT_INTEGRITY))) {
            List<org.dcom4j.com.wire.RemUnknown.RemInterfaceRef> refs = List.of(new org.dcom4j.com.wire.RemUnknown.RemInterfaceRef(
                    bobs.std().ipid(), 5, 0));
            assertEquals(Hresult.E_ACCESSDENIED, assertThrows(RpcCallException.class, () -> ru.call(org.dcom4j.com.wire.RemUnknown.REM_ADD_REF,
                    new org.dcom4j.com.wire.RemUnknown.RemAddRefRequest(Orpc.OrpcThis.of(UUID.randomUUID()), 1, refs),
                    org.dcom4j.com.wire.RemUnknown.RemAddRefResponse.class)).status(), "RemAddRef");
            assertEquals(Hresult.E_ACCESSDENIED, assertThrows(RpcCallException.class, () -> ru.call(org.dcom4j.com.wire.RemUnknown.REM_RELEASE,
                    new org.dcom4j.com.wire.RemUnknown.RemReleaseRequest(Orpc.OrpcThis.of(UUID.randomUUID()), 1, refs),
                    org.dcom4j.com.wire.RemUnknown.RemReleaseResponse.class)).status(), "RemRelease");
        }
        assertEquals(1, server.exportedObjects(), "bob's references are untouched");
        if (!local()) { // ncalrpc names every caller of this process alice: bob exists over TCP only
            try (ComClient bob = new ComClient(bob(AuthLevel.PKT_INTEGRITY), clientConfig())) {
                ICalculator mine = bob.unmarshal(bobs, ICalculator.class);
                assertEquals(3, mine.add(1, 2), "the owner may");
                ICalculator forked = mine.fork(); // an [out] pointer: bob's
                ICalculator stolen = client.unmarshal(((ComProxy) forked).objRef(), ICalculator.class);
                assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> stolen.add(1, 2)).hresult(),
                        "an [out] interface pointer belongs to the call's caller");
                IDoubler d = ((ComProxy) mine).queryInterface(IDoubler.class); // RemQueryInterface: bob's
                IDoubler stolenD = client.unmarshal(((ComProxy) d).objRef(), IDoubler.class);
                assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> stolenD.twice(2)).hresult());
            }
        }
    }

    @Test
    void theSameAccountFromASecondConnectionMayUseTheIpid() throws Exception {
        ObjRef.Standard alices = server.export(new Calculator(), ICalculator.class, ALICE);
        ICalculator first = client.unmarshal(alices, ICalculator.class);
        assertEquals(3, first.add(1, 2));
        try (ComClient second = new ComClient(alice(AuthLevel.PKT_PRIVACY), clientConfig())) {
            ICalculator calc = second.unmarshal(alices, ICalculator.class);
            assertEquals(5, calc.add(2, 3), "another association, the same account");
            IDoubler d = ((ComProxy) calc).queryInterface(IDoubler.class);
            ((ComProxy) d).release();
        }
        assertEquals(0, server.exportedObjects(), "the second client's close() released alice's five references");
        assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, () -> first.add(1, 2)).hresult());
    }

    String endpoint() {
        String a = server.bindings().stringBindings().stream().filter(s -> s.towerId() == 0x10).findFirst().orElseThrow().networkAddr();
        return a.substring(a.indexOf('[') + 1, a.length() - 1);
    }

    /** IIDs of the test interfaces. */
    static final class InterfaceIds {
        static final UUID CALCULATOR = UUID.fromString(ICalculator.class.getAnnotation(ComInterface.class).value());
        static final UUID DOUBLER = UUID.fromString(IDoubler.class.getAnnotation(ComInterface.class).value());
    }

    @ComInterface("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee00003")
    interface INotImplemented extends IUnknown {
        @ComMethod(opnum = 3)
        void nothing() throws ComException;
    }
}
