package org.dcom4j.rpc.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.client.EndpointResolver;
import org.dcom4j.rpc.client.EptMapResolver;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.epm.EndpointMapper;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeResponse;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.EptMapResponse;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.dcom4j.rpc.epm.Epm.TwrT;
import org.dcom4j.rpc.epm.Mgmt;
import org.dcom4j.rpc.epm.Mgmt.InqIfIdsResponse;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameRequest;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameResponse;
import org.dcom4j.rpc.epm.Mgmt.InqStatsRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsResponse;
import org.dcom4j.rpc.epm.Mgmt.IsServerListeningResponse;
import org.dcom4j.rpc.epm.MgmtHandler;
import org.dcom4j.rpc.epm.RpcStatistics;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.transport.TcpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A capture (dumpcap on {@code lo}, capture filter {@code tcp port P}) of dcom4j's client and of
 * impacket 0.10.0 ({@code ../shared/interop/epm_lookup.py}) talking to a dcom4j {@link RpcServer} that
 * serves the endpoint mapper, mgmt and a raw echo interface on TCP port P must decode in tshark with no
 * malformed PDU and no expert error ({@code ../shared/interop/tshark_check.sh PCAP P}), and tshark must
 * have dissected the epm and mgmt stubs (so the malformed count covers them).
 *
 * <p>Traffic: dcom4j binds epm, ept_lookup (all in one call, paged by 1 with the handle, by interface,
 * nothing matching), ept_map (found, not registered), ept_lookup_handle_free, alter_context to mgmt
 * (inq_if_ids, is_server_listening, inq_stats, inq_princ_name); then resolves the echo interface through
 * {@link EptMapResolver} and calls it with a 9000-byte stub in 2048-byte fragments both ways. impacket runs
 * {@code hept_lookup}, its paged lookup loop and {@code hept_map}.
 *
 * <p>Skipped (by assumption) when capture is impossible: not root, or no {@code /usr/bin/dumpcap} /
 * {@code /usr/bin/tshark} (Debian package {@code tshark}); the impacket part needs
 * {@code /usr/bin/python3} with impacket (Debian {@code python3-impacket}) and is left out without it.
 * dumpcap is stopped by PID; the capture is deleted unless {@code -Ddcom4j.interop.keep=true}.
 */
@Tag("interop")
class TsharkCaptureInteropTest {
    private static final InterfaceId ECHO = new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
    private static final Pattern COUNTS = Pattern.compile("pdus=(\\d+) malformed=(\\d+) expert_errors=(\\d+) frames=(\\d+)");

    private RpcServer server;
    private int port;
    private Path dir;
    private Process dumpcap;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(InteropTools.isRoot(), "not root: cannot capture on lo");
        assumeTrue(InteropTools.executable("/usr/bin/dumpcap") && InteropTools.executable("/usr/bin/tshark"),
                "no dumpcap/tshark (Debian package tshark)");
        assumeTrue(Files.isRegularFile(InteropTools.DIR.resolve("tshark_check.sh")), "no tshark_check.sh in " + InteropTools.DIR);
        EndpointMapper mapper = new EndpointMapper();
        server = new RpcServer(RpcServerConfig.defaults(), org.dcom4j.rpc.CallerTokens.ANONYMOUS,
                org.dcom4j.rpc.RpcSecurity.defaults().withPolicy((id, declared) -> declared.withAllowAnonymous(true))
                        .withAccounts((domain, user) -> user.equalsIgnoreCase(USER)
                                ? java.util.Optional.of(new org.dcom4j.ntlm.NtlmAccount(USER, org.dcom4j.ntlm.NtHash.of(PASSWORD.toCharArray()),
                                        org.dcom4j.security.Token.of("alice", org.dcom4j.security.Sid.of(5, 21, 1, 2, 3, 1000), List.of())))
                                : java.util.Optional.empty()));
        server.register(mapper.rpcInterface());
        server.register(new MgmtHandler(mapper::interfaces, RpcStatistics.NONE).rpcInterface());
        server.register(new RpcInterface(ECHO, 1, (ctx, opnum, stub) -> stub));
        port = Integer.parseInt(server.listen(TcpTransport.loopback(), "0"));
        byte[] lo = {127, 0, 0, 1};
        mapper.register(Epm.INTERFACE, null, Tower.tcp(Epm.INTERFACE, port, lo), "");
        mapper.register(ECHO, null, Tower.tcp(ECHO, port, lo), "Dcom4jEcho");
        mapper.register(ECHO, null, Tower.ncalrpc(ECHO, "dcom4j-echo"), "Dcom4jEcho");
        mapper.register(Mgmt.INTERFACE, UUID.fromString("6e4f3a00-0000-4000-8000-00000000d4c0"), Tower.tcp(Mgmt.INTERFACE, port, lo), "mgmt with an object");
        dir = Files.createTempDirectory("dcom4j-capture-");
    }

    @AfterEach
    void tearDown() {
        if (dumpcap != null) {
            InteropTools.destroyTree(dumpcap.toHandle());
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            InteropTools.deleteTree(dir);
        }
    }

    @Test
    void dcom4jAndImpacketSessionsDecodeInTsharkWithoutMalformedPdus() throws Exception {
        Path pcap = dir.resolve("epm.pcapng");
        startCapture(pcap);
        dcom4jSessions();
        boolean impacket = InteropTools.run(List.of("/usr/bin/python3", "-c", "import impacket"), Map.of(), 20).exit() == 0;
        if (impacket) {
            impacketSessions();
        }
        stopCapture();

        InteropTools.Result check = InteropTools.run(List.of("sh", InteropTools.DIR.resolve("tshark_check.sh").toString(), pcap.toString(),
                Integer.toString(port)), Map.of("VERBOSE", "1"), 60);
        System.out.println("tshark_check.sh (impacket " + (impacket ? "included" : "NOT available") + "): " + check.out().strip());
        Matcher m = COUNTS.matcher(check.out());
        assertTrue(m.find(), check.out());
        int pdus = Integer.parseInt(m.group(1));
        assertEquals(0, Integer.parseInt(m.group(2)), "malformed: " + check.out());
        assertEquals(0, Integer.parseInt(m.group(3)), "expert errors: " + check.out());
        // Every PDU sent is in the capture. dcom4j: 3 binds, 1 alter_context and 16 single-fragment calls
        // (ept_lookup 1 + 4 pages + 3, handle_free, ept_map 2 + the resolver's, mgmt 4), each with its
        // answer (40), plus the 9000-byte echo in 5 fragments each way (10): 50 PDUs.
        // impacket: 3 binds and 1 + 4 + 1 calls, each with its answer: 18 PDUs.
        assertEquals(impacket ? 68 : 50, pdus, "PDUs in the capture: " + check.out());
        assertEquals(0, check.exit(), check.out());

        // tshark dissected the stubs, not just the headers: epm and mgmt operations are recognised.
        assertTrue(countFrames(pcap, "epm") >= 10, "epm frames");
        assertTrue(countFrames(pcap, "mgmt") >= 8, "mgmt frames");
        // and it reassembled the fragmented echo call both ways
        assertTrue(countFrames(pcap, "dcerpc.fragment.count >= 5") >= 2, "reassembled echo");
    }

    static final String USER = "alice";
    static final String PASSWORD = "Passw0rd!";

    /**
     * NTLM at integrity and privacy, from dcom4j's client and from impacket: given the password, tshark
     * decrypts the sealed stubs and dissects them (mgmt operations are recognised inside sealed PDUs),
     * with no malformed PDU and no expert error.
     *
     * <p>tshark 4.0.17 flags a sealed request whose stub is <em>empty</em> (frag_length 48, nothing to
     * decrypt) as malformed — impacket's identical PDU too, and Samba pads such a stub the same way (to
     * 0 bytes), so it is the dissector's limit, not the PDU's. It flags impacket's sealed requests whose
     * stub needs padding too (impacket pads to 4 bytes with 0xbb; Windows, Samba and dcom4j pad to 16, which
     * tshark decodes). Sealed calls here carry a stub, impacket's a 16-byte one; empty ones run at
     * integrity, where nothing is decrypted.
     */
    @Test
    void ntlmSignedAndSealedSessionsDecodeInTsharkGivenThePassword() throws Exception {
        Path pcap = dir.resolve("ntlm.pcapng");
        startCapture(pcap);
        RpcClient client = new RpcClient(RpcClientConfig.defaults().withMaxFrag(2048).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                EndpointResolver.explicitOnly());
        for (int level : new int[] {org.dcom4j.rpc.auth.AuthLevel.PKT_INTEGRITY, org.dcom4j.rpc.auth.AuthLevel.PKT_PRIVACY}) {
            org.dcom4j.rpc.auth.ClientAuth auth = org.dcom4j.rpc.auth.ClientAuth.ntlm(level,
                    org.dcom4j.ntlm.NtlmCredentials.of("", USER, PASSWORD.toCharArray()));
            try (RpcBinding mgmt = client.bind("ncacn_ip_tcp:127.0.0.1[" + port + "]", Mgmt.INTERFACE, auth)) {
                if (level == org.dcom4j.rpc.auth.AuthLevel.PKT_INTEGRITY) {
                    InqIfIdsResponse ids = NdrCodec.of(InqIfIdsResponse.class).decode(mgmt.call(Mgmt.INQ_IF_IDS, new byte[0]));
                    assertEquals(0, ids.status());
                    assertEquals(new IsServerListeningResponse(0, 1),
                            NdrCodec.of(IsServerListeningResponse.class).decode(mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0])));
                }
                assertEquals(4, mgmt.call(Mgmt.INQ_STATS, new InqStatsRequest(4), InqStatsResponse.class).count());
                assertEquals(0, mgmt.call(Mgmt.INQ_PRINC_NAME, new InqPrincNameRequest(0, 256), InqPrincNameResponse.class).status());
                RpcBinding echo = mgmt.forInterface(ECHO);
                byte[] stub = new byte[5000];
                java.util.Arrays.fill(stub, (byte) 0x5a);
                assertArrayEquals(stub, echo.call(0, stub)); // fragmented both ways, each fragment signed or sealed
            }
        }
        boolean impacket = InteropTools.run(List.of("/usr/bin/python3", "-c", "import impacket"), Map.of(), 20).exit() == 0;
        if (impacket) {
            for (String level : List.of("integrity", "privacy")) {
                InteropTools.Result r = InteropTools.run(List.of("/usr/bin/python3", InteropTools.DIR.resolve("dcerpc_call.py").toString(),
                        "127.0.0.1", Integer.toString(port), ECHO.uuid().toString(), "1.0", "0", "0102030405060708090a0b0c0d0e0f10", level, USER, PASSWORD),
                        Map.of(), 30);
                assertTrue(r.out().contains("RESPONSE ") && r.out().contains("SERVER_VERIFIER ok"), r.out());
            }
        }
        stopCapture();

        InteropTools.Result check = InteropTools.run(List.of("sh", InteropTools.DIR.resolve("tshark_check.sh").toString(), pcap.toString(),
                Integer.toString(port)), Map.of("VERBOSE", "1", "NTLM_PASSWORD", PASSWORD), 60);
        System.out.println("tshark_check.sh NTLM (impacket " + (impacket ? "included" : "NOT available") + "): " + check.out().strip());
        Matcher m = COUNTS.matcher(check.out());
        assertTrue(m.find(), check.out());
        assertEquals(0, Integer.parseInt(m.group(2)), "malformed: " + check.out());
        assertEquals(0, Integer.parseInt(m.group(3)), "expert errors: " + check.out());
        assertEquals(0, check.exit(), check.out());
        // tshark saw the handshakes and, with the password, the operations inside the sealed stubs
        assertTrue(countFrames(pcap, "ntlmssp.messagetype == 3") >= (impacket ? 4 : 2), "AUTHENTICATE messages");
        assertTrue(countFrames(pcap, "mgmt.opnum == 4 && mgmt.princ_size == 256 && dcerpc.auth_level == 6",
                "ntlmssp.nt_password:" + PASSWORD) >= 1, "a sealed inq_princ_name request dissected after decryption");
    }

    private int countFrames(Path pcap, String filter, String... preferences) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/tshark", "-n", "-r", pcap.toString(), "-d", "tcp.port==" + port + ",dcerpc"));
        for (String p : preferences) {
            cmd.addAll(List.of("-o", p));
        }
        cmd.addAll(List.of("-Y", filter, "-T", "fields", "-e", "frame.number"));
        InteropTools.Result r = InteropTools.run(cmd, Map.of(), 60);
        assertEquals(0, r.exit(), r.out());
        return (int) r.out().lines().filter(l -> !l.isBlank()).count();
    }

    private void startCapture(Path pcap) throws IOException, InterruptedException {
        // -q: no packet counts; the "Capturing on" line on stderr says the filter is installed.
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/dumpcap", "-q", "-i", "lo", "-f", "tcp port " + port, "-w", pcap.toString())
                .redirectErrorStream(true);
        dumpcap = pb.start();
        dumpcap.getOutputStream().close();
        CountDownLatch capturing = new CountDownLatch(1);
        StringBuilder out = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(dumpcap.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    if (line.startsWith("Capturing on")) {
                        capturing.countDown();
                    }
                }
            } catch (IOException ignored) {
                // dumpcap ended
            }
        });
        boolean started = capturing.await(10, TimeUnit.SECONDS);
        Thread.sleep(200); // the filter is attached when the line is printed; a little margin all the same
        synchronized (out) {
            assumeTrue(started || dumpcap.isAlive(), "dumpcap cannot capture on lo here: " + out);
            assertTrue(started, "dumpcap did not start capturing: " + out);
        }
    }

    private void stopCapture() throws InterruptedException {
        // dumpcap reads libpcap's ring in blocks retired every 250 ms or so, and on SIGTERM it writes what it
        // has read but drops what is still in the ring: give it time to take the last segments (a 300 ms
        // wait lost PDUs here once).
        Thread.sleep(1500);
        dumpcap.destroy(); // SIGTERM: dumpcap writes what it has read and closes the file
        assertTrue(dumpcap.waitFor(10, TimeUnit.SECONDS), "dumpcap did not stop");
    }

    private void dcom4jSessions() throws Exception {
        RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        RpcClient client = new RpcClient(config, EndpointResolver.explicitOnly());
        try (RpcBinding epm = client.bind("ncacn_ip_tcp:127.0.0.1[" + port + "]", Epm.INTERFACE)) {
            EptLookupResponse all = lookup(epm, Epm.RPC_C_EP_ALL_ELTS, null, ContextHandle.NULL, 500);
            assertEquals(4, all.numEnts());
            assertEquals(0, all.status());
            assertTrue(all.entryHandle().isNull());
            // paged by one, following the handle
            ContextHandle h = ContextHandle.NULL;
            int seen = 0;
            do {
                EptLookupResponse page = lookup(epm, Epm.RPC_C_EP_ALL_ELTS, null, h, 1);
                assertEquals(0, page.status());
                seen += page.numEnts();
                h = page.entryHandle();
            } while (!h.isNull());
            assertEquals(4, seen);
            assertEquals(2, lookup(epm, Epm.RPC_C_EP_MATCH_BY_IF, RpcIfId.of(ECHO), ContextHandle.NULL, 500).numEnts());
            InterfaceId unknown = new InterfaceId(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0, 0);
            assertEquals(Epm.EPT_S_NOT_REGISTERED, lookup(epm, Epm.RPC_C_EP_MATCH_BY_IF, RpcIfId.of(unknown), ContextHandle.NULL, 500).status());
            // a handle left open, then freed
            EptLookupResponse open = lookup(epm, Epm.RPC_C_EP_ALL_ELTS, null, ContextHandle.NULL, 1);
            assertFalse(open.entryHandle().isNull());
            EptLookupHandleFreeResponse freed = epm.call(Epm.EPT_LOOKUP_HANDLE_FREE, new EptLookupHandleFreeRequest(open.entryHandle()),
                    EptLookupHandleFreeResponse.class);
            assertEquals(0, freed.status());
            // ept_map: found, and not registered
            EptMapResponse map = epm.call(Epm.EPT_MAP, new EptMapRequest(new UUID(0, 0), new TwrT(Tower.tcp(ECHO, 0, new byte[4]).encode()),
                    ContextHandle.NULL, 4), EptMapResponse.class);
            assertEquals(0, map.status());
            assertEquals(Integer.toString(port), Tower.decode(map.towers().getFirst().towerOctetString()).endpoint());
            EptMapResponse none = epm.call(Epm.EPT_MAP, new EptMapRequest(new UUID(0, 0), new TwrT(Tower.tcp(unknown, 0, new byte[4]).encode()),
                    ContextHandle.NULL, 4), EptMapResponse.class);
            assertEquals(Epm.EPT_S_NOT_REGISTERED, none.status());

            // mgmt on the same association (alter_context)
            RpcBinding mgmt = epm.forInterface(Mgmt.INTERFACE);
            InqIfIdsResponse ids = NdrCodec.of(InqIfIdsResponse.class).decode(mgmt.call(Mgmt.INQ_IF_IDS, new byte[0]));
            assertEquals(0, ids.status());
            assertTrue(ids.ifIdVector().ifId().contains(RpcIfId.of(ECHO)));
            IsServerListeningResponse listening = NdrCodec.of(IsServerListeningResponse.class).decode(mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0]));
            assertEquals(new IsServerListeningResponse(0, 1), listening);
            InqStatsResponse stats = mgmt.call(Mgmt.INQ_STATS, new InqStatsRequest(4), InqStatsResponse.class);
            assertEquals(4, stats.count());
            InqPrincNameResponse princ = mgmt.call(Mgmt.INQ_PRINC_NAME, new InqPrincNameRequest(0, 256), InqPrincNameResponse.class);
            assertEquals(0, princ.status());
            assertArrayEquals(new byte[1], princ.princName());
        }
        // Resolution through the endpoint mapper on our port, then a fragmented call both ways.
        RpcClientConfig small = config.withMaxFrag(2048);
        RpcClient resolving = new RpcClient(small, new EptMapResolver(small, Integer.toString(port), EptMapResolver.DEFAULT_NCALRPC_ENDPOINT));
        try (RpcBinding echo = resolving.bind("ncacn_ip_tcp:127.0.0.1", ECHO)) {
            byte[] stub = new byte[9000];
            for (int i = 0; i < stub.length; i++) {
                stub[i] = (byte) (i * 31);
            }
            assertArrayEquals(stub, echo.call(0, stub));
        }
    }

    private static EptLookupResponse lookup(RpcBinding epm, int inquiry, RpcIfId iface, ContextHandle h, int max) throws IOException {
        return epm.call(Epm.EPT_LOOKUP, new EptLookupRequest(inquiry, null, iface, Epm.RPC_C_VERS_ALL, h, max), EptLookupResponse.class);
    }

    private void impacketSessions() throws IOException {
        String script = InteropTools.DIR.resolve("epm_lookup.py").toString();
        List<String> base = List.of("/usr/bin/python3", script, "127.0.0.1", Integer.toString(port), "--timeout", "10");
        List<List<String>> runs = List.of(List.of("--impacket"), List.of("--max-ents", "1"), List.of("--map", ECHO.uuid().toString(), "1.0"));
        List<String> expected = List.of("TOTAL 4 entries (impacket hept_lookup)", "TOTAL 4 entries in 4 ept_lookup call(s); last status 0x00000000",
                "-> ncacn_ip_tcp:127.0.0.1[" + port + "]");
        for (int i = 0; i < runs.size(); i++) {
            List<String> cmd = new ArrayList<>(base);
            cmd.addAll(runs.get(i));
            InteropTools.Result r = InteropTools.run(cmd, Map.of(), 30);
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains(expected.get(i)), r.out());
        }
    }
}
