package org.dcom4j.rpcss.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.rpcss.launcher.LauncherProcess;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 items 4 and 5 around a launch: Launch permission is checked only when a server must be
 * started (Activate on every activation), and a server the launcher started that never registers its
 * class objects fails the activation with CO_E_SERVER_EXEC_FAILURE after the launch timeout, and the
 * launcher then terminates it (rpcss's Abandon).
 */
class LaunchPolicyEndToEndTest {
    /** Execute and activate (local and remote) for Everyone, but no launch right (COM_RIGHTS_EXECUTE_LOCAL/REMOTE). */
    static final String ACTIVATE_ONLY = "O:BAG:BAD:(A;;CCSWRP;;;WD)";

    @TempDir
    Path tmp;

    private static Activator remote(Rpcss rpcss) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY));
    }

    @Test
    void launchPermissionIsCheckedOnlyWhenAServerMustBeStarted() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, ACTIVATE_ONLY);
        AtomicInteger launches = new AtomicInteger();
        ServerLauncher counting = clsid -> {
            launches.incrementAndGet();
            return new ServerLauncher.Result(0, "", Hresult.CO_E_SERVER_EXEC_FAILURE);
        };
        try (Rpcss rpcss = f.startRpcss(E2eFixture.shortTimeouts().withLauncher(counting)); Registry reg = Registry.open(f.state());
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ComException e = assertThrows(ComException.class, () -> remote(rpcss).createInstance(CalculatorIds.CLSID,
                    List.of(CalculatorIds.IID_ICALCULATOR)));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), "no launch right, not running: " + Hresult.name(e.hresult()));
            assertEquals(0, launches.get(), "the launcher is not asked for a caller without the launch right");

            try (ComServer srv = f.startCalculator(reg)) {
                ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
                assertEquals(5, calc.add(2, 3), "running: Activate suffices");
            }

            DcomConfig.registerApplication(reg, E2eFixture.ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, E2eFixture.EVERYONE_ALL, null);
            ComException failed = assertThrows(ComException.class, () -> remote(rpcss).createInstance(CalculatorIds.CLSID,
                    List.of(CalculatorIds.IID_ICALCULATOR)));
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, failed.hresult(), Hresult.name(failed.hresult()));
            assertEquals(1, launches.get(), "with the launch right, the launcher is asked");
        }
    }

    @Test
    void aLaunchedServerThatNeverRegistersFailsTheActivationAfterTheLaunchTimeoutAndIsTerminated() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, E2eFixture.EVERYONE_ALL);
        Path sleep = Stream.of("/bin/sleep", "/usr/bin/sleep").map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow();
        try (Registry reg = Registry.open(f.state())) {
            ComClasses.register(reg, E2eFixture.ADMIN, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.of(sleep + " 30"), Optional.of(CalculatorIds.PROGID)));
        }
        Duration launchTimeout = Duration.ofMillis(1500);
        try (LauncherClient launcher = LauncherProcess.start(f.run(), f.state());
             Rpcss rpcss = f.startRpcss(E2eFixture.shortTimeouts().withLaunchTimeout(launchTimeout).withLauncher(launcher))) {
            long t0 = System.nanoTime();
            ComException e = assertThrows(ComException.class, () -> remote(rpcss).createInstance(CalculatorIds.CLSID,
                    List.of(CalculatorIds.IID_ICALCULATOR)));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(Hresult.CO_E_SERVER_EXEC_FAILURE, e.hresult(), Hresult.name(e.hresult()) + ": " + e.getMessage());
            assertTrue(ms >= launchTimeout.toMillis() && ms < launchTimeout.toMillis() + 3000,
                    "failed after " + ms + " ms, launch timeout " + launchTimeout.toMillis() + " ms");
            List<Long> pids = launchedPids(f);
            assertEquals(1, pids.size(), "the launcher did start the program");
            Optional<ProcessHandle> started = ProcessHandle.of(pids.getFirst());
            if (started.isPresent()) {
                try {
                    started.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException left) {
                    fail("the server pid " + pids.getFirst() + " still runs 10 s after the activation failed");
                }
            }
            assertFalse(started.map(ProcessHandle::isAlive).orElse(false), "the launcher terminated the abandoned server");
        } finally {
            for (long pid : launchedPids(f)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static List<Long> launchedPids(E2eFixture f) throws java.io.IOException {
        Path logs = f.state().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(CalculatorIds.PROGID + "-") && n.endsWith(".log"))
                    .map(n -> Long.parseLong(n.substring(n.lastIndexOf('-') + 1, n.length() - ".log".length()))).toList();
        }
    }
}
