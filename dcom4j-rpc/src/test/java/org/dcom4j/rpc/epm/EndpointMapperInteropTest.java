package org.dcom4j.rpc.epm;

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
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * impacket 0.10.0 (through {@code ../shared/interop/epm_lookup.py}) lists and resolves endpoints
 * served by {@link EndpointMapper} on a real {@link RpcServer}. Skipped when {@code /usr/bin/python3}
 * cannot import impacket or the script is absent.
 */
@Tag("interop")
class EndpointMapperInteropTest {
    private static final Path SCRIPT = Path.of(System.getProperty("dcom4j.interop.dir", "../shared/interop"), "epm_lookup.py");
    private static final InterfaceId ECHO = TowerTest.ECHO_1_0;
    private static RpcServer server;
    private static String port;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT);
        assumeTrue(run(List.of("/usr/bin/python3", "-c", "import impacket")).exit == 0, "impacket not importable by /usr/bin/python3");
        EndpointMapper mapper = new EndpointMapper();
        server = new RpcServer(RpcServerConfig.defaults());
        server.register(mapper.rpcInterface());
        server.register(new MgmtHandler(mapper::interfaces, RpcStatistics.NONE).rpcInterface());
        port = server.listen(TcpTransport.loopback(), "0");
        mapper.register(ECHO, null, Tower.tcp(ECHO, Integer.parseInt(port), new byte[] {127, 0, 0, 1}), "Dcom4jEcho");
        mapper.register(ECHO, null, Tower.ncalrpc(ECHO, "dcom4j-echo"), "Dcom4jEcho");
        mapper.register(Epm.INTERFACE, null, Tower.tcp(Epm.INTERFACE, Integer.parseInt(port), new byte[] {127, 0, 0, 1}), "");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void impacketsHeptLookupListsEveryEndpoint() throws IOException {
        Result r = epm("--impacket");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("TOTAL 3 entries (impacket hept_lookup)"), r.out);
        assertTrue(r.out.contains("ncacn_ip_tcp:127.0.0.1[" + port + "]"), r.out);
        assertTrue(r.out.contains("ncalrpc:[dcom4j-echo]"), r.out);
    }

    @Test
    void theLookupLoopPagesAndImpacketWouldAcceptTheReplies() throws IOException {
        Result all = epm();
        assertEquals(0, all.exit, all.out);
        assertTrue(all.out.contains("TOTAL 3 entries in 1 ept_lookup call(s); last status 0x00000000; impacket hept_lookup compatible: yes"),
                all.out);
        Result paged = epm("--max-ents", "1");
        assertEquals(0, paged.exit, paged.out);
        assertTrue(paged.out.contains("TOTAL 3 entries in 3 ept_lookup call(s); last status 0x00000000"), paged.out);
    }

    @Test
    void impacketsHeptMapResolvesTheTcpEndpoint() throws IOException {
        Result r = epm("--map", ECHO.uuid().toString(), "1.0");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("-> ncacn_ip_tcp:127.0.0.1[" + port + "]"), r.out);
        Result none = epm("--map", "12345678-1234-abcd-ef00-0123456789ab", "1.0");
        assertEquals(1, none.exit, none.out);
        assertTrue(none.out.toLowerCase().contains("16c9a0d6") || none.out.contains("ept_s_not_registered")
                || none.out.contains("ERROR"), none.out);
    }

    private Result epm(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString(), "127.0.0.1", port, "--timeout", "10"));
        cmd.addAll(List.of(extra));
        return run(cmd);
    }

    private record Result(int exit, String out) {
    }

    private static Result run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }
}
