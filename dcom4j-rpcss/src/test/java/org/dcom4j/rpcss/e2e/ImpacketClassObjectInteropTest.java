package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 3 against an independent client: impacket 0.10.0's
 * {@code IRemoteSCMActivator.RemoteGetClassObject} (its own activation blob and reply parsing; its
 * DCOMConnection has no class-object path) gets the Calculator's class object through rpcss, then
 * IClassFactory::RemoteCreateInstance — records written from the IDL in
 * {@code src/test/resources/interop/impacket_class_object.py} — creates two objects, each answers Add,
 * and every reference is released. Skipped without /usr/bin/python3 + impacket.
 */
@Tag("interop")
class ImpacketClassObjectInteropTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void impacket() {
        assumeTrue(Interop.hasImpacket(), "no impacket for /usr/bin/python3 (Debian python3-impacket)");
    }

    private static Interop.Result run(Rpcss rpcss, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("127.0.0.1:" + rpcss.endpointMapperPort(), "dave", E2eFixture.PASSWORD,
                ICalculator.CLSID.toString()));
        args.addAll(List.of(more));
        return Interop.python(Interop.script("impacket_class_object.py"), args, 60);
    }

    @Test
    void impacketGetsTheClassObjectCreatesTwoCalculatorsAddsAndReleasesEverything() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            for (String level : List.of("integrity", "privacy")) {
                Interop.Result r = run(rpcss, "--level", level);
                System.out.println("impacket_class_object.py --level " + level + ":\n" + r.out());
                assertEquals(0, r.exit(), r.out());
                assertTrue(r.out().contains("CLASS_OBJECT iid=00000001-0000-0000-c000-000000000046"), r.out());
                assertTrue(r.out().contains("CREATED 1") && r.out().contains("CREATED 2"), r.out());
                assertTrue(r.out().contains("SUM 11") && r.out().contains("SUM 12"), r.out());
                assertTrue(r.out().contains("RELEASED"), r.out());
                assertEquals(0, srv.exportedObjects(), level + ": the class object and both calculators were released");
            }
        }
    }

    @Test
    void impacketAskingTheClassObjectForAnInterfaceTheClassLacksGetsENoInterface() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            Interop.Result r = run(rpcss, "--iid", "00000001-0000-0000-c000-000000000046"); // a Calculator is no IClassFactory
            assertEquals(3, r.exit(), r.out());
            assertTrue(r.out().contains(String.format("CREATE_HRESULT 0x%08x", Hresult.E_NOINTERFACE)), r.out());
            assertEquals(1, srv.exportedObjects(), "only the class object (the script exits holding it): nothing made for the refused IID");
        }
    }
}
