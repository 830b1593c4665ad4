package org.dcom4j.rpcss.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dcom4j.com.ComClient;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.EptMapResolver;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.PrivilegeDrop;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.samples.AddRequest;
import org.dcom4j.samples.AddResponse;
import org.dcom4j.samples.Dcom4jEcho;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpcss started as root and switched to nobody ({@link DroppedRpcssMain} in a JVM of its own, as the
 * daemon starts it), seen from outside: every thread of that process has nobody's uid and gid,
 * setuid(0) fails and /etc/shadow is unreadable; yet the endpoint mapper answers on its bound port, an
 * NTLM logon is checked against the account store (through the connection opened as root), an account
 * an administrator adds as root afterwards logs on at once, a local activation has the launcher (still
 * root) start the server as its AppID's RunAs user (nobody, through setpriv: only a root launcher can),
 * which rpcss then reaches — and, once an administrator removed RunAs, as root, whose endpoint rpcss
 * reaches too —, and the launcher refuses any uid but nobody's.
 * Skipped when not root.
 */
class PrivilegeDropEndToEndTest {
    static final Token ADMIN = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final String PASSWORD = "Passw0rd!";

    @TempDir
    Path dir;

    @Test
    void rpcssStartedAsRootServesAsNobodyWhileTheLauncherKeepsRoot() throws Exception {
        assumeTrue(PrivilegeDrop.current().euid() == 0, "needs root to drop privileges");
        PrivilegeDrop.Target nobody = PrivilegeDrop.resolve("nobody");
        // nobody must be able to reach the state directory (the account store's permission check stats it).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state");
        Path run = dir.resolve("run");
        // The server and the dropped rpcss (which loads classes after the drop) run as nobody, who may not be able
        // to read this JVM's class path (a checkout under /root or a 0700 directory): a readable copy for both.
        Path readable = RunningObjectTableAsNobodyTest.copyClassPath(dir.resolve("cp"));
        store(state, readable);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = readable.toString();
        Path err = dir.resolve("rpcss.err");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, DroppedRpcssMain.class.getName(),
                state.toString(), run.toString(), "nobody").redirectError(err.toFile()).start();
        try {
            Map<String, String> out = readUntilReady(p, err);
            int epm = Integer.parseInt(out.get("epm"));

            for (String status : taskStatuses(p.pid())) {
                assertTrue(status.contains("\nUid:\t65534\t65534\t65534\t65534\n"), status);
                assertTrue(status.contains("\nGid:\t" + nobody.gid() + "\t" + nobody.gid() + "\t" + nobody.gid() + "\t"
                        + nobody.gid() + "\n"), status);
                assertTrue(status.contains("\nGroups:\t" + nobody.groups().stream().map(String::valueOf)
                        .collect(Collectors.joining(" ")) + " \n"), status);
            }
            assertEquals("-1", out.get("setuid0"), "setuid(0) must fail");
            assertEquals("unreadable", out.get("shadow"));

            // The endpoint mapper on its bound port resolves Dcom4jEcho; the call logs on with NTLM.
            assertEquals(5, echoAdd(epm, "dave", PASSWORD));
            assertThrows(Exception.class, () -> echoAdd(epm, "dave", "wrong"), "a wrong password is refused");
            // An administrator (root) adds an account after the drop: the running rpcss reads it at the next logon.
            try (Registry reg = Registry.open(state); Accounts a = Accounts.open(reg, ADMIN)) {
                a.addUser("frank", PASSWORD.toCharArray());
            }
            assertEquals(5, echoAdd(epm, "frank", PASSWORD));

            // Local activation: rpcss (nobody) asks the launcher (root), which starts the server; rpcss reaches it.
            ActivationResult r = Activator.local(run).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(90))
                    .createInstance(CalculatorIds.CLSID, List.of(CalculatorIds.IID_ICALCULATOR));
            assertEquals(0, r.hresult(), "activation: " + Files.readString(err));
            try (ComClient client = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(run))) {
                ICalculator calc = client.attach(r.exporterBindings(), r.ipidRemUnknown(), r.objRefs().get(0), ICalculator.class);
                assertEquals(5, calc.add(2, 3));
            }
            List<Long> servers = serverPids(state);
            assertEquals(1, servers.size(), servers::toString);
            assertTrue(taskStatuses(servers.getFirst()).getFirst().contains("\nUid:\t65534\t65534\t65534\t65534\n"),
                    "the launcher (root) started the server as the RunAs user nobody");

            // An administrator (root) removes RunAs after the drop: the running daemon's next launch is as the
            // launcher's own user, root, and rpcss (nobody) still reaches that server's ObjectServer endpoint.
            ProcessHandle first = ProcessHandle.of(servers.getFirst()).orElseThrow();
            first.destroy();
            first.onExit().get(30, TimeUnit.SECONDS);
            try (Registry reg = Registry.open(state)) {
                ComClasses.setRunAs(reg, ADMIN, CalculatorIds.APPID, null);
            }
            ActivationResult again = Activator.local(run).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(90))
                    .createInstance(CalculatorIds.CLSID, List.of(CalculatorIds.IID_ICALCULATOR));
            assertEquals(0, again.hresult(), "activation after the change: " + Files.readString(err));
            try (ComClient client = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(run))) {
                assertEquals(9, client.attach(again.exporterBindings(), again.ipidRemUnknown(), again.objRefs().get(0),
                        ICalculator.class).add(4, 5));
            }
            List<Long> now = new ArrayList<>(serverPids(state));
            now.removeAll(servers);
            assertEquals(1, now.size(), now::toString);
            assertTrue(taskStatuses(now.getFirst()).getFirst().contains("\nUid:\t0\t0\t0\t0\n"), "without RunAs: root");
            // This JVM is root, not nobody: the launcher refuses it.
            assertEquals(Hresult.E_ACCESSDENIED, new LauncherClient(run).launch(CalculatorIds.CLSID).hresult());

            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "rpcss did not stop when its stdin closed");
            assertEquals(0, p.exitValue(), Files.readString(err));
            assertFalse(Files.exists(run.resolve(Rpcss.EPM_NCALRPC)), "nobody removed its own socket file");
        } finally {
            p.destroyForcibly();
            for (long pid : serverPids(state)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static void store(Path state, Path serverClassPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = serverClassPath.toString();
        String server = Stream.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "org.dcom4j.samples.calculator.CalculatorServer")
                .map(w -> "'" + w + "'").collect(Collectors.joining(" "));
        try (Registry reg = Registry.open(state)) {
            DcomConfig.init(reg, ADMIN, DcomProfile.WS2003SP1);
            DcomConfig.registerApplication(reg, ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, null, null);
            ComClasses.register(reg, ADMIN, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.of(server), Optional.of(CalculatorIds.PROGID)));
            ComClasses.setRunAs(reg, ADMIN, CalculatorIds.APPID, "nobody");
            try (Accounts a = Accounts.open(reg, ADMIN)) {
                a.addUser("dave", PASSWORD.toCharArray());
            }
        }
    }

    static int echoAdd(int epmPort, String user, String password) throws Exception {
        RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        RpcClient client = new RpcClient(config, new EptMapResolver(config, String.valueOf(epmPort), Rpcss.EPM_NCALRPC));
        ClientAuth auth = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", user, password.toCharArray()));
        try (RpcBinding b = client.bind("ncacn_ip_tcp:127.0.0.1", Dcom4jEcho.INTERFACE_ID, auth)) {
            return b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(2, 3), AddResponse.class).sum();
        }
    }

    /** The child's {@code KEY VALUE} lines up to {@code ready}. */
    static Map<String, String> readUntilReady(Process p, Path err) throws Exception {
        CompletableFuture<Map<String, String>> lines = CompletableFuture.supplyAsync(() -> {
            Map<String, String> m = new HashMap<>();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String l = r.readLine(); l != null && !l.equals("ready"); l = r.readLine()) {
                    int sp = l.indexOf(' ');
                    if (sp > 0) {
                        m.put(l.substring(0, sp), l.substring(sp + 1));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return m;
        });
        Map<String, String> m = lines.get(90, TimeUnit.SECONDS);
        assertTrue(m.containsKey("epm"), () -> "rpcss did not start: " + m + "\n" + read(err));
        return m;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** /proc/PID/task/TID/status of every thread of {@code pid}. */
    private static List<String> taskStatuses(long pid) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    out.add(Files.readString(t.resolve("status")));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        assertFalse(out.isEmpty(), "no threads of " + pid);
        return out;
    }

    private static List<Long> serverPids(Path state) throws Exception {
        Path logs = state.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(CalculatorIds.PROGID + "-"))
                    .map(n -> Long.parseLong(n.substring(n.lastIndexOf('-') + 1, n.length() - 4))).toList();
        }
    }
}
