package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.rpcss.launcher.LauncherProcess;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 7, faults with real processes killed by SIGKILL ({@link ProcessHandle#destroyForcibly}):
 * a COM server process the launcher started, killed while a call of the client executes in it; and a
 * client process holding an interface pointer, killed, after which the server frees its object once the
 * (shortened) ping timeout has passed — and not before, while the client lives and pings.
 */
class ProcessFaultsEndToEndTest {
    /** The client's call timeout (E2eFixture.clientConfig and the activator's). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** A JVM starting on a loaded machine: how long a child process may take to come up. */
    static final long START_SECONDS = 60;
    /** The shortened ping period of rpcss and the server, the missed pings allowed, and the client's ping period. */
    static final long PING_PERIOD_MS = 500;
    static final int MISSED_PINGS = 2;
    static final long CLIENT_PING_MS = 150;

    @TempDir
    Path tmp;
    E2eFixture f;
    Process child;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    @AfterEach
    void killLeftovers() throws IOException {
        if (child != null) {
            child.destroyForcibly();
        }
        for (Path log : serverLogs()) {
            ProcessHandle.of(pidOf(log)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Registers {@code main} of this test class path as the Calculator's LocalServer32 (the launcher's command). */
    private void registerLocalServer(Class<?> main) {
        String command = Stream.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), main.getName())
                .map(w -> "'" + w + "'").collect(Collectors.joining(" "));
        try (Registry reg = Registry.open(f.state())) {
            ComClasses.register(reg, E2eFixture.ADMIN, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.of(command), Optional.of(CalculatorIds.PROGID)));
        }
    }

    /** The logs of the servers the launcher started ({@code state/logs/PROGID-PID.log}). */
    private List<Path> serverLogs() throws IOException {
        Path logs = f.state().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.filter(p -> p.getFileName().toString().startsWith(CalculatorIds.PROGID + "-")).sorted().toList();
        }
    }

    private static long pidOf(Path log) {
        String name = log.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".log".length()));
    }

    /** Waits (polling, bounded) until {@code log} contains {@code line}. */
    private static void awaitLine(Path log, String line, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readAllLines(log, StandardCharsets.UTF_8).contains(line)) {
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in " + log + ":\n" + Files.readString(log));
            Thread.sleep(20);
        }
    }

    private static Activator remote(Rpcss rpcss) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_PRIVACY))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(START_SECONDS));
    }

    /**
     * The launcher starts {@link StallingCalculatorServerMain} for a remote activation; the client's
     * {@code Add(STALL, 1)} executes in it; the server process is SIGKILLed; the call fails with
     * RPC_E_DISCONNECTED or RPC_S_SERVER_UNAVAILABLE at once (the kernel closes the connection), well
     * within the client's call timeout. A new activation then has the launcher start a new server.
     */
    @Test
    void aLaunchedServerKilledDuringACallGivesTheClientDisconnectedOrServerUnavailableWithinItsTimeout() throws Exception {
        registerLocalServer(StallingCalculatorServerMain.class);
        DcomOptions options = E2eFixture.shortTimeouts().withLaunchTimeout(Duration.ofSeconds(START_SECONDS));
        try (LauncherClient launcher = LauncherProcess.start(f.run(), f.state());
             Rpcss rpcss = f.startRpcss(options.withLauncher(launcher));
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_PRIVACY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
            assertEquals(5, calc.add(2, 3), "a call into the launched server");
            List<Path> logs = serverLogs();
            assertEquals(1, logs.size(), "one server launched: " + logs);
            ProcessHandle server = ProcessHandle.of(pidOf(logs.getFirst())).orElseThrow();
            CompletableFuture<ComException> stalled = CompletableFuture.supplyAsync(() -> {
                try {
                    calc.add(StallingCalculatorServerMain.STALL, 1);
                    return null;
                } catch (ComException e) {
                    return e;
                }
            }, r -> Thread.ofVirtual().start(r));
            awaitLine(logs.getFirst(), StallingCalculatorServerMain.ENTERED, 10);
            long t0 = System.nanoTime();
            assertTrue(server.destroyForcibly(), "SIGKILL sent");
            ComException e = stalled.get(CALL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("killed server: the call failed after " + ms + " ms: "
                    + (e == null ? "no failure" : Hresult.name(e.hresult()) + ": " + e.getMessage()));
            assertTrue(e != null, "the call into the killed server returned normally");
            assertTrue(e.hresult() == Hresult.RPC_E_DISCONNECTED || e.hresult() == Hresult.RPC_S_SERVER_UNAVAILABLE,
                    "HRESULT " + Hresult.name(e.hresult()) + ": " + e.getMessage());
            assertTrue(ms < CALL_TIMEOUT.toMillis(), "the failure took " + ms + " ms, timeout " + CALL_TIMEOUT.toMillis());
            assertTrue(server.onExit().get(10, TimeUnit.SECONDS) != null && !server.isAlive());

            ICalculator again = Com.createInstance(client, ICalculator.CLSID, ICalculator.class, remote(rpcss));
            assertEquals(9, again.add(4, 5), "a new activation after the kill");
            List<Path> after = serverLogs();
            assertEquals(2, after.size(), "a second server launched: " + after);
        }
    }

    /**
     * A client process ({@link PingingClientMain}) activates the Calculator served in this JVM with a ping
     * timeout of {@value #PING_PERIOD_MS} ms × {@value #MISSED_PINGS} and pings every
     * {@value #CLIENT_PING_MS} ms: its object stays exported through several timeouts; SIGKILLed, the
     * object is freed after the timeout (not at once when its connection drops, and within two timeouts plus 2 s).
     */
    @Test
    void aKilledClientsObjectIsFreedAfterThePingTimeoutAndKeptWhileItPings() throws Exception {
        Duration period = Duration.ofMillis(PING_PERIOD_MS);
        long timeoutMs = PING_PERIOD_MS * MISSED_PINGS;
        DcomOptions options = E2eFixture.shortTimeouts().withPing(period, MISSED_PINGS);
        try (Rpcss rpcss = f.startRpcss(options); Registry reg = Registry.open(f.state());
             ComServer srv = f.serverBuilder(reg).register(CalculatorIds.CLSID, Calculator::new).registerWithRpcss(f.run())
                     .pingTimeout(period, MISSED_PINGS).start()) {
            child = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                    PingingClientMain.class.getName(), Integer.toString(rpcss.endpointMapperPort()), "dave", Long.toString(CLIENT_PING_MS))
                    .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("client.err").toFile())).start();
            OutputStream stdin = child.getOutputStream();
            stdin.write((E2eFixture.PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, r -> Thread.ofVirtual().start(r)).get(START_SECONDS, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.startsWith(PingingClientMain.READY),
                    "client: " + ready + "\n" + Files.readString(tmp.resolve("client.err")));
            assertEquals(1, srv.exportedObjects(), "the client's object");

            long alive = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * timeoutMs);
            while (System.nanoTime() < alive) { // observing a steady state: three ping timeouts with pings
                assertEquals(1, srv.exportedObjects(), "freed while the client lives and pings");
                assertTrue(child.isAlive(), "the client exited:\n" + Files.readString(tmp.resolve("client.err")));
                Thread.sleep(50);
            }

            long t0 = System.nanoTime();
            assertTrue(child.toHandle().destroyForcibly(), "SIGKILL sent");
            child.onExit().get(10, TimeUnit.SECONDS);
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(2 * timeoutMs + 2000);
            while (srv.exportedObjects() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("killed client: its object freed after " + ms + " ms (ping timeout " + timeoutMs + " ms)");
            assertEquals(0, srv.exportedObjects(), "not freed " + ms + " ms after the client was killed");
            // The last ping came at most CLIENT_PING_MS before the kill (later under load): half the timeout still tells
            // "freed by the ping timeout" from "freed when the client's connection dropped" (at once).
            assertTrue(ms >= timeoutMs / 2, "freed after " + ms + " ms, long before the ping timeout " + timeoutMs + " ms");
        }
    }
}
