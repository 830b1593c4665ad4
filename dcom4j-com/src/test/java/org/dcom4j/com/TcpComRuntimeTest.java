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
}
