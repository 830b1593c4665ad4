package org.dcom4j.rpcss.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.dcom4j.com.Hresult;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.security.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end over its real ncalrpc socket: who may call, what it reads from the store,
 * as whom it starts the server and with what environment. Tests that switch users are skipped unless
 * the tests run as root (CI does).
 */
class LauncherTest {
    static final UUID CLSID = UUID.fromString("0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8");
    static final UUID APPID = UUID.fromString("1c2d3e4f-5061-4b72-8c83-a4b5c6d7e8f9");
    static final int NOBODY = 65534;

    @TempDir
    Path dir;

    Path state() {
        return dir.resolve("state");
    }

    Path runtime() {
        return dir.resolve("run");
    }

    /** Registers CLSID with {@code server} (null: none) under APPID with {@code runAs} (null: none). */
    void register(String server, String runAs) {
        try (Registry reg = Registry.open(state())) {
            Token admin = LocalAccounts.open(reg).tokenForUid(0);
            ComClasses.register(reg, admin, new ComClass(CLSID, "Test server", Optional.of(APPID), Optional.ofNullable(server),
                    Optional.of("Dcom4j.LauncherTest")));
            ComClasses.setRunAs(reg, admin, APPID, runAs);
        }
    }

    LauncherMain launcher(int allowedUid) {
        return LauncherMain.start(new LauncherMain.Options(runtime(), state(), allowedUid));
    }

    static int uidOf(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.split("\\s+")[1]);
            }
        }
        throw new AssertionError("no Uid line for pid " + pid);
    }

    static void kill(int pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void startsTheServerWithOnlyRuntimeStateAndAFixedPathInItsEnvironmentAndLogsItsOutput() throws Exception {
        register("/usr/bin/env", null);
        int me = LauncherMain.currentUid();
        try (LauncherMain l = launcher(me)) {
            ServerLauncher.Result r = new LauncherClient(runtime()).launch(CLSID);
            assertTrue(r.started(), r.toString());
            Path log = state().resolve("logs").resolve("Dcom4j.LauncherTest-" + r.pid() + ".log");
            ProcessHandle.of(r.pid()).ifPresent(h -> h.onExit().join());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> env = List.of();
            while (System.nanoTime() < deadline && (env = Files.readAllLines(log, StandardCharsets.UTF_8)).size() < 3) {
                Thread.sleep(20);
            }
            assertEquals(List.of("DCOM4J_RUNTIME=" + runtime().toAbsolutePath(), "DCOM4J_STATE=" + state().toAbsolutePath(),
                    "PATH=" + ServerStarter.PATH), env.stream().sorted().toList());
        }
    }

    @Test
    void keepsItsSocketInADirectoryOnlyItsUserCanEnter() throws Exception {
        register("/bin/sleep 1", null);
        try (LauncherMain l = launcher(LauncherMain.currentUid())) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(l.socketDirectory())));
            assertEquals(runtime().resolve("launcher"), l.socketDirectory());
        }
    }

    @Test
    void refusesACallerWhoseKernelUidIsNotTheDaemons() throws Exception {
        register("/bin/sleep 5", null);
        try (LauncherMain l = launcher(LauncherMain.currentUid() + 1)) {
            ServerLauncher.Result r = new LauncherClient(runtime()).launch(CLSID);
            assertEquals(Hresult.E_ACCESSDENIED, r.hresult(), Hresult.name(r.hresult()));
            assertEquals(0, r.pid());
            assertEquals(Hresult.E_ACCESSDENIED, new LauncherClient(runtime()).abandon((int) ProcessHandle.current().pid()));
            assertFalse(Files.exists(state().resolve("logs")), "nothing was started");
        }
    }

    @Test
    void answersClassNotRegisteredForAnUnknownClassOrOneWithoutLocalServer32() throws Exception {
        try (Registry reg = Registry.open(state())) {
            assertFalse(reg.readOnly());
        }
        try (LauncherMain l = launcher(LauncherMain.currentUid())) {
            assertEquals(Hresult.REGDB_E_CLASSNOTREG, new LauncherClient(runtime()).launch(CLSID).hresult());
            register(null, null);
            assertEquals(Hresult.REGDB_E_CLASSNOTREG, new LauncherClient(runtime()).launch(CLSID).hresult());
        }
    }

    @Test
    void answersServerExecFailureForAProgramThatDoesNotExistOrIsNotAbsolute() throws Exception {
        register("/nonexistent/dcom4j-server --serve", null);
        try (LauncherMain l = launcher(LauncherMain.currentUid())) {
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, new LauncherClient(runtime()).launch(CLSID).hresult());
            register("bin/sleep 5", null);
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, new LauncherClient(runtime()).launch(CLSID).hresult());
            register("'/bin/sleep 5", null);
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, new LauncherClient(runtime()).launch(CLSID).hresult());
        }
    }

    @Test
    void refusesARunAsOfAnotherUserWhenNotRootAndAnUnknownRunAsAlways() {
        register("/bin/sleep 5", null);
        try (Registry reg = Registry.open(state())) {
            ComClass c = ComClasses.find(reg, CLSID).orElseThrow();
            ServerStarter notRoot = new ServerStarter(runtime(), state(), LocalAccounts.Directory.system(), 4242);
            assertEquals(Hresult.CO_E_RUNAS_LOGON_FAILURE, notRoot.start(c, Optional.of("nobody")).hresult());
            ServerStarter root = new ServerStarter(runtime(), state(), LocalAccounts.Directory.system(), 0);
            assertEquals(Hresult.CO_E_RUNAS_LOGON_FAILURE, root.start(c, Optional.of("no-such-user-dcom4j")).hresult());
            assertEquals(Hresult.CO_E_RUNAS_LOGON_FAILURE, root.start(c, Optional.of("Interactive User")).hresult());
            assertEquals(Hresult.CO_E_RUNAS_LOGON_FAILURE, root.start(c, Optional.of("NT AUTHORITY\\LocalService")).hresult());
        }
    }

    @Test
    void asRootStartsTheServerAsTheAppIdsRunAsUserSkippedWhenNotRoot() throws Exception {
        assumeTrue(LauncherMain.currentUid() == 0, "needs root to start a process as another user");
        register("/bin/sleep 5", ".\\nobody"); // the local-account form Windows writes
        try (LauncherMain l = launcher(0)) {
            ServerLauncher.Result r = new LauncherClient(runtime()).launch(CLSID);
            try {
                assertTrue(r.started(), r.toString());
                assertEquals("nobody", r.account());
                // setpriv changes its uid and then execs the server in the same pid: wait for that moment
                long until = System.nanoTime() + 5_000_000_000L;
                while (uidOf(r.pid()) != NOBODY && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertEquals(NOBODY, uidOf(r.pid()), "the process owner");
            } finally {
                kill(r.pid());
            }
        }
    }

    @Test
    void asRootGivesTheSocketToTheAllowedUidSoTheDaemonCanDropPrivilegesSkippedWhenNotRoot() throws Exception {
        assumeTrue(LauncherMain.currentUid() == 0, "needs root to give files away");
        register("/bin/sleep 1", null);
        try (LauncherMain l = launcher(NOBODY)) {
            assertEquals(NOBODY, (int) (Integer) Files.getAttribute(l.socketDirectory(), "unix:uid"));
            assertEquals(NOBODY, (int) (Integer) Files.getAttribute(l.socketDirectory().resolve("dcom4j-launcher"), "unix:uid"));
            // root is not the allowed uid any more: refused by the peer-credential check.
            assertEquals(Hresult.E_ACCESSDENIED, new LauncherClient(runtime()).launch(CLSID).hresult());
        }
    }

    @Test
    void runsAsAChildProcessThatTheClientStopsOnClose() throws Exception {
        register("/bin/sleep 5", null);
        LauncherClient client = LauncherProcess.start(runtime(), state());
        ProcessHandle child = client.process().orElseThrow();
        ServerLauncher.Result r;
        try (client) {
            assertTrue(child.isAlive());
            r = client.launch(CLSID);
            assertTrue(r.started(), r.toString());
            assertEquals(LauncherMain.currentUid(), uidOf(r.pid()));
        }
        child.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(child.isAlive(), "the launcher stopped with its client");
        assertTrue(ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false), "servers outlive the launcher");
        kill(r.pid());
    }

    @Test
    void refusesToAbandonAProcessItDidNotStartOrThatAlreadyExitedAndSignalsNothing() throws Exception {
        register("/bin/true", null);
        Process foreign = new ProcessBuilder("/bin/sleep", "30").start();
        try (LauncherMain l = launcher(LauncherMain.currentUid())) {
            LauncherClient client = new LauncherClient(runtime());
            assertEquals(Hresult.E_INVALIDARG, client.abandon(Math.toIntExact(foreign.pid())), "a pid the launcher did not start");
            assertEquals(Hresult.E_INVALIDARG, client.abandon((int) ProcessHandle.current().pid()), "the test JVM itself");
            ServerLauncher.Result exited = client.launch(CLSID);
            assertTrue(exited.started(), exited.toString());
            ProcessHandle.of(exited.pid()).ifPresent(h -> h.onExit().join());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int h;
            while ((h = client.abandon(exited.pid())) != Hresult.E_INVALIDARG && System.nanoTime() < deadline) {
                Thread.sleep(20); // the launcher forgets the server when it sees the exit
            }
            assertEquals(Hresult.E_INVALIDARG, h, "a server it started that has exited");
            assertFalse(foreign.waitFor(ServerStarter.ABANDON_GRACE_MILLIS + 500, TimeUnit.MILLISECONDS),
                    "neither SIGTERM nor the later SIGKILL reached the foreign process");
            assertTrue(ProcessHandle.current().isAlive());
        } finally {
            foreign.destroyForcibly();
        }
    }

    @Test
    void abandonTerminatesAServerItStartedAndItsChildrenEvenWhenTheyIgnoreSigterm() throws Exception {
        register("/bin/sh -c \"trap '' TERM; /bin/sleep 30 & wait\"", null);
        try (LauncherMain l = launcher(LauncherMain.currentUid())) {
            LauncherClient client = new LauncherClient(runtime());
            ServerLauncher.Result r = client.launch(CLSID);
            assertTrue(r.started(), r.toString());
            ProcessHandle server = ProcessHandle.of(r.pid()).orElseThrow();
            List<ProcessHandle> children = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((children = server.descendants().toList()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // until the shell has forked its sleep
            }
            assertEquals(1, children.size(), "the server's child: " + children);
            try {
                assertEquals(Hresult.S_OK, client.abandon(r.pid()));
                server.onExit().get(ServerStarter.ABANDON_GRACE_MILLIS + 5000, TimeUnit.MILLISECONDS);
                children.getFirst().onExit().get(ServerStarter.ABANDON_GRACE_MILLIS + 5000, TimeUnit.MILLISECONDS);
            } finally {
                children.forEach(ProcessHandle::destroyForcibly);
                kill(r.pid());
            }
        }
    }
}
