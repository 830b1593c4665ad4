package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcom4j access check}: tokens, decisions, reason chains, events. */
class AccessCheckTest {
    static final String USER = "S-1-5-21-1-2-3-1001";
    static final String APPID = "{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void init() {
        cli = new Cli(dir);
        assertEquals(0, cli.run("config", "init").code());
    }

    @Test
    void deniesRemoteActivationToEveryoneUnderWs2003Sp1() {
        Cli.Result r = cli.run("access", "check", "--sid", USER, "--op", "activate", "--distance", "remote");
        assertEquals(1, r.code(), r::toString);
        List<String> l = r.outLines();
        assertEquals("token: " + USER + " groups=[Everyone, NT AUTHORITY\\Authenticated Users, NT AUTHORITY\\NETWORK]",
                l.get(0));
        assertEquals("DENY: Remote Activation (RA) of machine defaults, E_ACCESSDENIED (0x80070005)", l.get(1));
        assertEquals("  1. EnableDCOM: pass - EnableDCOM=Y: remote requests are accepted", l.get(2));
        assertTrue(l.get(3).startsWith("  2. machine limit: deny - machine limit MachineLaunchRestriction"), r::toString);
        assertTrue(l.get(3).contains("no ACE grants Remote Activation (RA)"), r::toString);
        assertTrue(l.get(3).contains("#2 (A;;CCDCSW;;;WD) (LL LA to Everyone)"), r::toString);
        assertEquals(4, l.size(), "the chain stops at the layer that denied:\n" + r);
    }

    @Test
    void allowsRemoteActivationToAdministrators() {
        Cli.Result r = cli.run("access", "check", "--sid", USER, "--group", "Administrators", "--op", "activate",
                "--distance", "remote");
        assertEquals(0, r.code(), r::toString);
        List<String> l = r.outLines();
        assertTrue(l.get(0).endsWith("NT AUTHORITY\\NETWORK, BUILTIN\\Administrators]"), r::toString);
        assertEquals("ALLOW: Remote Activation (RA) of machine defaults", l.get(1));
        assertTrue(l.get(3).startsWith("  2. machine limit: pass - machine limit MachineLaunchRestriction"), r::toString);
        assertTrue(l.get(3).endsWith("granted by ACE #1 (A;;CCDCLCSWRP;;;BA) to BUILTIN\\Administrators"), r::toString);
        assertTrue(l.get(4).startsWith("  3. application: pass - DefaultLaunchPermission"), r::toString);
    }

    @Test
    void groupsAcceptNamesAliasesAndSids() {
        for (String g : List.of("Administrators", "BUILTIN\\Administrators", "BA", "S-1-5-32-544", "administrators")) {
            Cli.Result r = cli.run("access", "check", "--sid", USER, "--group", g, "--op", "launch", "--distance", "remote");
            assertEquals(0, r.code(), () -> g + "\n" + r);
        }
        Cli.Result dcomUsers = cli.run("access", "check", "--sid", USER, "--group", "Distributed COM Users",
                "--op", "call", "--distance", "remote");
        assertTrue(dcomUsers.outLines().get(0).contains("BUILTIN\\Distributed COM Users"), dcomUsers::toString);
        Cli.Result unknown = cli.run("access", "check", "--sid", USER, "--group", "No Such Group", "--op", "call",
                "--distance", "remote");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().startsWith("dcom4j: unknown group \"No Such Group\""), unknown::toString);
    }

    @Test
    void aDomainRelativeAliasAsGroupIsExplainedLikeTheSddlReaderDoes() {
        Cli.Result r = cli.run("access", "check", "--sid", USER, "--group", "DU", "--op", "call", "--distance", "remote");
        assertEquals(2, r.code(), r::toString);
        assertEquals("dcom4j: bad group \"DU\": SID alias \"DU\" is relative to a domain; give the SID as S-1-5-21-…\n",
                r.err());
    }

    @Test
    void theTokenLineNamesTheSidOnce() {
        assertEquals("token: Everyone (S-1-1-0) groups=[Everyone, NT AUTHORITY\\Authenticated Users, NT AUTHORITY\\NETWORK]",
                cli.run("access", "check", "--sid", "WD", "--op", "call", "--distance", "remote").outLines().get(0));
        assertEquals("token: BUILTIN\\Administrators (S-1-5-32-544) groups=[Everyone, NT AUTHORITY\\Authenticated Users, "
                + "NT AUTHORITY\\NETWORK]",
                cli.run("access", "check", "--sid", "S-1-5-32-544", "--op", "call", "--distance", "remote").outLines().get(0));
    }

    @Test
    void aLocalCallerIsInteractiveAndARemoteOneIsANetworkLogon() {
        String local = cli.run("access", "check", "--sid", USER, "--op", "call", "--distance", "local").outLines().get(0);
        assertTrue(local.contains("NT AUTHORITY\\INTERACTIVE") && local.contains("LOCAL"), local);
        assertFalse(local.contains("NETWORK"), local);

        String root = cli.run("access", "check", "--user", "root", "--op", "call", "--distance", "remote").outLines().get(0);
        assertTrue(root.startsWith("token: root (S-1-5-21-"), root);
        assertTrue(root.contains("BUILTIN\\Administrators") && root.endsWith("NT AUTHORITY\\NETWORK]"), root);
        assertFalse(root.contains("INTERACTIVE") || root.contains("LOCAL,"), root);

        String anonLocal = cli.run("access", "check", "--anonymous", "--op", "call", "--distance", "local").outLines().get(0);
        assertEquals("token: NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7) groups=[]", anonLocal);
        String anonRemote = cli.run("access", "check", "--anonymous", "--op", "call", "--distance", "remote").outLines().get(0);
        assertEquals("token: NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7) groups=[NT AUTHORITY\\NETWORK]", anonRemote);
    }

    @Test
    void judgesARegisteredApplicationByItsOwnPermission() {
        cli.run("app", "register", "--appid", APPID, "--name", "Reports",
                "--launch-sddl", "O:BAG:BAD:(A;;CCDCSW;;;WD)", "--access-sddl", "O:BAG:BAD:(A;;CCDCLC;;;WD)");
        Cli.Result call = cli.run("access", "check", "--sid", USER, "--op", "call", "--distance", "remote", "--appid", APPID);
        assertEquals(0, call.code(), call::toString);
        assertTrue(call.outLines().get(1).equals("ALLOW: Remote Access Calls (RC) of AppID " + APPID + " \"Reports\""), call::toString);
        assertTrue(call.out().contains("3. application: pass - AppID " + APPID + " \"Reports\" AccessPermission"), call::toString);

        Cli.Result unknown = cli.run("access", "check", "--sid", USER, "--op", "call", "--distance", "remote",
                "--appid", "{00000000-0000-0000-0000-000000000001}");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().startsWith("dcom4j: unknown AppID {00000000-0000-0000-0000-000000000001}"), unknown::toString);
    }

    @Test
    void denialsAreLoggedWhenCallFailureLoggingLevelIsOne() {
        cli.run("access", "check", "--sid", USER, "--op", "activate", "--distance", "remote");
        Cli.Result none = cli.run("eventlog");
        assertEquals("", none.out(), "level 2 (the default) never logs denials");

        cli.run("config", "set", ConfigCommandTest.OLE, "CallFailureLoggingLevel", "1", "--type", "REG_DWORD");
        cli.run("access", "check", "--sid", USER, "--op", "activate", "--distance", "remote");
        Cli.Result log = cli.run("eventlog", "--since", "1h", "--level", "warning");
        assertEquals(0, log.code(), log::toString);
        assertEquals(1, log.outLines().size(), log::toString);
        assertTrue(log.out().contains(" WARNING DCOM 10016 Remote Activation (RA) of machine defaults denied to " + USER), log::toString);
        assertTrue(log.out().contains("\"sid\":\"" + USER + "\""), log::toString);
        assertEquals("", cli.run("eventlog", "--level", "error").out());
        assertEquals("", cli.run("eventlog", "--since", "2999-01-01T00:00:00Z").out());
    }

    @Test
    void anInvalidMachineLimitFailsClosedAndIsLogged() {
        cli.run("config", "set", ConfigCommandTest.OLE, "MachineAccessRestriction", "O:BAG:BAD:(A;;CC;;;WD)(A;;CCDC;;;AN)", "--sddl");
        Cli.Result r = cli.run("access", "check", "--user", "root", "--op", "call", "--distance", "local");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("is invalid (mixes the legacy format"), r::toString);
        assertTrue(r.out().contains("failing closed"), r::toString);
        Cli.Result log = cli.run("eventlog", "--level", "error");
        assertTrue(log.out().contains(" ERROR DCOM 10020 invalid COM security descriptor"), log::toString);
    }
}
