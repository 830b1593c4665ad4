package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.epm.EndpointMapper;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rpcdump} and {@code rpc call} against a real machine service ({@link Rpcss}) started in
 * this JVM on a dynamic port, with a temporary state and runtime directory: one service for the class.
 */
class RpcCommandsTest {
    private static final String ECHO = "3baeb06b-ae30-4a06-932c-4ec77578e619";
    private static final String ADD_2_3 = "0200000003000000";

    @TempDir
    static Path dir;

    private static Rpcss rpcss;
    private static String run;

    @BeforeAll
    static void start() {
        // A store prepared as an administrator would, so nothing depends on the Unix user running the tests.
        try (Registry reg = Registry.open(dir.resolve("state"))) {
            Token admin = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
            DcomConfig.init(reg, admin, DcomProfile.DEFAULT);
            try (org.dcom4j.config.Accounts accounts = org.dcom4j.config.Accounts.open(reg, admin)) {
                accounts.addUser("gina", "Gina-pw1".toCharArray());
            }
        }
        rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, dir.resolve("state"), dir.resolve("run")));
        run = dir.resolve("run").toString();
    }

    @AfterAll
    static void stop() {
        if (rpcss != null) {
            rpcss.close();
        }
    }

    private static String epm() {
        return "127.0.0.1:" + rpcss.endpointMapperPort();
    }

    @Test
    void rpcdumpListsBothBindingsOfTheSampleOverTcp() {
        Cli.Result r = Cli.exec("rpcdump", epm());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Endpoint mapper: ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]"), r::toString);
        assertTrue(r.out().contains("Protocol:   Dcom4jEcho: the dcom4j sample\nUUID:       " + ECHO + " v1.0\n"
                + "Annotation: \"Dcom4jEcho sample\"\nBindings:\n"
                + "          ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]\n"
                + "          ncalrpc:[dcom4j-echo]\n"), r::toString);
        assertTrue(r.out().endsWith("\n2 endpoints, 1 interface.\n"), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void rpcdumpOfAnEmptyTableExitsZero() throws Exception {
        try (RpcServer server = new RpcServer(RpcServerConfig.defaults(), org.dcom4j.rpc.CallerTokens.ANONYMOUS,
                org.dcom4j.rpc.RpcSecurity.defaults().withPolicy((id, declared) -> declared.withAllowAnonymous(true)))) {
            server.register(new EndpointMapper().rpcInterface());
            String port = server.listen(TcpTransport.loopback(), "0");
            Cli.Result r = Cli.exec("rpcdump", "127.0.0.1:" + port);
            assertEquals(0, r.code(), r::toString);
            assertEquals("Endpoint mapper: ncacn_ip_tcp:127.0.0.1[" + port + "]\n\n0 endpoints, 0 interfaces.\n", r.out());
        }
    }

    @Test
    void towersOfOtherProtocolsPrintAsStringBindings() throws Exception {
        InterfaceId lsa = new InterfaceId(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0, 0);
        Tower tcp = Tower.tcp(lsa, 49664, new byte[] {10, 0, 0, 7});
        List<Tower.Floor> f = tcp.floors();
        Tower np = new Tower(List.of(f.get(0), f.get(1), f.get(2),
                new Tower.Floor(new byte[] {0x0f}, "\\PIPE\\lsass\0".getBytes(StandardCharsets.US_ASCII)),
                new Tower.Floor(new byte[] {0x11}, "\\\\DC1\0".getBytes(StandardCharsets.US_ASCII))));
        UUID obj = UUID.fromString("6b1f3c2a-0f7e-4d7a-9c41-2f5e8a9d1b30");
        assertEquals("ncacn_ip_tcp:10.0.0.7[49664]", TowerText.binding(tcp, new UUID(0, 0), "h"));
        assertEquals(obj + "@ncacn_ip_tcp:10.0.0.7[49664]", TowerText.binding(tcp, obj, "h"));
        assertEquals("ncacn_ip_tcp:h[135]", TowerText.binding(Tower.tcp(lsa, 135, new byte[4]), null, "h"));
        assertEquals("ncacn_np:\\\\DC1[\\PIPE\\lsass]", TowerText.binding(np, null, "h"));
        assertEquals("[MS-LSAD] lsarpc", KnownInterfaces.name(lsa.uuid()));
        assertEquals("N/A", KnownInterfaces.name(new UUID(1, 2)));
    }

    @Test
    void rpcdumpOverNcalrpcInTheRuntimeDirectory() {
        for (String[] args : new String[][] {{"rpcdump", "--ncalrpc", "--runtime", run}, {"rpcdump", "local", "--runtime", run}}) {
            Cli.Result r = Cli.exec(args);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().startsWith("Endpoint mapper: ncalrpc:[epmapper]\n"), r::toString);
            assertTrue(r.out().contains("          ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]\n"), r::toString);
            assertTrue(r.out().contains("          ncalrpc:[dcom4j-echo]\n"), r::toString);
        }
    }

    @Test
    void rpcCallAddOverTcpWithAnExplicitPort() {
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]", ECHO, "1.0", "1", ADD_2_3);
        assertEquals(0, r.code(), r::toString);
        assertEquals("RESPONSE 0500000000000000\n", r.out());
    }

    private static Cli.Result withStdin(String input, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return Cli.exec(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void rpcCallAuthenticatesWithNtlmAtEveryLevelTheUserAsks() {
        String binding = "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]";
        for (String level : List.of("connect", "integrity", "privacy")) {
            Cli.Result r = withStdin("Gina-pw1\n", "rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--user", "gina",
                    "--password-stdin", "--auth-level", level);
            assertEquals(0, r.code(), r::toString);
            assertEquals("RESPONSE 0500000000000000\n", r.out());
        }
        Cli.Result wrong = withStdin("nope\n", "rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--user", ".\\gina", "--password-stdin");
        assertEquals(1, wrong.code(), wrong::toString);
        assertEquals("FAULT 0x00000005 rpc_s_access_denied\n", wrong.out());
        Cli.Result anonymous = Cli.exec("rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--auth-level", "privacy");
        assertEquals(0, anonymous.code(), "anonymous NTLM reaches the sample, which admits anonymous callers: " + anonymous);
        Cli.Result bad = Cli.exec("rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--user", "gina", "--auth-level", "none");
        assertEquals(2, bad.code(), bad::toString);
        assertEquals(2, Cli.exec("rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--auth-level", "secret").code());
    }

    @Test
    void rpcCallAddOverTcpResolvedThroughTheEndpointMapper() {
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1", ECHO, "1.0", "1", ADD_2_3,
                "--epm-port", String.valueOf(rpcss.endpointMapperPort()));
        assertEquals(0, r.code(), r::toString);
        assertEquals("RESPONSE 0500000000000000\n", r.out());
    }

    @Test
    void rpcCallAddOverNcalrpcNamedAndResolved() {
        for (String binding : List.of("ncalrpc:[dcom4j-echo]", "ncalrpc:")) {
            Cli.Result r = Cli.exec("rpc", "call", binding, ECHO, "1.0", "1", ADD_2_3, "--runtime", run);
            assertEquals(0, r.code(), r::toString);
            assertEquals("RESPONSE 0500000000000000\n", r.out());
        }
    }

    @Test
    void rpcCallWithAnObjectUuidAndTheEchoOperation() {
        // Echo(n=3, data=ab cd ef): [in] n, then the conformant array (max_count 3, 3 bytes).
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]", ECHO, "1.0", "0",
                "03000000 03000000 abcdef", "--object", "6b1f3c2a-0f7e-4d7a-9c41-2f5e8a9d1b30");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("RESPONSE ") && r.out().contains("abcdef"), r::toString);
    }

    @Test
    void anOpnumOutOfRangeIsAFaultWithItsName() {
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]", ECHO, "1.0", "3", "");
        assertEquals(1, r.code(), r::toString);
        assertEquals("FAULT 0x1c010002 nca_s_op_rng_error\n", r.out());
    }

    @Test
    void anUnknownVersionIsABindRejectionNamingTheReason() {
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]", ECHO, "2.0", "1", ADD_2_3);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().startsWith("BIND_REJECTED ") && r.out().contains("abstract_syntax_not_supported"), r::toString);
        assertEquals(1, r.outLines().size(), r::toString);
    }

    @Test
    void anUnregisteredInterfaceIsNamedByTheEndpointMapper() {
        Cli.Result r = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1", "00000000-1111-2222-3333-444444444444", "1.0", "0", "",
                "--epm-port", String.valueOf(rpcss.endpointMapperPort()));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("endpoint not registered") && r.err().contains("ept_s_not_registered"), r::toString);
    }

    @Test
    void anUnreachableEndpointMapperExitsFourWithTheHint() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        Cli.Result r = Cli.exec("rpcdump", "127.0.0.1:" + free);
        assertEquals(4, r.code(), r::toString);
        assertEquals("dcom4j: cannot reach the endpoint mapper at 127.0.0.1:" + free
                + ": connection refused — is the daemon running? (./dcom4j daemon)\n", r.err());
        assertEquals("", r.out());

        Cli.Result call = Cli.exec("rpc", "call", "ncacn_ip_tcp:127.0.0.1", ECHO, "1.0", "1", ADD_2_3, "--epm-port", String.valueOf(free));
        assertEquals(4, call.code(), call::toString);
        assertTrue(call.err().startsWith("dcom4j: cannot reach the endpoint mapper at 127.0.0.1:" + free + ": connection refused"), call::toString);

        Cli.Result local = Cli.exec("rpcdump", "--ncalrpc", "--runtime", dir.resolve("nothing-here").toString());
        assertEquals(4, local.code(), local::toString);
        assertTrue(local.err().contains("no socket file there — is the daemon running?"), local::toString);
    }

    @Test
    void badInputExitsTwo() {
        String tcp = "ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]";
        for (String[] args : new String[][] {
                {"rpc", "call", tcp, "3baeb06b-ae30-4a06-932c", "1.0", "1", ADD_2_3},
                {"rpc", "call", tcp, ECHO, "1", "1", ADD_2_3},
                {"rpc", "call", tcp, ECHO, "1.70000", "1", ADD_2_3},
                {"rpc", "call", tcp, ECHO, "1.0", "1", "02x0"},
                {"rpc", "call", tcp, ECHO, "1.0", "1", "020"},
                {"rpc", "call", tcp, ECHO, "1.0", "70000", ADD_2_3},
                {"rpc", "call", tcp, ECHO, "1.0", "1", ADD_2_3, "--object", "nope"},
                {"rpc", "call", "ncacn_ip_tcp:127.0.0.1[", ECHO, "1.0", "1", ADD_2_3},
                {"rpc", "call", "ncacn_np:host[\\pipe\\x]", ECHO, "1.0", "1", ADD_2_3},
                {"rpc", "call", tcp, ECHO, "1.0", "1", ADD_2_3, "--timeout", "0"},
                {"rpcdump"},
                {"rpcdump", "127.0.0.1:99999"}}) {
            Cli.Result r = Cli.exec(args);
            assertEquals(2, r.code(), () -> String.join(" ", args) + "\n" + r);
            assertEquals(1, r.errLines().size(), () -> String.join(" ", args) + "\n" + r);
            assertEquals("", r.out(), () -> String.join(" ", args) + "\n" + r);
        }
    }
}
