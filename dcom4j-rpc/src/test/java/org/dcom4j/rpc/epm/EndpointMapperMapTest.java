package org.dcom4j.rpc.epm;

import static org.dcom4j.rpc.epm.Calls.assertFault;
import static org.dcom4j.rpc.epm.Calls.call;
import static org.dcom4j.rpc.epm.Calls.local;
import static org.dcom4j.rpc.epm.Calls.remote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.epm.Epm.EptDeleteRequest;
import org.dcom4j.rpc.epm.Epm.EptEntry;
import org.dcom4j.rpc.epm.Epm.EptInqObjectRequest;
import org.dcom4j.rpc.epm.Epm.EptInsertRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.EptMapResponse;
import org.dcom4j.rpc.epm.Epm.EptMgmtDeleteRequest;
import org.dcom4j.rpc.epm.Epm.StatusResponse;
import org.dcom4j.rpc.epm.Epm.TwrT;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ept_map matching, ept_insert / ept_delete / ept_mgmt_delete rights, ept_inq_object, malformed stubs. */
class EndpointMapperMapTest {
    private static final InterfaceId ECHO_1_2 = new InterfaceId(TowerTest.ECHO, 1, 2);
    private static final UUID OBJ = UUID.fromString("0b1ec700-0000-0000-0000-000000000003");
    private static final byte[] IP = {127, 0, 0, 1};

    private EndpointMapper mapper;
    private RpcHandler epm;

    @BeforeEach
    void setUp() {
        mapper = new EndpointMapper();
        epm = mapper.rpcInterface().handler();
        mapper.register(ECHO_1_2, null, Tower.ncalrpc(ECHO_1_2, "echo"), "Dcom4jEcho");
        mapper.register(ECHO_1_2, null, Tower.tcp(ECHO_1_2, 5000, IP), "Dcom4jEcho");
        mapper.register(ECHO_1_2, null, Tower.tcp(ECHO_1_2, 5001, IP), "Dcom4jEcho");
    }

    private EptMapResponse map(UUID object, Tower tower, ContextHandle h, int max) throws RpcFaultException {
        return call(epm, remote(3), Epm.EPT_MAP, new EptMapRequest(object, new TwrT(tower.encode()), h, max), EptMapResponse.class);
    }

    private static Tower tower(TwrT t) throws TowerFormatException {
        return Tower.decode(t.towerOctetString());
    }

    @Test
    void mapsHeptMapsRequestToTheRegisteredTcpTowers() throws Exception {
        EptMapResponse r = map(new UUID(0, 0), Tower.tcp(TowerTest.ECHO_1_0, 0, new byte[4]), ContextHandle.NULL, 4);
        assertEquals(0, r.status());
        assertTrue(r.entryHandle().isNull());
        assertEquals(List.of("5000", "5001"), List.of(tower(r.towers().get(0)).endpoint(), tower(r.towers().get(1)).endpoint()));
    }

    @Test
    void mapsTheNcalrpcProtocolToNcalrpcTowersOnly() throws Exception {
        EptMapResponse r = map(null, Tower.ncalrpc(new InterfaceId(TowerTest.ECHO, 1, 0), ""), ContextHandle.NULL, 4);
        assertEquals(1, r.numTowers());
        assertEquals("echo", tower(r.towers().get(0)).endpoint());
    }

    @Test
    void respectsMaxTowersAndContinuesWithAHandle() throws Exception {
        Tower want = Tower.tcp(TowerTest.ECHO_1_0, 0, new byte[4]);
        EptMapResponse r = map(null, want, ContextHandle.NULL, 1);
        assertEquals(1, r.numTowers());
        assertFalse(r.entryHandle().isNull());
        r = map(null, want, r.entryHandle(), 1);
        assertEquals("5001", tower(r.towers().get(0)).endpoint());
        assertTrue(r.entryHandle().isNull());
        assertEquals(0, r.status());
    }

    @Test
    void answersNotRegisteredForAnotherMajorAHigherMinorOrAnUnknownInterface() throws RpcFaultException {
        for (InterfaceId id : List.of(new InterfaceId(TowerTest.ECHO, 2, 0), new InterfaceId(TowerTest.ECHO, 1, 3),
                new InterfaceId(UUID.randomUUID(), 1, 0))) {
            EptMapResponse r = map(null, Tower.tcp(id, 0, new byte[4]), ContextHandle.NULL, 1);
            assertEquals(Epm.EPT_S_NOT_REGISTERED, r.status(), id::toString);
            assertTrue(r.entryHandle().isNull());
            assertEquals(0, r.numTowers());
        }
    }

    @Test
    void prefersTheObjectsEntriesAndFallsBackToNilObjectOnes() throws Exception {
        mapper.register(ECHO_1_2, OBJ, Tower.tcp(ECHO_1_2, 6000, IP), "object");
        Tower want = Tower.tcp(TowerTest.ECHO_1_0, 0, new byte[4]);
        assertEquals("6000", tower(map(OBJ, want, ContextHandle.NULL, 4).towers().get(0)).endpoint());
        assertEquals(1, map(OBJ, want, ContextHandle.NULL, 4).numTowers());
        assertEquals(2, map(UUID.randomUUID(), want, ContextHandle.NULL, 4).numTowers(), "fallback to nil-object entries");
        assertEquals(2, map(null, want, ContextHandle.NULL, 4).numTowers());
    }

    @Test
    void refusesALookupHandleInEptMap() throws RpcFaultException {
        ContextHandle h = call(epm, remote(3), Epm.EPT_LOOKUP, new EptLookupRequest(0, null, null, 1, ContextHandle.NULL, 1),
                Epm.EptLookupResponse.class).entryHandle();
        RpcFaultException e = assertThrows(RpcFaultException.class,
                () -> map(null, Tower.tcp(TowerTest.ECHO_1_0, 0, new byte[4]), h, 1));
        assertEquals(EndpointMapper.NCA_S_FAULT_CONTEXT_MISMATCH, e.status());
    }

    @Test
    void faultsOnAMalformedMapTowerOrAMissingOne() {
        byte[] bad = Calls.encode(new EptMapRequest(null, new TwrT(new byte[] {9, 0, 1, 0}), ContextHandle.NULL, 1));
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, epm, remote(3), Epm.EPT_MAP, bad);
        byte[] none = Calls.encode(new EptMapRequest(null, null, ContextHandle.NULL, 1));
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, epm, remote(3), Epm.EPT_MAP, none);
    }

    @Test
    void faultsOnStubsThatDoNotDecode() {
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, epm, remote(3), Epm.EPT_LOOKUP, new byte[7]);
        byte[] lying = EpmVectors.load("ept-map-request-impacket");
        lying[24] = (byte) 0xff; // tower_length 75 -> 0xff while max_count says 75
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, epm, remote(3), Epm.EPT_MAP, lying);
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, epm, remote(3), Epm.EPT_INSERT, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
    }

    @Test
    void answersRandomStubsWithAResponseOrAFaultOnly() {
        java.util.Random random = new java.util.Random(593);
        byte[][] seeds = {EpmVectors.load("ept-map-request-impacket"), EpmVectors.load("ept-lookup-request-both-impacket")};
        for (int i = 0; i < 5_000; i++) {
            byte[] stub = seeds[i % 2].clone();
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                stub[random.nextInt(stub.length)] = (byte) random.nextInt(256);
            }
            int opnum = random.nextInt(Epm.OPERATION_COUNT);
            try {
                epm.call(Calls.ctx(org.dcom4j.security.Distance.LOCAL, 3), opnum, stub);
            } catch (RpcFaultException expected) {
                // a fault PDU is a fine answer
            }
        }
    }

    private static EptEntry entry(UUID object, Tower t, String annotation) {
        return new EptEntry(object, new TwrT(t.encode()), annotation);
    }

    @Test
    void insertsAndDeletesOnlyForLocalCallers() throws RpcFaultException {
        InterfaceId other = new InterfaceId(UUID.randomUUID(), 3, 1);
        EptInsertRequest insert = new EptInsertRequest(1, List.of(entry(new UUID(0, 0), Tower.tcp(other, 7000, IP), "inserted")), 0);
        assertEquals(Epm.ACCESS_DENIED, call(epm, remote(3), Epm.EPT_INSERT, insert, StatusResponse.class).status());
        assertEquals(3, mapper.entries().size());
        assertEquals(0, call(epm, local(), Epm.EPT_INSERT, insert, StatusResponse.class).status());
        assertEquals("inserted", mapper.entries().get(3).annotation());

        EptDeleteRequest delete = new EptDeleteRequest(1, insert.entries());
        assertEquals(Epm.ACCESS_DENIED, call(epm, remote(3), Epm.EPT_DELETE, delete, StatusResponse.class).status());
        assertEquals(0, call(epm, local(), Epm.EPT_DELETE, delete, StatusResponse.class).status());
        assertEquals(3, mapper.entries().size());
        assertEquals(Epm.EPT_S_NOT_REGISTERED, call(epm, local(), Epm.EPT_DELETE, delete, StatusResponse.class).status());
    }

    @Test
    void insertWithReplaceSupersedesTheSameInterfaceObjectAndProtocol() throws RpcFaultException {
        EptInsertRequest insert = new EptInsertRequest(1, List.of(entry(new UUID(0, 0), Tower.tcp(ECHO_1_2, 7000, IP), "new port")), 1);
        assertEquals(0, call(epm, local(), Epm.EPT_INSERT, insert, StatusResponse.class).status());
        assertEquals(List.of("ncalrpc echo", "tcp 7000"), mapper.entries().stream().map(e -> {
            try {
                return (e.tower().protocolSequence() == Tower.Protseq.NCALRPC ? "ncalrpc " : "tcp ") + e.tower().endpoint();
            } catch (TowerFormatException x) {
                throw new AssertionError(x);
            }
        }).toList());
    }

    @Test
    void refusesToInsertAnEntryWhoseTowerDoesNotDecode() throws RpcFaultException {
        EptInsertRequest insert = new EptInsertRequest(1, List.of(new EptEntry(new UUID(0, 0), new TwrT(new byte[] {1, 0}), "")), 0);
        assertEquals(Epm.EPT_S_INVALID_ENTRY, call(epm, local(), Epm.EPT_INSERT, insert, StatusResponse.class).status());
        assertEquals(3, mapper.entries().size());
    }

    @Test
    void mgmtDeleteIsLocalOnlyAndMatchesTheTower() throws RpcFaultException {
        EptMgmtDeleteRequest r = new EptMgmtDeleteRequest(0, null, new TwrT(Tower.tcp(ECHO_1_2, 5000, IP).encode()));
        assertEquals(Epm.ACCESS_DENIED, call(epm, remote(3), Epm.EPT_MGMT_DELETE, r, StatusResponse.class).status());
        assertEquals(0, call(epm, local(), Epm.EPT_MGMT_DELETE, r, StatusResponse.class).status());
        assertEquals(2, mapper.entries().size());
    }

    @Test
    void answersInqObjectAsWindowsDoes() throws RpcFaultException {
        assertEquals(Epm.EPT_S_CANT_PERFORM_OP,
                call(epm, remote(3), Epm.EPT_INQ_OBJECT, new EptInqObjectRequest(OBJ), StatusResponse.class).status());
    }

    @Test
    void refusesRegistrationsItCannotServe() {
        InterfaceId other = new InterfaceId(UUID.randomUUID(), 1, 0);
        assertThrows(IllegalArgumentException.class, () -> mapper.register(other, null, Tower.tcp(ECHO_1_2, 1, IP), ""));
        assertThrows(IllegalArgumentException.class, () -> mapper.register(ECHO_1_2, null, Tower.tcp(ECHO_1_2, 1, IP), "x".repeat(64)));
        assertTrue(mapper.unregister(ECHO_1_2, null, Tower.tcp(ECHO_1_2, 5000, IP)));
        assertFalse(mapper.unregister(ECHO_1_2, null, Tower.tcp(ECHO_1_2, 5000, IP)));
    }
}
