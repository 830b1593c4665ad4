package org.dcom4j.rpcss.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dcom4j.com.ComClient;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch, end to end: Dcom4j.Calculator is registered and not running; a local client activates it;
 * rpcss asks the launcher (a child process, {@link LauncherProcess}), which starts the real
 * {@code CalculatorServer} in its own JVM; the server registers with rpcss and the activation
 * completes and a call reaches it. A second activation reuses the running server.
 */
class LaunchEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void activatingAClassThatIsNotRunningHasTheLauncherStartItsServerOnce() throws Exception {
        Path state = dir.resolve("state");
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String server = Stream.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "org.dcom4j.samples.calculator.CalculatorServer")
                .map(w -> "'" + w + "'").collect(Collectors.joining(" "));
        try (Registry reg = Registry.open(state)) {
            Token admin = LocalAccounts.open(reg).tokenForUid(0);
            DcomConfig.init(reg, admin, DcomProfile.WS2003SP1);
            DcomConfig.registerApplication(reg, admin, CalculatorIds.APPID, CalculatorIds.NAME, null, null);
            ComClasses.register(reg, admin, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.of(server), Optional.of(CalculatorIds.PROGID)));
        }
        List<Path> logs = new ArrayList<>();
        try (LauncherClient launcher = LauncherProcess.start(run, state);
             Rpcss rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, run,
                     DcomOptions.defaults().withLauncher(launcher)))) {
            ActivationResult first = Activator.local(run).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60))
                    .createInstance(CalculatorIds.CLSID, List.of(CalculatorIds.IID_ICALCULATOR));
            logs.addAll(serverLogs(state));
            assertEquals(0, first.hresult(), "activation");
            assertEquals(0, first.hresults()[0], "ICalculator");
            assertEquals(1, logs.size(), "one server started: " + logs);
            try (ComClient client = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(run))) {
                ICalculator calc = client.attach(first.exporterBindings(), first.ipidRemUnknown(), first.objRefs().get(0),
                        ICalculator.class);
                assertEquals(5, calc.add(2, 3), "a call into the launched server");
            }
            ActivationResult second = Activator.local(run).createInstance(CalculatorIds.CLSID, List.of(CalculatorIds.IID_ICALCULATOR));
            assertEquals(0, second.hresult());
            assertEquals(first.oxid(), second.oxid(), "the running server is reused");
            assertEquals(1, serverLogs(state).size(), "no second launch");
        } finally {
            for (Path log : serverLogs(state)) {
                String name = log.getFileName().toString();
                long pid = Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static List<Path> serverLogs(Path state) throws Exception {
        Path logs = state.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.filter(p -> p.getFileName().toString().startsWith(CalculatorIds.PROGID + "-")).sorted().toList();
        }
    }
}
