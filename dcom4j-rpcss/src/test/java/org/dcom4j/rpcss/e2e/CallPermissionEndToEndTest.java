package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.LogEntry;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.SecurityEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 5, the Call check inside a server without CoInitializeSecurity — the path of the real
 * Calculator server ({@code CalculatorServer.start(runtime, state)}): each ORPC call is decided by the
 * machine's DCOM policy against the AppID's AccessPermission, else DefaultAccessPermission, within
 * MachineAccessRestriction; a denial is E_ACCESSDENIED and, at CallFailureLoggingLevel 1, an event
 * log entry naming the caller, the distance and the application.
 */
class CallPermissionEndToEndTest {
    @TempDir
    Path tmp;
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        f.set(DcomConfig.OLE, RegValue.dword("CallFailureLoggingLevel", 1));
    }

    /** The Calculator served under the machine's policy for its AppID, as CalculatorServer does. */
    private ComServer startWithPolicy(Registry reg) throws IOException {
        LocalAccounts local = LocalAccounts.open(reg);
        return ComServer.builder()
                .rpcSecurity(RpcSecurity.defaults().withAccounts(Accounts.forService(reg).ntlmAccounts()))
                .callerTokens(Rpcss.callerTokens(local))
                .accessPolicy(new DcomAccessPolicy(DcomConfig.load(reg), reg.eventLog()),
                        DcomConfig.application(reg, CalculatorIds.APPID, local).orElseThrow())
                .tcp(InetAddress.getLoopbackAddress()).ncalrpc(f.run())
                .register(CalculatorIds.CLSID, Calculator::new).registerWithRpcss(f.run()).start();
    }

    private static ICalculator activate(Rpcss rpcss, ComClient client, String user) throws ComException {
        return Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm(user, AuthLevel.PKT_INTEGRITY)));
    }

    @Test
    void callsAreDecidedByTheAppIdsAccessPermissionAndDenialsAreLogged() throws Exception {
        try (Registry reg = Registry.open(f.state())) {
            DcomConfig.registerApplication(reg, E2eFixture.ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, EVERYONE_ALL,
                    "O:BAG:BAD:(A;;CCDCLC;;;" + f.sidOf("dave") + ")");
        }
        Instant since = Instant.now().minusSeconds(1);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = startWithPolicy(reg);
             ComClient dave = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
             ComClient erin = E2eFixture.remoteClient("erin", AuthLevel.PKT_INTEGRITY)) {
            assertEquals(5, activate(rpcss, dave, "dave").add(2, 3), "dave: granted by the AppID's AccessPermission");
            ICalculator unbound = erin.unmarshal(srv.export(new Calculator(), ICalculator.class), ICalculator.class);
            ComException e = assertThrows(ComException.class, () -> unbound.add(2, 3));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), "erin: not in the AccessPermission: " + Hresult.name(e.hresult()));
        }
        try (Registry reg = Registry.open(f.state())) {
            List<LogEntry> denials = reg.eventLog().query(since, SecurityEvent.Level.WARNING, 100).stream()
                    .filter(x -> (x.message() + x.fields()).toLowerCase(Locale.ROOT).contains("erin")).toList();
            assertTrue(!denials.isEmpty(), "no denial for erin's call"); // her proxy's RemRelease at close is denied too
            String all = (denials.getFirst().message() + " " + denials.getFirst().fields()).toLowerCase(Locale.ROOT);
            System.out.println("call denial: " + denials.getFirst());
            assertTrue(all.contains("remote"), "the distance: " + all);
            assertTrue(all.contains("access") || all.contains("call"), "the right: " + all);
            assertTrue(all.contains(CalculatorIds.APPID.toString()) || all.contains("calculator"), "the application: " + all);
        }
    }

    /**
     * CoInitializeSecurity's descriptor is intersected with the machine-wide limits when the server also has
     * the machine's policy: EnableDCOM=N refuses remote calls (not local ones), and MachineAccessRestriction
     * limits what the programmatic descriptor grants.
     */
    @Test
    void programmaticSecurityIsIntersectedWithEnableDcomAndMachineAccessRestriction() throws Exception {
        for (String setting : List.of("EnableDCOM", "MachineAccessRestriction")) {
            E2eFixture g = new E2eFixture(tmp.resolve(setting));
            g.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
            g.set(DcomConfig.OLE, RegValue.dword("CallFailureLoggingLevel", 1));
            if (setting.equals("EnableDCOM")) {
                g.set(DcomConfig.OLE, RegValue.sz("EnableDCOM", "N"));
            } else {
                g.set(DcomConfig.OLE, RegValue.binary("MachineAccessRestriction", org.dcom4j.security.Sddl.parse(
                        "O:BAG:BAD:(A;;CCDCLC;;;BA)(A;;CCDC;;;WD)").toBytes())); // Everyone: local calls only
            }
            try (Registry reg = Registry.open(g.state());
                 ComServer srv = g.serverBuilder(reg).accessPolicy(new DcomAccessPolicy(DcomConfig.load(reg), reg.eventLog()),
                         DcomConfig.application(reg, CalculatorIds.APPID, LocalAccounts.open(reg)).orElseThrow()).start();
                 ComClient dave = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
                 ComClient local = g.localClient()) {
                ICalculator remote = dave.unmarshal(srv.export(new Calculator(), ICalculator.class), ICalculator.class);
                ComException e = assertThrows(ComException.class, () -> remote.add(2, 3), setting);
                assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), setting + ": " + Hresult.name(e.hresult()));
                ICalculator near = local.unmarshal(srv.export(new Calculator(), ICalculator.class), ICalculator.class);
                assertEquals(5, near.add(2, 3), setting + " leaves local calls alone");
            }
        }
    }

    @Test
    void withoutAnAccessPermissionCallsFallBackOnDefaultAccessPermission() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = startWithPolicy(reg);
             ComClient dave = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
             ComClient local = f.localClient()) {
            ICalculator calc = activate(rpcss, dave, "dave");
            ComException e = assertThrows(ComException.class, () -> calc.add(2, 3));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), "dave is not SELF, SYSTEM or an administrator: " + Hresult.name(e.hresult()));
            ICalculator mine = Com.createInstance(local, ICalculator.CLSID, ICalculator.class, Activator.local(f.run()));
            assertEquals(5, mine.add(2, 3), "the server's own user over ncalrpc is SELF");
        }
    }
}
