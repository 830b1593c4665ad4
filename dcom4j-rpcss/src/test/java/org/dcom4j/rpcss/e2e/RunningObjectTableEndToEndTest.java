package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 3, the running object table end to end: an in-process ComServer registered with an
 * in-process rpcss registers a Calculator under a display name, a local client gets it by name and calls
 * it, then the entry is revoked or ends with its server. (Callers of other uids: RunningObjectTableTest.)
 */
class RunningObjectTableEndToEndTest {
    @TempDir
    Path tmp;
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    private int getObjectHr(String name) {
        try (ComClient client = f.localClient()) {
            return assertThrows(ComException.class, () -> Com.getObject(client, f.run(), name, ICalculator.class)).hresult();
        }
    }

    @Test
    void registerGetObjectCallRevoke() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            int cookie = srv.registerRunning("!dcom4j/calc", E2eFixture.calculator((a, b) -> a * b), ICalculator.class, false);
            assertEquals(1, rpcss.dcom().runningObjects());
            assertTrue(Com.runningObjects(f.run()).contains("!dcom4j/calc"));
            for (int i = 0; i < 2; i++) { // two clients, each with the entry's references
                try (ComClient client = f.localClient()) {
                    ICalculator calc = Com.getObject(client, f.run(), "!dcom4j/calc", ICalculator.class);
                    assertEquals(12, calc.add(3, 4), "the registered object, not a new Calculator");
                    ((ComProxy) calc).release();
                }
            }
            srv.revokeRunning(cookie);
            assertEquals(0, rpcss.dcom().runningObjects());
            assertEquals(Hresult.MK_E_UNAVAILABLE, getObjectHr("!dcom4j/calc"));
            assertEquals(List.of(), Com.runningObjects(f.run()));
            assertEquals(Hresult.E_INVALIDARG, assertThrows(ComException.class, () -> srv.revokeRunning(cookie)).hresult());
        }
    }

    @Test
    void theEntryOutlivesClientReleasesAndGarbageCollection() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state());
             ComServer srv = f.serverBuilder(reg).register(ICalculator.CLSID, Calculator::new).registerWithRpcss(f.run())
                     .pingTimeout(java.time.Duration.ofMillis(100), 2).start()) {
            srv.registerRunning("kept", new Calculator(), ICalculator.class, false);
            try (ComClient client = f.localClient()) {
                ICalculator calc = Com.getObject(client, f.run(), "kept", ICalculator.class);
                ((ComProxy) calc).release();
            }
            Thread.sleep(600); // three ping timeouts: unpinged objects are freed, the ROT's is kept alive
            try (ComClient client = f.localClient()) {
                assertEquals(5, Com.getObject(client, f.run(), "kept", ICalculator.class).add(2, 3));
            }
        }
    }

    @Test
    void entriesEndWithTheServer() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state())) {
            try (ComServer srv = f.startCalculator(reg)) {
                srv.registerRunning("gone-with-server", new Calculator(), ICalculator.class, true);
                srv.registerRunning("gone-with-server", new Calculator(), ICalculator.class, false);
                assertEquals(2, rpcss.dcom().runningObjects());
            }
            assertEquals(0, rpcss.dcom().runningObjects());
            assertEquals(Hresult.MK_E_UNAVAILABLE, getObjectHr("gone-with-server"));
        }
    }

    @Test
    void badNamesAndUnregisteredServersAreRefused() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComServer unregistered = f.serverBuilder(reg).start()) {
            for (String bad : new String[] {"", "line\nbreak", "x".repeat(1025)}) {
                assertEquals(Hresult.E_INVALIDARG, assertThrows(ComException.class,
                        () -> srv.registerRunning(bad, new Calculator(), ICalculator.class, false)).hresult());
                assertEquals(Hresult.E_INVALIDARG, getObjectHr(bad));
            }
            assertThrows(IllegalStateException.class, () -> unregistered.registerRunning("n", new Calculator(), ICalculator.class, false));
            assertEquals(0, rpcss.dcom().runningObjects());
        }
    }
}
