package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 7, faults: the server going away under a client (between calls and during a call), and
 * rpcss restarted on the same state while a COM server runs.
 */
class FaultsEndToEndTest {
    /** The client's call timeout (E2eFixture.clientConfig): a failure must come within it, plus slack. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    private static Activator remote(Rpcss rpcss) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_PRIVACY))
                .withTimeouts(Duration.ofSeconds(3), CALL_TIMEOUT);
    }

    private static void assertGone(ComException e, long startNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        System.out.println("fault after " + ms + " ms: " + Hresult.name(e.hresult()) + ": " + e.getMessage());
        assertTrue(e.hresult() == Hresult.RPC_E_DISCONNECTED || e.hresult() == Hresult.RPC_S_SERVER_UNAVAILABLE,
                "HRESULT " + Hresult.name(e.hresult()) + ": " + e.getMessage());
        assertTrue(ms < CALL_TIMEOUT.toMillis() + 2000, "the failure took " + ms + " ms");
    }

    @Test
    void aServerClosedBetweenCallsGivesDisconnectedOrServerUnavailable() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state());
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY)) {
            ComServer srv = f.startCalculator(reg);
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
            assertEquals(5, calc.add(2, 3));
            srv.close();
            long t0 = System.nanoTime();
            assertGone(assertThrows(ComException.class, () -> calc.add(2, 3)), t0);
        }
    }

    /**
     * A server closed while a call executes. {@code ComServer.close()} is graceful: the RPC server closes
     * idle connections at once but waits up to {@code RpcServerConfig.shutdownGrace} (10 s by default) for
     * executing calls before closing their connections. So with the default grace the client fails at its own
     * call timeout (5 s here) with RPC_S_SERVER_UNAVAILABLE; with a short grace, as soon as the grace ends.
     */
    @Test
    void aServerClosedDuringACallGivesServerUnavailableWithinTheClientTimeout() throws Exception {
        long ms = closeDuringACall(RpcServerConfig.defaults().shutdownGrace());
        assertTrue(ms >= CALL_TIMEOUT.toMillis() - 500, "the default grace outlasts the client's timeout: " + ms + " ms");
    }

    @Test
    void aServerClosedDuringACallWithAShortShutdownGraceDropsTheCallPromptly() throws Exception {
        long ms = closeDuringACall(Duration.ofMillis(200));
        assertTrue(ms < 2000, "failed after " + ms + " ms");
    }

    /** The milliseconds from the call to its failure when the server closes during it, with {@code grace}. */
    private long closeDuringACall(Duration grace) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ICalculator slow = E2eFixture.calculator((a, b) -> {
            if (a == 999) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return a + b;
        });
        RpcServerConfig d = RpcServerConfig.defaults();
        RpcServerConfig config = new RpcServerConfig(d.maxRecvFrag(), d.maxStubLength(), d.maxConnections(), d.idleTimeout(),
                d.fragmentTimeout(), d.maxContexts(), d.threadModel(), grace);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state());
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY)) {
            ComServer srv = f.serverBuilder(reg).rpcConfig(config).register(ICalculator.CLSID, () -> slow).registerWithRpcss(f.run()).start();
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
            assertEquals(5, calc.add(2, 3));
            Thread closer = Thread.ofVirtual().start(() -> {
                try {
                    if (entered.await(10, TimeUnit.SECONDS)) {
                        long c0 = System.nanoTime();
                        srv.close();
                        System.out.println("ComServer.close() during a call (grace " + grace.toMillis() + " ms) took "
                                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0) + " ms");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long t0 = System.nanoTime();
            try {
                assertGone(assertThrows(ComException.class, () -> calc.add(999, 1)), t0);
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            } finally {
                release.countDown();
                closer.join(15_000);
            }
        }
    }

    /**
     * What the runtime does when rpcss restarts under a running server: the server does not re-register
     * by itself (its registration lived in the old rpcss's memory; ScmRegistration does not watch
     * dcom4j-scm), so with no launcher an activation of its class answers CO_E_SERVER_EXEC_FAILURE after
     * the launch timeout; objects already activated keep working (the client talks to the exporter
     * directly); a server that registers with the new rpcss is activated again.
     */
    @Test
    void afterAnRpcssRestartANewlyRegisteredServerIsActivatedAgain() throws Exception {
        Registry reg = Registry.open(f.state());
        try (ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY)) {
            ComServer first;
            ICalculator before;
            try (Rpcss rpcss = f.startRpcss()) {
                first = f.startCalculator(reg);
                before = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
                assertEquals(5, before.add(2, 3));
            }
            try (Rpcss rpcss = f.startRpcss()) {
                assertEquals(0, rpcss.dcom().registeredServers(), "registrations do not survive a restart");
                assertEquals(7, before.add(3, 4), "an object activated before the restart is still reachable");
                ComException e = assertThrows(ComException.class,
                        () -> remote(rpcss).createInstance(ICalculator.CLSID, List.of(org.dcom4j.com.Iids.IID_IUnknown)));
                assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, e.hresult(), Hresult.name(e.hresult()));
                try (ComServer second = f.startCalculator(reg)) {
                    ICalculator after = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
                    assertEquals(9, after.add(4, 5));
                    assertEquals(1, rpcss.dcom().registeredServers(), "only the new server is registered");
                }
            } finally {
                first.close();
            }
        } finally {
            reg.close();
        }
    }
}
