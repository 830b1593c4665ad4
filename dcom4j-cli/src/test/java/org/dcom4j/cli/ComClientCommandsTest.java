package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.dcom4j.com.ComServer;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.CalculatorServer;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 6, the CLI of the sample: {@code dcom4j com activate CLSID|PROGID} (bindings, IPID,
 * authentication hint, release) and {@code dcom4j calc add A B}, locally over ncalrpc and remotely with
 * {@code --host --port --user --password-stdin}, against rpcss and the real Calculator server
 * ({@link CalculatorServer#start(Path, Path)}: the machine's policy, the AppID's AccessPermission) in
 * this JVM; a refused remote activation exits 1.
 */
class ComClientCommandsTest {
    static final String PASSWORD = "Passw0rd!";

    @TempDir
    Path dir;
    Path state;
    Path run;
    Rpcss rpcss;
    ComServer server;
    Cli cli;
    private final InputStream stdin = System.in;

    @BeforeEach
    void start() throws Exception {
        state = dir.resolve("state");
        run = dir.resolve("run");
        try (Registry reg = Registry.open(state)) {
            Token admin = LocalAccounts.open(reg).tokenForUid(0);
            DcomConfig.init(reg, admin, DcomProfile.WS2003SP1);
            try (Accounts a = Accounts.open(reg, admin)) {
                a.addUser("dave", PASSWORD.toCharArray());
                a.addUser("erin", PASSWORD.toCharArray());
                a.addMember("Distributed COM Users", "dave");
            }
            DcomConfig.registerApplication(reg, admin, CalculatorIds.APPID, CalculatorIds.NAME, "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)",
                    "O:BAG:BAD:(A;;CCDCLC;;;WD)");
            ComClasses.register(reg, admin, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.empty(), Optional.of(CalculatorIds.PROGID)));
        }
        rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, run,
                DcomOptions.defaults().withPolicyRefresh(java.time.Duration.ZERO)));
        server = CalculatorServer.start(run, state);
        cli = new Cli(state);
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        server.close();
        rpcss.close();
    }

    private Cli.Result remote(String user, String... args) {
        System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
        String[] all = new String[args.length + 7];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--host", "127.0.0.1", "--port", Integer.toString(rpcss.endpointMapperPort()), "--user", user,
            "--password-stdin"}, 0, all, args.length, 7);
        return cli.run(all);
    }

    @Test
    void comActivateByProgIdLocallyPrintsTheExporterAndReleases() {
        Cli.Result r = cli.run("com", "activate", CalculatorIds.PROGID, "--runtime", run.toString());
        assertEquals(0, r.code(), r::toString);
        String clsid = "{" + CalculatorIds.CLSID.toString().toUpperCase(Locale.ROOT) + "}";
        assertTrue(r.out().contains("activated " + clsid + ": S_OK"), r::toString);
        assertTrue(r.out().contains("  OXID:            " + String.format("%016x", server.oxid())), r::toString);
        assertTrue(r.out().contains("  binding:         ncalrpc:"), r::toString);
        assertTrue(r.out().contains("  IRemUnknown IPID " + server.remUnknownIpid()), r::toString);
        assertTrue(r.out().contains("  authn hint:      "), r::toString);
        assertTrue(r.out().contains("  released"), r::toString);
        assertEquals(0, server.exportedObjects(), "the reference was released");
    }

    @Test
    void comActivateRemotelyWithNtlmPrintsTheTcpBinding() {
        Cli.Result r = remote("dave", "com", "activate", CalculatorIds.CLSID.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("  binding:         ncacn_ip_tcp:"), r::toString);
        assertTrue(r.out().contains("  released"), r::toString);
    }

    @Test
    void calcAddPrintsTheSumLocallyAndRemotely() {
        Cli.Result local = cli.run("calc", "add", "2", "3", "--runtime", run.toString());
        assertEquals(0, local.code(), local::toString);
        assertEquals("5", local.out().strip());
        Cli.Result remote = remote("dave", "calc", "add", "40", "2");
        assertEquals(0, remote.code(), remote::toString);
        assertEquals("42", remote.out().strip());
        assertEquals(0, server.exportedObjects(), "both references released");
    }

    @Test
    void aRefusedRemoteActivationExitsOneNamingEAccessDenied() {
        Cli.Result r = remote("erin", "calc", "add", "2", "3");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("E_ACCESSDENIED"), r::toString);
    }
}
