package org.dcom4j.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * impacket (the system's /usr/bin/python3 package) against our code, byte for byte, through
 * {@code src/test/resources/interop/impacket_ntlm.py}: impacket as the client of NtlmServer, and
 * impacket checking NtlmClient's messages and keys the way an acceptor would. Skipped when python3
 * cannot import impacket.
 */
@Tag("interop")
class ImpacketInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void needImpacket() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import impacket.ntlm, Cryptodome.Cipher.ARC4").redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 cannot import impacket");
    }

    /** One running script; lines of hex items. */
    private static final class Peer implements AutoCloseable {
        final Process process;
        final PrintWriter in;
        final BufferedReader out;

        Peer(String... args) throws Exception {
            Path script = Path.of(ImpacketInteropTest.class.getResource("/interop/impacket_ntlm.py").toURI());
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        String[] read() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("impacket script ended early");
            }
            return line.split(" ");
        }

        byte[] readHex() throws IOException {
            return HEX.parseHex(read()[0]);
        }

        void write(byte[]... items) {
            List<String> hex = new ArrayList<>();
            for (byte[] b : items) {
                hex.add(HEX.formatHex(b));
            }
            in.println(String.join(" ", hex));
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** impacket as client: handshake, then its sealed and signed requests, then our sealed answer. */
    private static NtlmAuthentication impacketClient(String user, String password, String domain) throws Exception {
        try (Peer py = new Peer("client", user, password, domain)) {
            NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger());
            py.write(server.challenge(py.readHex()));
            NtlmAuthentication a = server.authenticate(py.readHex());
            NtlmSession s = a.session();
            String[] sealed = py.read();
            byte[] msg = HEX.parseHex(sealed[0]);
            assertTrue(s.unseal(msg, 0, msg.length, 0, msg.length, HEX.parseHex(sealed[1]), 0), "unseal impacket's SEAL");
            assertEquals("request sealed by impacket", new String(msg, StandardCharsets.US_ASCII));
            String[] signed = py.read();
            byte[] msg2 = HEX.parseHex(signed[0]);
            assertTrue(s.verify(msg2, 0, msg2.length, HEX.parseHex(signed[1]), 0), "verify impacket's SIGN");
            byte[] reply = "response sealed by dcom4j".getBytes(StandardCharsets.US_ASCII);
            byte[] sig = new byte[16];
            s.seal(reply, 0, reply.length, 0, reply.length, sig, 0);
            py.write(reply, sig);
            String[] back = py.read();
            assertEquals("response sealed by dcom4j", new String(HEX.parseHex(back[0]), StandardCharsets.US_ASCII));
            assertEquals("ok", back[1], "impacket verifies our signature");
            return a;
        }
    }

    @Test
    void acceptsImpacketAsClientAndExchangesSealedMessages() throws Exception {
        NtlmAuthentication a = impacketClient("alice", "Secret1!", "SERVER");
        assertEquals(Fixtures.ALICE_TOKEN, a.token());
        assertEquals("IMPKT", a.workstation());
    }

    @Test
    void acceptsImpacketWithAnEmptyDomain() throws Exception {
        assertEquals(Fixtures.BOB_TOKEN, impacketClient("BOB", "Password", "").token());
    }

    @Test
    void acceptsImpacketsNullSession() throws Exception {
        assertTrue(impacketClient("", "", "").anonymous());
    }

    @Test
    void refusesImpacketWithAWrongPassword() throws Exception {
        try (Peer py = new Peer("client", "alice", "nope", "SERVER")) {
            NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger());
            py.write(server.challenge(py.readHex()));
            byte[] auth = py.readHex();
            assertEquals(NtlmException.Reason.LOGON_FAILURE, assertThrows(NtlmException.class, () -> server.authenticate(auth)).reason());
            py.process.destroy();
        }
    }

    @Test
    void impacketVerifiesOurClientsProofMicKeysAndSeal() throws Exception {
        try (Peer py = new Peer("server", "Secret1!")) {
            NtlmClient client = new NtlmClient(Fixtures.alice(), "WS1", new ChallengeLedger());
            byte[] neg = client.negotiate();
            byte[] chal = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger()).challenge(neg);
            byte[] auth = client.authenticate(chal);
            py.write(neg);
            py.write(chal);
            py.write(auth);
            assertArrayEquals(new String[] {"proof", "ok"}, py.read());
            assertArrayEquals(new String[] {"mic", "ok"}, py.read());
            byte[] msg = "sealed by NtlmClient".getBytes(StandardCharsets.US_ASCII);
            byte[] sig = new byte[16];
            client.session().seal(msg, 0, msg.length, 0, msg.length, sig, 0);
            assertFalse(new String(msg, StandardCharsets.US_ASCII).contains("NtlmClient"));
            py.write(msg, sig);
            String[] back = py.read();
            assertEquals("sealed by NtlmClient", new String(HEX.parseHex(back[0]), StandardCharsets.US_ASCII));
            assertEquals("ok", back[1]);
        }
    }
}
