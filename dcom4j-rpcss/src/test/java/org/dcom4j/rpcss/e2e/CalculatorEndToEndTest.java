package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 7, the Java client end to end: rpcss, the Calculator in an in-process ComServer registered
 * with it, and {@link Com#createInstance} remotely (NTLM over TCP, privacy and integrity) and locally
 * (ncalrpc), the callback, and a call after release.
 */
class CalculatorEndToEndTest {
    @TempDir
    Path tmp;
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    private static Activator remote(Rpcss rpcss, String user, int level) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm(user, level));
    }

    @Test
    void aRemoteClientActivatesAndAddsAtPrivacyAndAtIntegrity() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            for (int level : new int[] {AuthLevel.PKT_PRIVACY, AuthLevel.PKT_INTEGRITY}) {
                try (ComClient client = E2eFixture.remoteClient("dave", level)) {
                    ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss, "dave", level));
                    assertEquals(5, calc.add(2, 3), "level " + level);
                    assertEquals(Integer.MIN_VALUE, calc.add(Integer.MAX_VALUE, 1), "wraps like a C long");
                    ((ComProxy) calc).release();
                }
            }
        }
    }

    @Test
    void aLocalClientActivatesOverNcalrpcAndAdds() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = f.localClient()) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, Activator.local(f.run()));
            assertEquals(5, calc.add(2, 3));
            assertEquals(-7, calc.add(-10, 3));
        }
    }

    /**
     * A remote (TCP) client's object is called back over TCP — never over ncalrpc, even on this machine — with
     * the server's own callback credentials (dave here), which the client's callback server admits.
     */
    @Test
    void theServerCallsBackAnObjectTheRemoteClientPassesIt() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state());
             ComServer srv = f.serverBuilder(reg).callbackAuth(E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY), E2eFixture.clientConfig())
                     .register(ICalculator.CLSID, org.dcom4j.samples.calculator.Calculator::new).registerWithRpcss(f.run()).start();
             ComServer mine = f.serverBuilder(reg).initializeSecurity(org.dcom4j.security.Sddl.parse("O:BAG:BAD:(A;;CCDCLC;;;AU)"),
                     AuthLevel.PKT_INTEGRITY).start();
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY).withCallbackServer(mine)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss, "dave", AuthLevel.PKT_PRIVACY));
            ICalculator peer = E2eFixture.calculator((a, b) -> 1000 * a + b); // distinguishable from the server's add
            assertEquals(3004, calc.callMeBack(peer, 3, 4));
            assertEquals(1, mine.exportedObjects(), "the peer was exported by the client's callback server");
            assertEquals(Hresult.E_POINTER, assertThrows(ComException.class, () -> calc.callMeBack(null, 1, 2)).hresult());
        }
    }

    @Test
    void theServerCallsBackAnObjectTheLocalClientPassesIt() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComServer mine = f.serverBuilder(reg).start(); ComClient client = f.localClient().withCallbackServer(mine)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, Activator.local(f.run()));
            assertEquals(-1, calc.callMeBack(E2eFixture.calculator((a, b) -> a - b), 3, 4));
        }
    }

    @Test
    void aCallAfterReleaseFailsWithRpcEDisconnected() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss, "dave", AuthLevel.PKT_INTEGRITY));
            assertEquals(5, calc.add(2, 3));
            assertEquals(1, srv.exportedObjects());
            ((ComProxy) calc).release();
            ComException e = assertThrows(ComException.class, () -> calc.add(2, 3));
            assertEquals(Hresult.RPC_E_DISCONNECTED, e.hresult(), Hresult.name(e.hresult()));
            assertEquals(0, srv.exportedObjects(), "the object is freed once its references are released");
        }
    }

    /**
     * Garbage collection owned by the server, pings received by rpcss: a client that pings only rpcss's
     * resolver (port 135, as impacket's oxidResolver does) keeps its object alive through OidsPinged;
     * when the pings stop, the server frees it after its ping timeout (here 200 ms x 2 on both).
     */
    @Test
    void pingsAtRpcssKeepTheObjectAndTheServerFreesItWhenTheyStop() throws Exception {
        DcomOptions fast = E2eFixture.shortTimeouts().withPing(Duration.ofMillis(200), 2);
        try (Rpcss rpcss = f.startRpcss(fast); Registry reg = Registry.open(f.state());
             ComServer srv = f.serverBuilder(reg).register(CalculatorIds.CLSID, Calculator::new).registerWithRpcss(f.run())
                     .pingTimeout(fast.pingPeriod(), fast.missedPings()).start();
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY).withPingInterval(Duration.ofHours(1));
             RpcBinding resolver = new RpcClient(RpcClientConfig.defaults()).bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                     ObjectExporter.INTERFACE, ClientAuth.NONE)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss, "dave", AuthLevel.PKT_INTEGRITY));
            long oid = ((ComProxy) calc).objRef().std().oid();
            var set = resolver.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(0, 0, 1, 0, new long[] {oid}, null),
                    ObjectExporter.ComplexPingResponse.class);
            assertEquals(0, set.errorCode());
            long until = System.nanoTime() + 1_500_000_000L; // almost four timeouts
            while (System.nanoTime() < until) {
                assertEquals(0, resolver.call(ObjectExporter.SIMPLE_PING, new ObjectExporter.SimplePingRequest(set.pSetId()),
                        ObjectExporter.StatusResponse.class).errorCode());
                Thread.sleep(100);
            }
            assertEquals(1, srv.exportedObjects(), "pinged at rpcss only: kept");
            assertEquals(5, calc.add(2, 3));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (srv.exportedObjects() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, srv.exportedObjects(), "pings stopped: freed");
            assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, () -> calc.add(2, 3)).hresult());
        }
    }

    /**
     * Issue item 8, "IPIDs used from another client": dave activates through rpcss (the references are
     * bound to dave's SID, CreateInstance's callerSid); erin, who passes the Call check, is refused the
     * IPID with E_ACCESSDENIED; dave from a second connection is served.
     */
    @Test
    void anIpidActivatedByAnotherAccountIsRefusedAndTheSameAccountMayUseItFromASecondConnection() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient dave = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
             ComClient erin = E2eFixture.remoteClient("erin", AuthLevel.PKT_INTEGRITY);
             ComClient daveAgain = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY)) {
            ICalculator calc = Com.createInstance(dave, ICalculator.CLSID, ICalculator.class, remote(rpcss, "dave", AuthLevel.PKT_INTEGRITY));
            assertEquals(5, calc.add(2, 3));
            ICalculator stolen = erin.unmarshal(((ComProxy) calc).objRef(), ICalculator.class);
            ComException e = assertThrows(ComException.class, () -> stolen.add(2, 3));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), Hresult.name(e.hresult()));
            ICalculator own = erin.unmarshal(srv.export(new Calculator(), ICalculator.class), ICalculator.class);
            assertEquals(1, own.add(0, 1), "erin passes the Call check: the refusal was the IPID's owner");
            ICalculator again = daveAgain.unmarshal(((ComProxy) calc).objRef(), ICalculator.class);
            assertEquals(7, again.add(3, 4), "the same account from a second connection");
        }
    }
}
