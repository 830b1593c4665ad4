package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.dcom4j.com.ComServer;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 7: impacket 0.10.0's DCOMConnection activates Dcom4j.Calculator through rpcss by CLSID
 * with IID_IUnknown at privacy and at integrity, QueryInterfaces ICalculator (IRemUnknown and
 * IRemUnknown2), calls Add, releases every reference and disconnects
 * ({@code src/test/resources/interop/impacket_calculator.py}). Skipped without /usr/bin/python3 + impacket.
 */
@Tag("interop")
class ImpacketCalculatorInteropTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void impacket() {
        assumeTrue(Interop.hasImpacket(), "no impacket for /usr/bin/python3 (Debian python3-impacket)");
    }

    static Interop.Result run(Rpcss rpcss, String level, int a, int b, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("127.0.0.1:" + rpcss.endpointMapperPort(), "dave",
                E2eFixture.PASSWORD, ICalculator.CLSID.toString(), Integer.toString(a), Integer.toString(b), "--level", level));
        args.addAll(List.of(more));
        return Interop.python(Interop.script("impacket_calculator.py"), args, 60);
    }

    /**
     * A client that vanishes holding its references (impacket with oxidResolver=False never pings): the
     * server's objects must be released after the ping timeout (here 2 s x 2, on rpcss and the server):
     * the ComServer collects every exported OID nobody pinged, whether or not it was ever in a ping set.
     */
    @Test
    void objectsOfAnImpacketClientThatNeverPingsAreReleasedAfterThePingTimeout() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        DcomOptions timeouts = E2eFixture.shortTimeouts();
        try (Rpcss rpcss = f.startRpcss(timeouts); Registry reg = Registry.open(f.state());
             ComServer srv = f.serverBuilder(reg).register(CalculatorIds.CLSID, Calculator::new).registerWithRpcss(f.run())
                     .pingTimeout(timeouts.pingPeriod(), timeouts.missedPings()).start()) {
            Interop.Result r = run(rpcss, "privacy", 2, 3, "--no-release");
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("NOT RELEASED"), r.out());
            assertEquals(1, srv.exportedObjects());
            long timeoutMs = E2eFixture.shortTimeouts().pingTimeout().toMillis();
            long deadline = System.nanoTime() + (3 * timeoutMs + 5000) * 1_000_000L;
            while (srv.exportedObjects() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, srv.exportedObjects(), "objects still held " + (3 * timeoutMs + 5000) + " ms after a ping timeout of "
                    + timeoutMs + " ms");
        }
    }

    @Test
    void impacketActivatesQueryInterfacesAddsAndReleasesAtPrivacyAndIntegrity() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            for (String level : List.of("privacy", "integrity")) {
                Interop.Result r = run(rpcss, level, 2, 3);
                System.out.println("impacket_calculator.py --level " + level + ":\n" + r.out());
                assertEquals(0, r.exit(), r.out());
                assertTrue(r.out().contains("SUM 5"), r.out());
                assertTrue(r.out().contains("object_auth_level=" + ("privacy".equals(level) ? 6 : 5)), "authnHint: " + r.out());
                assertTrue(r.out().contains("RELEASED IUnknown refs=5"), r.out());
                assertEquals(0, srv.exportedObjects(), level + ": every reference impacket held was released");
            }
            Interop.Result neg = run(rpcss, "privacy", -40, 2);
            assertTrue(neg.out().contains("SUM -38"), neg.out());
        }
    }
}
