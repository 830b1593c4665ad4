package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LogEntry;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 7, security through activation, against the real Calculator server: who may activate
 * remotely under the XP SP2 and Server 2003 SP1 profiles, Anonymous, EnableDCOM=N, and the event log
 * entry a denial leaves when CallFailureLoggingLevel is 1 (what {@code ./dcom4j eventlog} prints).
 */
class ActivationSecurityEndToEndTest {
    @TempDir
    Path tmp;

    private static Activator remote(Rpcss rpcss, ClientAuth auth) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), auth);
    }

    /** Activates and adds remotely as {@code user} at integrity; the HRESULT of the failure, or 0 after add(2,3)=5. */
    private static int activateAndAdd(Rpcss rpcss, String user) {
        try (ComClient client = E2eFixture.remoteClient(user, AuthLevel.PKT_INTEGRITY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    remote(rpcss, E2eFixture.ntlm(user, AuthLevel.PKT_INTEGRITY)));
            assertEquals(5, calc.add(2, 3));
            return 0;
        } catch (ComException e) {
            return e.hresult();
        }
    }

    private static int activateHr(Rpcss rpcss, ClientAuth auth) {
        return assertThrows(ComException.class, () -> remote(rpcss, auth).createInstance(ICalculator.CLSID,
                List.of(org.dcom4j.com.Iids.IID_IUnknown))).hresult();
    }

    @Test
    void aNonAdministratorOutsideDistributedComUsersIsRefusedRemoteActivationUnderXpSp2AndWs2003Sp1() throws Exception {
        for (DcomProfile p : List.of(DcomProfile.XPSP2, DcomProfile.WS2003SP1)) {
            E2eFixture f = new E2eFixture(tmp.resolve(p.id()));
            f.store(p, EVERYONE_ALL);
            try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
                assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "erin"), p.id() + ": " + Hresult.name(activateAndAdd(rpcss, "erin")));
                assertEquals(0, srv.exportedObjects(), p.id() + ": no object was created for a refused activation");
            }
        }
    }

    @Test
    void ws2003Sp1AllowsRemoteActivationOnceTheUserIsInDistributedComUsers() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(0, activateAndAdd(rpcss, "dave"));
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "erin"));
            f.addToDcomUsers("erin");
            assertEquals(0, activateAndAdd(rpcss, "erin"), "erin after joining Distributed COM Users");
        }
    }

    @Test
    void xpSp2StillRefusesADistributedComUserRemotely() throws Exception {
        // XP SP2's MachineLaunchRestriction grants remote launch/activation to Administrators only.
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.XPSP2, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "dave"));
        }
    }

    @Test
    void theAppIdLaunchPermissionDecidesWithinTheMachineLimits() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, null); // machine DefaultLaunchPermission: SYSTEM, Administrators, INTERACTIVE
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "dave"), "in the limits, not in the default permission");
            f.store(DcomProfile.WS2003SP1, "O:BAG:BAD:(A;;CCDCLCSWRP;;;" + f.sidOf("dave") + ")(A;;CCDCLCSWRP;;;" + f.sidOf("erin") + ")");
            assertEquals(0, activateAndAdd(rpcss, "dave"), "named in the AppID's LaunchPermission");
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "erin"), "named, but outside MachineLaunchRestriction's remote grant");
        }
    }

    @Test
    void anonymousIsRefusedRemoteActivation() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(Hresult.E_ACCESSDENIED, activateHr(rpcss, ClientAuth.NONE));
            assertEquals(Hresult.E_ACCESSDENIED, activateHr(rpcss, ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, NtlmCredentials.anonymous())));
            assertEquals(0, srv.exportedObjects());
        }
    }

    @Test
    void enableDcomNRefusesRemoteActivationButNotLocal() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        f.set(DcomConfig.OLE, RegValue.sz("EnableDCOM", "N"));
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "dave"));
            try (ComClient local = f.localClient()) {
                ICalculator calc = Com.createInstance(local, ICalculator.CLSID, ICalculator.class, Activator.local(f.run()));
                assertEquals(5, calc.add(2, 3));
            }
        }
    }

    @Test
    void theEventLogShowsTheDenialWithItsReasonWhenCallFailureLoggingLevelIs1() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        f.set(DcomConfig.OLE, RegValue.dword("CallFailureLoggingLevel", 1));
        Instant since = Instant.now().minusSeconds(1);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            assertEquals(Hresult.E_ACCESSDENIED, activateAndAdd(rpcss, "erin"));
        }
        try (Registry reg = Registry.open(f.state())) {
            List<LogEntry> entries = reg.eventLog().query(since, SecurityEvent.Level.INFORMATION, 100);
            List<LogEntry> denials = entries.stream()
                    .filter(e -> e.level() != SecurityEvent.Level.INFORMATION)
                    .filter(e -> (e.message() + e.fields()).toLowerCase(java.util.Locale.ROOT).contains("erin"))
                    .toList();
            assertTrue(!denials.isEmpty(), "no denial for erin in " + entries);
            LogEntry d = denials.getFirst();
            String all = (d.message() + " " + d.fields()).toLowerCase(java.util.Locale.ROOT);
            System.out.println("eventlog denial: " + d.source() + " " + d.eventId() + " " + d.message() + " " + d.fields());
            assertTrue(all.contains("remote"), "the reason names the distance: " + all);
            assertTrue(all.contains("launch") || all.contains("activat"), "the reason names the right: " + all);
            assertTrue(all.contains(ICalculator.APPID.toString()) || all.contains("calculator"), "the reason names the application: " + all);
        }
    }
}
