package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcom4j daemon} as a user runs it: a child JVM running {@link Main}, called through its
 * printed ports, stopped with SIGTERM ({@link Process#destroy()}).
 *
 * <p>The exit status after SIGTERM is 143 (128 + 15): the JVM's own status for a signal-initiated
 * shutdown. The shutdown hook closes the service (the "stopped" log line proves it ran), and the
 * main thread's {@code System.exit(0)} waits behind the hooks and does not change the status.
 */
class DaemonCommandTest {
    private static final Pattern PORT = Pattern.compile("ncacn_ip_tcp:127\\.0\\.0\\.1\\[(\\d+)\\]");

    @TempDir
    Path dir;

    @BeforeEach
    void initStore() throws Exception {
        // Started as root the daemon runs as nobody, which must reach its runtime directory inside this one.
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Registry reg = Registry.open(dir.resolve("state"))) {
            Token admin = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
            DcomConfig.init(reg, admin, DcomProfile.DEFAULT);
        }
    }

    @Test
    void servesUntilSigtermThenStopsCleanly() throws Exception {
        Path run = dir.resolve("run");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path errFile = dir.resolve("daemon.err");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "org.dcom4j.cli.Main",
                "daemon", "--port", "0", "--bind", "127.0.0.1", "--state", dir.resolve("state").toString(), "--runtime", run.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            List<String> err = Files.readAllLines(errFile);
            while (err.stream().noneMatch(l -> l.startsWith("rpcss: running"))) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    fail("no 'rpcss: running' line within 30 s: " + err);
                }
                Thread.sleep(50);
                err = Files.readAllLines(errFile);
            }
            Matcher epm = PORT.matcher(err.stream().filter(l -> l.startsWith("rpcss: endpoint mapper")).findFirst().orElseThrow());
            assertTrue(epm.find(), err::toString);
            String epmPort = epm.group(1);
            if (org.dcom4j.rpcss.PrivilegeDrop.current().euid() == 0) {
                assertTrue(err.contains("rpcss: runs as user nobody (uid 65534), the launcher as root"), err::toString);
            }

            Cli.Result call = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1", "3baeb06b-ae30-4a06-932c-4ec77578e619", "1.0", "1",
                    "0200000003000000", "--epm-port", epmPort);
            assertEquals("RESPONSE 0500000000000000\n", call.out(), call::toString);
            Cli.Result dump = Cli.exec("rpcdump", "--ncalrpc", "--runtime", run.toString());
            assertEquals(0, dump.code(), dump::toString);
            assertTrue(dump.out().contains("ncalrpc:[dcom4j-echo]"), dump::toString);
            assertTrue(Files.exists(run.resolve("epmapper")) && Files.exists(run.resolve("dcom4j-echo")));

            p.destroy();   // SIGTERM
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
            List<String> log = Files.readAllLines(errFile);
            assertEquals(143, p.exitValue(), log::toString);
            assertTrue(log.stream().anyMatch(l -> l.contains("Rpcss - stopped")), log::toString);
            assertFalse(Files.exists(run.resolve("epmapper")), "epmapper socket file removed");
            assertFalse(Files.exists(run.resolve("dcom4j-echo")), "dcom4j-echo socket file removed");
        } finally {
            p.destroyForcibly();
        }
        // The runtime directory and the TCP side are free again: an in-process service starts on them.
        Cli.Result again = Cli.exec("rpcdump", "--ncalrpc", "--runtime", run.toString());
        assertEquals(4, again.code(), again::toString);
        try (org.dcom4j.rpcss.Rpcss rpcss = org.dcom4j.rpcss.Rpcss.start(new org.dcom4j.rpcss.Rpcss.Options(
                InetAddress.getLoopbackAddress(), 0, dir.resolve("state"), run))) {
            assertEquals(0, Cli.exec("rpcdump", "--ncalrpc", "--runtime", run.toString()).code());
        }
    }

    @Test
    void refusesAMissingUserBeforeBindingAnything() throws Exception {
        Path run = dir.resolve("run");
        Cli.Result r = Cli.exec("daemon", "--user", "no-such-dcom4j-user", "--port", "0", "--bind", "127.0.0.1",
                "--state", dir.resolve("state").toString(), "--runtime", run.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(org.dcom4j.rpcss.PrivilegeDrop.current().euid() == 0
                ? "--user no-such-dcom4j-user: no such Unix user" : "only root can run rpcss as another user"), r::toString);
        assertFalse(Files.exists(run), "nothing bound: no runtime directory");
        Cli.Result both = Cli.exec("daemon", "--user", "nobody", "--stay-root", "--port", "0",
                "--state", dir.resolve("state").toString(), "--runtime", run.toString());
        assertEquals(2, both.code(), both::toString);
        assertTrue(both.err().contains("--stay-root and --user nobody contradict"), both::toString);
    }

    @Test
    void aTakenPortExitsFourNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.exec("daemon", "--port", String.valueOf(taken.getLocalPort()), "--bind", "127.0.0.1",
                    "--state", dir.resolve("state").toString(), "--runtime", dir.resolve("run").toString());
            assertEquals(4, r.code(), r::toString);
            assertTrue(r.err().contains("--port"), r::toString);
            assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("dcom4j: ")).count(), r::toString);
        }
    }
}
