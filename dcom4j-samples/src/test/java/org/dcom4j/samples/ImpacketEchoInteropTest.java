package org.dcom4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * impacket 0.10.0 (Debian python3-impacket) calls Dcom4jEcho through {@code shared/interop/dcerpc_call.py}
 * at auth level none. Skipped when {@code /usr/bin/python3 -c 'import impacket'} fails or the script is
 * not found next to the repository ({@code ../shared/interop}, or {@code -Ddcom4j.interop.dir=DIR}).
 */
@Tag("interop")
class ImpacketEchoInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private RpcServer server;
    private String port;

    static final String USER = "alice";
    static final String PASSWORD = "Passw0rd!";
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        byte[] hash = NtHash.of(PASSWORD.toCharArray());
        Token alice = Token.of("DCOM4JTEST\\alice", Sid.of(5, 21, 1, 2, 3, 1000),
                List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
        RpcSecurity security = RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> user.equalsIgnoreCase(USER) ? Optional.of(new NtlmAccount(USER, hash, alice)) : Optional.empty())
                .withEvents(events::add);
        server = new RpcServer(RpcServerConfig.defaults(), CallerTokens.ANONYMOUS, security);
        server.register(Dcom4jEchoServer.rpcInterface());
        port = server.listen(TcpTransport.loopback(), "0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "integrity", "privacy"})
    void impacketAuthenticatesWithNtlmAndGetsTheSum(String level) throws Exception {
        List<String> out = dcerpcCall(1, Vectors.load("add_request.impacket"), level, USER, PASSWORD);
        assertTrue(out.contains("RESPONSE " + Vectors.hex(Vectors.load("add_response"))), String.join("\n", out));
        if (!level.equals("connect")) {
            // dcerpc_call.py checks our response verifiers with its own RC4 state and sequence numbers
            assertTrue(out.contains("SERVER_VERIFIER ok"), String.join("\n", out));
        }
        assertTrue(events.isEmpty(), events.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"integrity", "privacy"})
    void impacketWithAWrongPasswordIsRefused(String level) throws Exception {
        List<String> out = dcerpcCall(1, Vectors.load("add_request.impacket"), level, USER, "wrong");
        assertTrue(lastLine(out).startsWith("FAULT 0x00000005"), String.join("\n", out));
        assertEquals(SecurityEvent.LOGON_FAILURE, events.getFirst().eventId());
    }

    @Test
    void impacketWithNtlmV1IsRefused() throws Exception {
        List<String> out = dcerpcCall(1, Vectors.load("add_request.impacket"), "integrity", USER, PASSWORD, "--ntlmv1");
        assertTrue(lastLine(out).startsWith("FAULT 0x00000005"), String.join("\n", out));
        assertEquals("NTLMV1_REFUSED", events.getFirst().fields().get("reason"));
    }

    @Test
    void impacketAnonymousNtlmReachesTheEchoSampleWhichOptsIn() throws Exception {
        List<String> out = dcerpcCall(1, Vectors.load("add_request.impacket"), "integrity", "", "");
        assertTrue(out.contains("RESPONSE " + Vectors.hex(Vectors.load("add_response"))), String.join("\n", out));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void impacketGetsTheSumOfTwoAndThree() throws Exception {
        assertEquals("RESPONSE " + Vectors.hex(Vectors.load("add_response")), lastLine(dcerpcCall(1, Vectors.load("add_request.impacket"))));
    }

    @Test
    void impacketGetsItsFiveBytesEchoed() throws Exception {
        assertEquals("RESPONSE 05000000010203040500000000000000", lastLine(dcerpcCall(0, Vectors.load("echo_request_n5.impacket"))));
    }

    @Test
    void impacketSeesTheNdrFaultForABadStub() throws Exception {
        String last = lastLine(dcerpcCall(0, Vectors.hex("05000000 06000000 0102030405")));
        assertTrue(last.startsWith("FAULT 0x000006f7"), last);
    }

    private List<String> dcerpcCall(int opnum, byte[] stub, String... auth) throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import impacket")).exit == 0, "impacket is not importable by " + PYTHON);
        Path script = script();
        assumeTrue(script != null, "shared/interop/dcerpc_call.py not found");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "127.0.0.1", port,
                Dcom4jEcho.INTERFACE_ID.uuid().toString(), "1.0", Integer.toString(opnum), Vectors.hex(stub)));
        command.addAll(List.of(auth));
        Result r = run(command);
        return r.lines;
    }

    private static Path script() {
        String configured = System.getProperty("dcom4j.interop.dir");
        if (configured != null) {
            Path p = Path.of(configured, "dcerpc_call.py");
            return Files.isRegularFile(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/interop/dcerpc_call.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String lastLine(List<String> lines) {
        return lines.isEmpty() ? "" : lines.getLast();
    }

    private record Result(int exit, List<String> lines) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, List.of(e.toString()));
        }
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            lines.add("TIMEOUT");
        }
        return new Result(p.exitValue(), lines);
    }
}
