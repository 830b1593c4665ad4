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
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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

    @BeforeEach
    void start() throws IOException {
        server = new RpcServer(RpcServerConfig.defaults());
        server.register(Dcom4jEchoServer.rpcInterface());
        port = server.listen(TcpTransport.loopback(), "0");
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

    private List<String> dcerpcCall(int opnum, byte[] stub) throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import impacket")).exit == 0, "impacket is not importable by " + PYTHON);
        Path script = script();
        assumeTrue(script != null, "shared/interop/dcerpc_call.py not found");
        Result r = run(List.of(PYTHON, script.toString(), "127.0.0.1", port, Dcom4jEcho.INTERFACE_ID.uuid().toString(), "1.0",
                Integer.toString(opnum), Vectors.hex(stub)));
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
