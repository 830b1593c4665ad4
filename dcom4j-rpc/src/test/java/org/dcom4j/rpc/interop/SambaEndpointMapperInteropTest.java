package org.dcom4j.rpc.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.client.EndpointResolver;
import org.dcom4j.rpc.client.EptMapResolver;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.epm.Epm.EptEntry;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeResponse;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.EptMapResponse;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.dcom4j.rpc.epm.Epm.TwrT;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.dcom4j.rpc.epm.Mgmt;
import org.dcom4j.rpc.epm.Mgmt.InqIfIdsResponse;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameRequest;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameResponse;
import org.dcom4j.rpc.epm.Mgmt.InqStatsRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsResponse;
import org.dcom4j.rpc.epm.Mgmt.IsServerListeningResponse;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.epm.TowerFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * dcom4j's client against Samba 4.17's standalone {@code samba-dcerpcd} (started by
 * {@code ../shared/interop/samba_rpc.sh} on a free loopback address, port 135, dynamic ports 50100-50110):
 * ept_lookup (the whole table, paged with the lookup handle), ept_map of lsarpc, a bind to the mapped
 * endpoint, and mgmt on the epmapper endpoint.
 *
 * <p><b>Samba's quirk</b>: Samba answers the ept_lookup call that returns the <em>last</em> entries with
 * status {@code ept_s_not_registered} 0x16c9a0d6 and a NULL handle (Windows says 0 + NULL handle), so the
 * lookup loop here treats 0x16c9a0d6 as "done" when the table was not empty; impacket's {@code hept_lookup}
 * raises on it instead.
 *
 * <p>Samba's mgmt differs from C706 in two places, asserted here: {@code inq_princ_name} (opnum 4) faults
 * {@code nca_s_op_rng_error}, and {@code inq_stats} takes an extra {@code [in] uint32} after
 * {@code max_count} (C706's 4-byte request faults {@code rpc_x_bad_stub_data}); impacket's
 * {@code mgmt.hinq_princ_name} / {@code hinq_stats} get the same faults. Samba's
 * {@code ept_lookup_handle_free} hands the freed handle back unchanged (not NULL); reusing it faults
 * {@code nca_s_fault_context_mismatch}. rpcclient's {@code epmlookup} is run as a cross-check.
 *
 * <p>Skipped (by assumption) when not root (Samba's epmapper insists on port 135) or when
 * {@code /usr/libexec/samba/samba-dcerpcd} (Debian package {@code samba}) is missing. Samba is stopped
 * with {@code samba_rpc.sh stop} in {@link #stopSamba()}; any of its processes still running then is
 * killed by PID.
 */
@Tag("interop")
class SambaEndpointMapperInteropTest {
    private static final String DCERPCD = "/usr/libexec/samba/samba-dcerpcd";
    private static final Path SCRIPT = InteropTools.DIR.resolve("samba_rpc.sh");
    /** lsarpc, served by rpcd_lsad on a dynamic TCP port. */
    private static final InterfaceId LSARPC = new InterfaceId(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0, 0);
    private static final UUID NIL = new UUID(0, 0);
    /** C706 appendix E: a context handle the server does not know. */
    private static final int NCA_S_FAULT_CONTEXT_MISMATCH = 0x1c00001a;

    private static Path dir;
    private static String addr;
    private static Map<String, String> env;
    private static final List<Long> started = new ArrayList<>();
    private static RpcClient client;

    @BeforeAll
    static void startSamba() throws IOException {
        assumeTrue(InteropTools.isRoot(), "not root: samba-dcerpcd's epmapper only listens on port 135");
        assumeTrue(InteropTools.executable(DCERPCD), "no " + DCERPCD + " (Debian package samba)");
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT);
        addr = freeLoopbackAddress();
        dir = Files.createTempDirectory("dcom4j-samba-");
        env = Map.of("ADDR", addr, "PORTS", "50100-50110");
        InteropTools.Result r = InteropTools.run(List.of("sh", SCRIPT.toString(), "start", dir.toString()), env, 20);
        Path pidFile = dir.resolve("samba-dcerpcd.pid");
        if (Files.isRegularFile(pidFile)) {
            started.add(Long.parseLong(Files.readString(pidFile).trim()));
        }
        assertEquals(0, r.exit(), "samba_rpc.sh start: " + r.out() + log());
        assertTrue(r.out().contains(addr + ":135"), r.out());
        client = new RpcClient(RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
                EndpointResolver.explicitOnly());
    }

    @AfterAll
    static void stopSamba() throws IOException {
        if (dir == null) {
            return;
        }
        // The rpcd_* workers are samba-dcerpcd's children: remember them before the parent goes.
        List<Long> tree = new ArrayList<>(started);
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> tree.add(d.pid())));
        }
        InteropTools.Result r = InteropTools.run(List.of("sh", SCRIPT.toString(), "stop", dir.toString()), env, 20);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (long pid : tree) {
            while (InteropTools.running(pid) && System.nanoTime() < deadline) {
                InteropTools.sleep(50);
            }
            ProcessHandle.of(pid).filter(h -> InteropTools.running(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertEquals(0, r.exit(), "samba_rpc.sh stop: " + r.out());
        for (long pid : tree) {
            assertFalse(InteropTools.running(pid), "Samba process " + pid + " survived the stop");
        }
        InteropTools.deleteTree(dir);
    }

    /** 127.0.0.2, or the first 127.0.0.N (N up to 40) where nothing answers on port 135. */
    private static String freeLoopbackAddress() {
        for (int n = 2; n <= 40; n++) {
            String a = "127.0.0." + n;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(a), 135), 300);
            } catch (IOException refused) {
                return a;
            }
        }
        throw new IllegalStateException("port 135 busy on 127.0.0.2..40");
    }

    private static String log() {
        try {
            Path l = dir.resolve("log/log.samba-dcerpcd");
            return Files.isRegularFile(l) ? "\n--- " + l + ":\n" + Files.readString(l) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private RpcBinding epmapper() throws IOException {
        return client.bind("ncacn_ip_tcp:" + addr + "[135]", Epm.INTERFACE);
    }

    /** One ept_lookup entry, decoded. */
    private record Entry(UUID object, Tower tower, String annotation) {
        InterfaceId iface() throws TowerFormatException {
            return tower.interfaceId();
        }
    }

    /** What a lookup loop saw: the entries, the number of calls and the status of the last call. */
    private record Lookup(List<Entry> entries, int calls, int lastStatus) {
    }

    /**
     * The ept_lookup loop: repeat with the returned handle until it is NULL. Status 0 continues;
     * ept_s_not_registered (0x16c9a0d6) ends the loop and counts as success when entries were
     * returned (Samba's last page); any other status fails.
     */
    private static Lookup lookupAll(RpcBinding epm, int inquiry, RpcIfId iface, int versOption, int maxEnts) throws Exception {
        List<Entry> entries = new ArrayList<>();
        ContextHandle handle = ContextHandle.NULL;
        int calls = 0;
        int status;
        while (true) {
            EptLookupResponse r = epm.call(Epm.EPT_LOOKUP, new EptLookupRequest(inquiry, null, iface, versOption, handle, maxEnts),
                    EptLookupResponse.class);
            calls++;
            status = r.status();
            assertTrue(r.numEnts() >= 0 && r.numEnts() <= maxEnts, "num_ents=" + r.numEnts() + ", max_ents=" + maxEnts);
            assertEquals(r.numEnts(), r.entries().size());
            for (EptEntry e : r.entries()) {
                assertNotNull(e.tower(), "entry without a tower: " + e);
                entries.add(new Entry(e.object(), Tower.decode(e.tower().towerOctetString()), e.annotation()));
            }
            handle = r.entryHandle();
            if (status == Epm.EPT_S_NOT_REGISTERED) {
                assertTrue(handle.isNull(), "ept_s_not_registered with a live handle");
                break; // Samba's "that was the last page" (or: nothing matched at all)
            }
            assertEquals(0, status, "ept_lookup status 0x" + Integer.toHexString(status) + " on call " + calls);
            if (handle.isNull()) {
                break; // Windows' "that was the last page"
            }
            assertTrue(calls < 1000, "lookup loop does not end");
        }
        return new Lookup(entries, calls, status);
    }

    private static String describe(Entry e) throws TowerFormatException {
        String ep = e.tower().protocolSequence() == null ? "?" : e.tower().endpoint();
        return e.iface() + " " + e.tower().protocolSequence() + "[" + ep + "] '" + e.annotation() + "'";
    }

    @Test
    void eptLookupListsSambasTableInOneCallEndingWithSambasNotRegisteredStatus() throws Exception {
        try (RpcBinding epm = epmapper()) {
            Lookup all = lookupAll(epm, Epm.RPC_C_EP_ALL_ELTS, null, Epm.RPC_C_VERS_ALL, 500);
            // The quirk this test documents: everything in one reply, status 0x16c9a0d6, NULL handle.
            assertEquals(1, all.calls());
            assertEquals(Epm.EPT_S_NOT_REGISTERED, all.lastStatus(), "Samba 4.17 ends with ept_s_not_registered");
            assertTrue(all.entries().size() >= 10, "entries=" + all.entries().size());
            Set<String> annotations = new HashSet<>();
            boolean epmapperOn135 = false;
            boolean lsarpcOnTcp = false;
            for (Entry e : all.entries()) {
                assertEquals(NIL, e.object(), describe(e));
                assertEquals(Tower.NDR20, e.tower().transferSyntax(), describe(e));
                annotations.add(e.annotation());
                if (e.tower().protocolSequence() == Tower.Protseq.NCACN_IP_TCP) {
                    assertArrayEquals(InetAddress.getByName(addr).getAddress(), e.tower().ipv4Address(), describe(e));
                    int port = Integer.parseInt(e.tower().endpoint());
                    epmapperOn135 |= e.iface().equals(Epm.INTERFACE) && port == 135;
                    if (e.iface().equals(LSARPC)) {
                        lsarpcOnTcp = true;
                        assertTrue(port >= 50100 && port <= 50110, describe(e));
                    }
                }
            }
            assertTrue(annotations.containsAll(List.of("epmapper", "lsarpc", "samr", "winreg")), annotations.toString());
            assertTrue(epmapperOn135, "no epmapper ncacn_ip_tcp[135] entry");
            assertTrue(lsarpcOnTcp, "no lsarpc ncacn_ip_tcp entry");
        }
    }

    @Test
    void eptLookupPagesWithTheHandleAndReturnsTheSameEntries() throws Exception {
        try (RpcBinding epm = epmapper()) {
            Lookup whole = lookupAll(epm, Epm.RPC_C_EP_ALL_ELTS, null, Epm.RPC_C_VERS_ALL, 500);
            Lookup paged = lookupAll(epm, Epm.RPC_C_EP_ALL_ELTS, null, Epm.RPC_C_VERS_ALL, 5);
            assertEquals((whole.entries().size() + 4) / 5, paged.calls(), "pages of 5");
            assertEquals(Epm.EPT_S_NOT_REGISTERED, paged.lastStatus());
            List<String> a = new ArrayList<>();
            for (Entry e : whole.entries()) {
                a.add(describe(e));
            }
            List<String> b = new ArrayList<>();
            for (Entry e : paged.entries()) {
                b.add(describe(e));
            }
            assertEquals(a, b);
            // A handle left open is freed with ept_lookup_handle_free: start a paged lookup, free it.
            EptLookupResponse first = epm.call(Epm.EPT_LOOKUP,
                    new EptLookupRequest(Epm.RPC_C_EP_ALL_ELTS, null, null, Epm.RPC_C_VERS_ALL, ContextHandle.NULL, 1), EptLookupResponse.class);
            assertEquals(0, first.status());
            assertFalse(first.entryHandle().isNull(), "paging handle expected with max_ents 1");
            EptLookupHandleFreeResponse freed = epm.call(Epm.EPT_LOOKUP_HANDLE_FREE, new EptLookupHandleFreeRequest(first.entryHandle()),
                    EptLookupHandleFreeResponse.class);
            assertEquals(0, freed.status());
            // Samba hands the freed handle back unchanged (Windows and dcom4j: a NULL handle), but it is gone:
            // using it again faults nca_s_fault_context_mismatch.
            RpcCallException reuse = assertThrows(RpcCallException.class, () -> epm.call(Epm.EPT_LOOKUP,
                    new EptLookupRequest(Epm.RPC_C_EP_ALL_ELTS, null, null, Epm.RPC_C_VERS_ALL, first.entryHandle(), 1), EptLookupResponse.class));
            assertEquals(NCA_S_FAULT_CONTEXT_MISMATCH, reuse.status(), reuse.getMessage());
            // The association survives the fault.
            assertEquals(whole.entries().size(), lookupAll(epm, Epm.RPC_C_EP_ALL_ELTS, null, Epm.RPC_C_VERS_ALL, 500).entries().size());
        }
    }

    @Test
    void eptLookupByInterfaceFindsOnlyThatInterface() throws Exception {
        try (RpcBinding epm = epmapper()) {
            Lookup lsa = lookupAll(epm, Epm.RPC_C_EP_MATCH_BY_IF, RpcIfId.of(LSARPC), Epm.RPC_C_VERS_EXACT, 500);
            assertFalse(lsa.entries().isEmpty());
            for (Entry e : lsa.entries()) {
                assertEquals(LSARPC, e.iface(), describe(e));
            }
            InterfaceId unknown = new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
            EptLookupResponse none = epm.call(Epm.EPT_LOOKUP, new EptLookupRequest(Epm.RPC_C_EP_MATCH_BY_IF, null, RpcIfId.of(unknown),
                    Epm.RPC_C_VERS_ALL, ContextHandle.NULL, 500), EptLookupResponse.class);
            assertEquals(Epm.EPT_S_NOT_REGISTERED, none.status());
            assertEquals(0, none.numEnts());
            assertTrue(none.entryHandle().isNull());
        }
    }

    @Test
    void eptMapResolvesLsarpcToTheTcpPortTheLookupShows() throws Exception {
        String lookedUp = null;
        try (RpcBinding epm = epmapper()) {
            for (Entry e : lookupAll(epm, Epm.RPC_C_EP_MATCH_BY_IF, RpcIfId.of(LSARPC), Epm.RPC_C_VERS_EXACT, 500).entries()) {
                if (e.tower().protocolSequence() == Tower.Protseq.NCACN_IP_TCP) {
                    lookedUp = e.tower().endpoint();
                }
            }
            assertNotNull(lookedUp, "lsarpc has no ncacn_ip_tcp entry");
            EptMapResponse map = epm.call(Epm.EPT_MAP, new EptMapRequest(NIL, new TwrT(Tower.tcp(LSARPC, 0, new byte[4]).encode()),
                    ContextHandle.NULL, 4), EptMapResponse.class);
            assertEquals(0, map.status(), "ept_map status 0x" + Integer.toHexString(map.status()));
            assertTrue(map.numTowers() >= 1 && map.numTowers() <= 4, "num_towers=" + map.numTowers());
            Tower t = Tower.decode(map.towers().getFirst().towerOctetString());
            assertEquals(LSARPC, t.interfaceId());
            assertEquals(Tower.Protseq.NCACN_IP_TCP, t.protocolSequence());
            assertEquals(lookedUp, t.endpoint());
            assertArrayEquals(InetAddress.getByName(addr).getAddress(), t.ipv4Address());

            // Not registered: status ept_s_not_registered, no towers.
            InterfaceId unknown = new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0);
            EptMapResponse none = epm.call(Epm.EPT_MAP, new EptMapRequest(NIL, new TwrT(Tower.tcp(unknown, 0, new byte[4]).encode()),
                    ContextHandle.NULL, 4), EptMapResponse.class);
            assertEquals(Epm.EPT_S_NOT_REGISTERED, none.status());
            assertEquals(0, none.numTowers());
        }
        // The same through the client's own resolution (EptMapResolver on port 135), then a bind there.
        RpcClient resolving = new RpcClient(client.config(), new EptMapResolver(client.config()));
        try (RpcBinding lsa = resolving.bind("ncacn_ip_tcp:" + addr, LSARPC)) {
            assertTrue(lsa.stringBinding().toString().contains("[" + lookedUp), lsa.stringBinding().toString());
            assertTrue(lsa.maxXmitFrag() >= 2048, "max_xmit_frag=" + lsa.maxXmitFrag());
            // mgmt on that endpoint too (alter_context): rpcd_lsad lists lsarpc among its interfaces.
            RpcBinding mgmt = lsa.forInterface(Mgmt.INTERFACE);
            InqIfIdsResponse ids = NdrCodec.of(InqIfIdsResponse.class).decode(mgmt.call(Mgmt.INQ_IF_IDS, new byte[0]));
            assertEquals(0, ids.status());
            assertTrue(ids.ifIdVector().ifId().contains(RpcIfId.of(LSARPC)), ids.toString());
        }
    }

    /** The account samba_rpc.sh puts in its tdbsam (SMBUSER/SMBPASS defaults). */
    private static final String SAMBA_USER = "root";
    private static final String SAMBA_PASSWORD = "Passw0rd!";

    private RpcBinding authenticated(int level, String password) throws IOException {
        return client.bind("ncacn_ip_tcp:" + addr + "[135]", Mgmt.INTERFACE,
                ClientAuth.ntlm(level, NtlmCredentials.of("", SAMBA_USER, password.toCharArray())));
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthLevel.PKT_INTEGRITY, AuthLevel.PKT_PRIVACY})
    void ourClientAuthenticatesToSambaWithNtlmAndCallsMgmt(int level) throws Exception {
        try (RpcBinding mgmt = authenticated(level, SAMBA_PASSWORD)) {
            // Samba checks our signatures (and decrypts at privacy); we check and decrypt its responses.
            for (int i = 0; i < 3; i++) {
                IsServerListeningResponse listening = NdrCodec.of(IsServerListeningResponse.class)
                        .decode(mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0]));
                assertEquals(0, listening.status());
                assertEquals(1, listening.result());
            }
            InqIfIdsResponse ids = NdrCodec.of(InqIfIdsResponse.class).decode(mgmt.call(Mgmt.INQ_IF_IDS, new byte[0]));
            assertEquals(0, ids.status());
            assertTrue(ids.ifIdVector().ifId().contains(RpcIfId.of(Epm.INTERFACE)), ids.toString());
        }
    }

    @Test
    void sambaRefusesOurClientWithAWrongPassword() throws Exception {
        try (RpcBinding mgmt = authenticated(AuthLevel.PKT_PRIVACY, "wrong-password")) {
            mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0]);
            throw new AssertionError("Samba accepted a wrong password");
        } catch (RpcCallException e) {
            // Samba 4.17 answers the first call after a failed auth3 with nca_s_proto_error (Windows and
            // dcom4j: rpc_s_access_denied) and closes the connection.
            assertEquals(FaultStatus.NCA_S_PROTO_ERROR, e.status(), e.getMessage());
            assertTrue(e.didNotExecute());
        }
    }

    @Test
    void mgmtOnTheEpmapperEndpointAnswers() throws Exception {
        try (RpcBinding epm = epmapper(); RpcBinding mgmt = epm.forInterface(Mgmt.INTERFACE)) {
            IsServerListeningResponse listening = NdrCodec.of(IsServerListeningResponse.class).decode(mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0]));
            assertEquals(0, listening.status());
            assertEquals(1, listening.result());

            InqIfIdsResponse ids = NdrCodec.of(InqIfIdsResponse.class).decode(mgmt.call(Mgmt.INQ_IF_IDS, new byte[0]));
            assertEquals(0, ids.status());
            assertNotNull(ids.ifIdVector());
            List<InterfaceId> served = new ArrayList<>();
            for (RpcIfId id : ids.ifIdVector().ifId()) {
                served.add(id.toInterfaceId());
            }
            assertTrue(served.contains(Epm.INTERFACE), served.toString());

            // inq_stats: Samba's mgmt.idl declares an extra [in] uint32 after max_count, so C706's 4-byte
            // request (ours, and impacket's hinq_stats) does not unmarshal there: rpc_x_bad_stub_data.
            RpcCallException stats = assertThrows(RpcCallException.class,
                    () -> mgmt.call(Mgmt.INQ_STATS, new InqStatsRequest(4), InqStatsResponse.class));
            assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, stats.status(), stats.getMessage());
            // With that extra word the answer is C706's: 4 counters (all 0 here) and status 0.
            InqStatsResponse counters = NdrCodec.of(InqStatsResponse.class).decode(mgmt.call(Mgmt.INQ_STATS, new byte[] {4, 0, 0, 0, 0, 0, 0, 0}));
            assertEquals(4, counters.count());
            assertEquals(4, counters.statistics().length);
            assertEquals(0, counters.status());

            // Samba 4.17 does not implement inq_princ_name on this endpoint: nca_s_op_rng_error, did not execute
            // (impacket's mgmt.hinq_princ_name gets the same fault).
            RpcCallException princ = assertThrows(RpcCallException.class,
                    () -> mgmt.call(Mgmt.INQ_PRINC_NAME, new InqPrincNameRequest(0, 256), InqPrincNameResponse.class));
            assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, princ.status(), princ.getMessage());
            // The association survives the fault: mgmt still answers.
            assertEquals(1, NdrCodec.of(IsServerListeningResponse.class).decode(mgmt.call(Mgmt.IS_SERVER_LISTENING, new byte[0])).result());
        }
    }

    @Test
    void rpcclientsEpmlookupSeesNoTcpEndpointWeMissed() throws Exception {
        assumeTrue(InteropTools.executable("/usr/bin/rpcclient"), "no rpcclient (Debian package smbclient)");
        InteropTools.Result r = InteropTools.run(List.of("/usr/bin/rpcclient", "-N", "ncacn_ip_tcp:" + addr, "-c", "epmlookup"), Map.of(), 20);
        assertEquals(0, r.exit(), r.out());
        // 00000000-... ncacn_ip_tcp:127.0.0.2[50101,abstract_syntax=12345778-1234-abcd-ef00-0123456789ab/0x00000000]: lsarpc
        Matcher m = Pattern.compile("ncacn_ip_tcp:([0-9.]+)\\[(\\d+),abstract_syntax=([0-9a-f-]{36})/0x([0-9a-f]{8})\\]: (\\S+)").matcher(r.out());
        Set<String> theirs = new HashSet<>();
        while (m.find()) {
            int v = Integer.parseUnsignedInt(m.group(4), 16);
            theirs.add(m.group(3) + " v" + (v & 0xFFFF) + "." + (v >>> 16) + " " + m.group(1) + "[" + m.group(2) + "] " + m.group(5));
        }
        assertFalse(theirs.isEmpty(), r.out());
        Set<String> ours = new HashSet<>();
        try (RpcBinding epm = epmapper()) {
            for (Entry e : lookupAll(epm, Epm.RPC_C_EP_ALL_ELTS, null, Epm.RPC_C_VERS_ALL, 500).entries()) {
                if (e.tower().protocolSequence() == Tower.Protseq.NCACN_IP_TCP) {
                    InterfaceId i = e.iface();
                    ours.add(i.uuid() + " v" + i.major() + "." + i.minor() + " "
                            + InetAddress.getByAddress(e.tower().ipv4Address()).getHostAddress() + "[" + e.tower().endpoint() + "] " + e.annotation());
                }
            }
        }
        if (!ours.containsAll(theirs)) {
            Set<String> missing = new HashSet<>(theirs);
            missing.removeAll(ours);
            fail("rpcclient lists TCP endpoints our lookup lacks: " + missing + "\nours: " + ours);
        }
    }
}
