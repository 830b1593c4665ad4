package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "sees a denial explained by {@code ./dcom4j eventlog}": a real remote activation of the
 * Calculator by erin (not in Distributed COM Users, Windows Server 2003 SP1 profile,
 * CallFailureLoggingLevel 1) is refused E_ACCESSDENIED by rpcss, and {@code dcom4j eventlog} prints the
 * denial with the caller, the right, the application and the reason chain naming the machine limit.
 */
class EventLogDenialEndToEndTest {
    static final String PASSWORD = "Passw0rd!";

    @TempDir
    Path dir;

    @Test
    void aRefusedRemoteActivationIsExplainedByTheEventlogCommand() throws Exception {
        Path state = dir.resolve("state");
        try (Registry reg = Registry.open(state)) {
            Token admin = LocalAccounts.open(reg).tokenForUid(0);
            DcomConfig.init(reg, admin, DcomProfile.WS2003SP1);
            try (Accounts a = Accounts.open(reg, admin)) {
                a.addUser("erin", PASSWORD.toCharArray());
            }
            DcomConfig.registerApplication(reg, admin, CalculatorIds.APPID, CalculatorIds.NAME, null, null);
            ComClasses.register(reg, admin, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.empty(), Optional.of(CalculatorIds.PROGID)));
            reg.set(admin, DcomConfig.OLE, RegValue.dword("CallFailureLoggingLevel", 1));
        }
        try (Rpcss rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, dir.resolve("run"),
                DcomOptions.defaults().withPolicyRefresh(java.time.Duration.ZERO)))) {
            ClientAuth erin = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "erin", PASSWORD.toCharArray()));
            ComException e = assertThrows(ComException.class, () -> Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), erin)
                    .createInstance(CalculatorIds.CLSID, List.of(CalculatorIds.IID_ICALCULATOR)));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), Hresult.name(e.hresult()));
        }
        Cli.Result log = new Cli(state).run("eventlog", "--since", "1h", "--level", "warning");
        System.out.println(log);
        assertEquals(0, log.code(), log::toString);
        List<String> erinsDenials = log.outLines().stream().filter(l -> l.contains("denied to erin")).toList();
        assertEquals(1, erinsDenials.size(), log::toString);
        String line = erinsDenials.getFirst();
        assertTrue(line.contains(" WARNING DCOM 10016 Remote Activation (RA) of AppID {" + CalculatorIds.APPID.toString().toUpperCase(java.util.Locale.ROOT)),
                line);
        assertTrue(line.contains("\"distance\":\"REMOTE\""), line);
        assertTrue(line.contains("\"reason\":\"machine limit: machine limit MachineLaunchRestriction"), line);
        assertTrue(line.contains("no ACE grants Remote Activation (RA)"), line);
    }
}
