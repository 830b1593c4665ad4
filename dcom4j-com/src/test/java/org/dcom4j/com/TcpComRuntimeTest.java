package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.security.Sddl;
import org.junit.jupiter.api.Test;

/**
 * The runtime over ncacn_ip_tcp with NTLM, plus what only TCP can show: an interface pointer a caller passes in names
 * bindings the server then connects to, and the server must reach them as itself (its callback
 * credentials), never as the caller — bob passes an object hosted by a third exporter that admits only
 * bob, and the server (whose callback identity is alice) is refused there; admitting alice too makes
 * the same call work.
 */
class TcpComRuntimeTest extends AbstractComRuntimeTest {
    @Override
    boolean local() {
        return false;
    }

    private ComServer thirdParty(String sddl) throws java.io.IOException {
        return ComServer.builder()
                .rpcSecurity(security())
                .initializeSecurity(Sddl.parse(sddl), AuthLevel.PKT_INTEGRITY)
                .tcp(InetAddress.getLoopbackAddress())
                .start();
    }

    private static ICalculator counting(AtomicInteger calls) {
        return new Calculator() {
            @Override
            public int add(int a, int b) {
                calls.incrementAndGet();
                return a + b;
            }
        };
    }

    @Test
    void anInterfacePointerPointingElsewhereIsNeverCalledWithTheCallersCredentials() throws Exception {
        callbacks = thirdParty("O:BAG:BAD:(A;;CCDCLC;;;" + BOB + ")"); // bob only
        AtomicInteger calls = new AtomicInteger();
        try (ComClient bob = new ComClient(bob(AuthLevel.PKT_INTEGRITY), clientConfig()).withCallbackServer(callbacks)) {
            ICalculator calc = bob.unmarshal(server.export(new Calculator(), ICalculator.class), ICalculator.class);
            ComException e = assertThrows(ComException.class, () -> calc.callMeBack(counting(calls), 3, 4));
            assertEquals(Hresult.name(Hresult.E_ACCESSDENIED), Hresult.name(e.hresult()),
                    "the server called back as itself (alice), which the third party refuses");
            assertEquals(0, calls.get(), "the object was never reached with bob's identity");
        }
    }

    @Test
    void theSameCallbackWorksWhenTheThirdPartyAdmitsTheServersOwnIdentity() throws Exception {
        callbacks = thirdParty("O:BAG:BAD:(A;;CCDCLC;;;" + BOB + ")(A;;CCDCLC;;;" + ALICE + ")");
        AtomicInteger calls = new AtomicInteger();
        try (ComClient bob = new ComClient(bob(AuthLevel.PKT_INTEGRITY), clientConfig()).withCallbackServer(callbacks)) {
            ICalculator calc = bob.unmarshal(server.export(new Calculator(), ICalculator.class), ICalculator.class);
            assertEquals(70, calc.callMeBack(counting(calls), 3, 4));
            assertEquals(1, calls.get());
        }
    }

    /**
     * A remote caller cannot make the server call a local endpoint: an interface pointer passed over TCP
     * whose only binding is ncalrpc (an object of another local process) is not reached, although the
     * server could reach ncalrpc; the same pointer passed by a local caller is.
     */
    @Test
    void anInterfacePointerFromARemoteCallerIsNeverReachedOverNcalrpc() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ComServer both = ComServer.builder().rpcSecurity(security())
                     .initializeSecurity(Sddl.parse(ALLOW_AU), AuthLevel.PKT_INTEGRITY)
                     .callerTokens((distance, peer) -> distance == org.dcom4j.security.Distance.LOCAL ? ALICE_TOKEN
                             : org.dcom4j.rpc.CallerTokens.anonymous(distance))
                     .callbackAuth(alice(AuthLevel.PKT_INTEGRITY), clientConfig().withRuntimeDir(runtimeDir))
                     .tcp(InetAddress.getLoopbackAddress()).ncalrpc(runtimeDir).start();
             ComServer localOnly = ComServer.builder().rpcSecurity(security())
                     .initializeSecurity(Sddl.parse(ALLOW_AU), AuthLevel.PKT_INTEGRITY)
                     .callerTokens((distance, peer) -> ALICE_TOKEN)
                     .ncalrpc(runtimeDir).start();
             ComClient remote = new ComClient(bob(AuthLevel.PKT_INTEGRITY), clientConfig()).withCallbackServer(localOnly);
             ComClient local = new ComClient(alice(AuthLevel.PKT_INTEGRITY), clientConfig().withRuntimeDir(runtimeDir))
                     .withCallbackServer(localOnly)) {
            ICalculator overTcp = remote.unmarshal(both.export(new Calculator(), ICalculator.class), ICalculator.class);
            ComException e = assertThrows(ComException.class, () -> overTcp.callMeBack(counting(calls), 3, 4));
            assertEquals(Hresult.name(Hresult.RPC_S_SERVER_UNAVAILABLE), Hresult.name(e.hresult()), e.getMessage());
            assertEquals(0, calls.get(), "the local object was not called on behalf of a remote caller");
            ICalculator overNcalrpc = local.unmarshal(both.export(new Calculator(), ICalculator.class), ICalculator.class);
            assertEquals(70, overNcalrpc.callMeBack(counting(calls), 3, 4), "(3 + 4) * 10");
            assertEquals(1, calls.get());
        }
    }

    /**
     * An interface pointer to one of the server's own objects, passed back to it, is that object itself (no
     * call over the network) — but only for a caller holding a reference on it: bob passing alice's object is
     * refused E_ACCESSDENIED, and alice's object is not called.
     */
    @Test
    void theServersOwnObjectPassedBackIsUsedDirectlyOnlyByACallerHoldingAReference() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ComClient bob = new ComClient(bob(AuthLevel.PKT_INTEGRITY), clientConfig())) {
            ICalculator calc = bob.unmarshal(server.export(new Calculator(), ICalculator.class, BOB), ICalculator.class);
            ICalculator bobs = bob.unmarshal(server.export(counting(calls), ICalculator.class, BOB), ICalculator.class);
            assertEquals(70, calc.callMeBack(bobs, 3, 4), "(3 + 4) * 10");
            assertEquals(1, calls.get(), "bob's own object, called in the server's process");
            ICalculator alices = bob.unmarshal(server.export(counting(calls), ICalculator.class, ALICE), ICalculator.class);
            ComException e = assertThrows(ComException.class, () -> calc.callMeBack(alices, 3, 4));
            assertEquals(Hresult.name(Hresult.E_ACCESSDENIED), Hresult.name(e.hresult()));
            assertEquals(1, calls.get(), "alice's object was not called for bob");
        }
    }
}
