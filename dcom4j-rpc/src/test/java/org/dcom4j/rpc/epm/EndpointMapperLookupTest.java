package org.dcom4j.rpc.epm;

import static org.dcom4j.rpc.epm.Calls.call;
import static org.dcom4j.rpc.epm.Calls.remote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeResponse;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ept_lookup semantics: inquiry types, version options, paging, handles. */
class EndpointMapperLookupTest {
    private static final UUID A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    private static final UUID B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000002");
    private static final UUID OBJ = UUID.fromString("0b1ec700-0000-0000-0000-000000000003");
    private static final byte[] IP = {127, 0, 0, 1};

    private EndpointMapper mapper;
    private RpcHandler epm;

    @BeforeEach
    void setUp() {
        mapper = new EndpointMapper(3, 5);
        epm = mapper.rpcInterface().handler();
        register(new InterfaceId(A, 1, 0), null, 1000, "A 1.0");
        register(new InterfaceId(A, 1, 2), null, 1001, "A 1.2");
        register(new InterfaceId(A, 2, 0), null, 1002, "A 2.0");
        register(new InterfaceId(A, 0, 5), OBJ, 1003, "A 0.5 obj");
        register(new InterfaceId(B, 1, 0), OBJ, 1004, "B 1.0 obj");
    }

    private void register(InterfaceId id, UUID object, int port, String annotation) {
        mapper.register(id, object, Tower.tcp(id, port, IP), annotation);
    }

    private EptLookupResponse lookup(int inquiry, UUID object, InterfaceId ifId, int vers, ContextHandle h, int max, int group)
            throws RpcFaultException {
        return call(epm, remote(group), Epm.EPT_LOOKUP,
                new EptLookupRequest(inquiry, object, ifId == null ? null : RpcIfId.of(ifId), vers, h, max), EptLookupResponse.class);
    }

    private List<String> annotations(int inquiry, UUID object, InterfaceId ifId, int vers) throws RpcFaultException {
        EptLookupResponse r = lookup(inquiry, object, ifId, vers, ContextHandle.NULL, 500, 7);
        if (r.status() == Epm.EPT_S_NOT_REGISTERED) {
            assertEquals(0, r.numEnts());
            assertTrue(r.entryHandle().isNull());
            return List.of();
        }
        assertEquals(0, r.status());
        assertTrue(r.entryHandle().isNull(), "everything fits: NULL handle");
        return r.entries().stream().map(Epm.EptEntry::annotation).toList();
    }

    @Test
    void answersAllEntriesWithStatusZeroAndANullHandleWhenTheyFit() throws RpcFaultException {
        assertEquals(List.of("A 1.0", "A 1.2", "A 2.0", "A 0.5 obj", "B 1.0 obj"), annotations(Epm.RPC_C_EP_ALL_ELTS, null, null, 0));
        assertEquals(0, mapper.openHandles());
    }

    @Test
    void matchesByInterfaceWithEachVersionOption() throws RpcFaultException {
        InterfaceId a11 = new InterfaceId(A, 1, 1);
        assertEquals(List.of("A 1.0", "A 1.2", "A 2.0", "A 0.5 obj"), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, a11, Epm.RPC_C_VERS_ALL));
        assertEquals(List.of("A 1.2"), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, a11, Epm.RPC_C_VERS_COMPATIBLE));
        assertEquals(List.of(), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, a11, Epm.RPC_C_VERS_EXACT));
        assertEquals(List.of("A 1.2"), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, new InterfaceId(A, 1, 2), Epm.RPC_C_VERS_EXACT));
        assertEquals(List.of("A 1.0", "A 1.2"), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, a11, Epm.RPC_C_VERS_MAJOR_ONLY));
        assertEquals(List.of("A 1.0", "A 0.5 obj"), annotations(Epm.RPC_C_EP_MATCH_BY_IF, null, a11, Epm.RPC_C_VERS_UPTO));
    }

    @Test
    void matchesByObjectAndByBoth() throws RpcFaultException {
        assertEquals(List.of("A 0.5 obj", "B 1.0 obj"), annotations(Epm.RPC_C_EP_MATCH_BY_OBJ, OBJ, null, 0));
        assertEquals(List.of("A 1.0", "A 1.2", "A 2.0"), annotations(Epm.RPC_C_EP_MATCH_BY_OBJ, null, null, 0), "NULL object = nil");
        assertEquals(List.of("B 1.0 obj"), annotations(Epm.RPC_C_EP_MATCH_BY_BOTH, OBJ, new InterfaceId(B, 1, 0), Epm.RPC_C_VERS_EXACT));
        assertEquals(List.of(), annotations(Epm.RPC_C_EP_MATCH_BY_BOTH, OBJ, new InterfaceId(A, 1, 0), Epm.RPC_C_VERS_EXACT));
    }

    @Test
    void answersNotRegisteredWithANullHandleWhenNothingMatches() throws RpcFaultException {
        EptLookupResponse r = lookup(Epm.RPC_C_EP_MATCH_BY_IF, null, new InterfaceId(UUID.randomUUID(), 1, 0), 1, ContextHandle.NULL, 500, 7);
        assertEquals(Epm.EPT_S_NOT_REGISTERED, r.status());
        assertTrue(r.entryHandle().isNull());
        assertEquals(0, r.numEnts());
    }

    @Test
    void pagesWithAHandleAndEndsWithANullHandleAndStatusZero() throws RpcFaultException {
        List<String> seen = new ArrayList<>();
        EptLookupResponse r = lookup(0, null, null, 1, ContextHandle.NULL, 2, 7);
        ContextHandle h = r.entryHandle();
        assertFalse(h.isNull());
        r.entries().forEach(e -> seen.add(e.annotation()));
        r = lookup(0, null, null, 1, h, 2, 7);
        assertEquals(h, r.entryHandle(), "the same handle continues");
        r.entries().forEach(e -> seen.add(e.annotation()));
        r = lookup(0, null, null, 1, h, 2, 7);
        assertEquals(0, r.status());
        assertTrue(r.entryHandle().isNull());
        assertEquals(1, r.numEnts());
        r.entries().forEach(e -> seen.add(e.annotation()));
        assertEquals(List.of("A 1.0", "A 1.2", "A 2.0", "A 0.5 obj", "B 1.0 obj"), seen);
        assertEquals(0, mapper.openHandles());
    }

    @Test
    void endsWithANullHandleWhenTheLastPageIsExactlyFull() throws RpcFaultException {
        mapper.unregisterAll(new InterfaceId(B, 1, 0));
        EptLookupResponse r = lookup(0, null, null, 1, ContextHandle.NULL, 2, 7);
        r = lookup(0, null, null, 1, r.entryHandle(), 2, 7);
        assertEquals(2, r.numEnts());
        assertTrue(r.entryHandle().isNull());
        assertEquals(0, r.status());
    }

    @Test
    void pagesOverTheSnapshotTheHandleWasOpenedOn() throws RpcFaultException {
        EptLookupResponse r = lookup(0, null, null, 1, ContextHandle.NULL, 4, 7);
        mapper.unregisterAll(new InterfaceId(B, 1, 0));
        r = lookup(0, null, null, 1, r.entryHandle(), 4, 7);
        assertEquals("B 1.0 obj", r.entries().get(0).annotation());
    }

    @Test
    void freesAHandleAndThenRefusesIt() throws RpcFaultException {
        ContextHandle h = lookup(0, null, null, 1, ContextHandle.NULL, 1, 7).entryHandle();
        assertEquals(1, mapper.openHandles());
        EptLookupHandleFreeResponse f = call(epm, remote(7), Epm.EPT_LOOKUP_HANDLE_FREE, new EptLookupHandleFreeRequest(h),
                EptLookupHandleFreeResponse.class);
        assertEquals(new EptLookupHandleFreeResponse(ContextHandle.NULL, 0), f);
        assertEquals(0, mapper.openHandles());
        RpcFaultException e = assertThrows(RpcFaultException.class, () -> lookup(0, null, null, 1, h, 1, 7));
        assertEquals(EndpointMapper.NCA_S_FAULT_CONTEXT_MISMATCH, e.status());
        assertEquals(new EptLookupHandleFreeResponse(ContextHandle.NULL, 0), call(epm, remote(7), Epm.EPT_LOOKUP_HANDLE_FREE,
                new EptLookupHandleFreeRequest(ContextHandle.NULL), EptLookupHandleFreeResponse.class));
    }

    @Test
    void refusesAHandleFromAnotherAssociationGroup() throws RpcFaultException {
        ContextHandle h = lookup(0, null, null, 1, ContextHandle.NULL, 1, 7).entryHandle();
        RpcFaultException e = assertThrows(RpcFaultException.class, () -> lookup(0, null, null, 1, h, 1, 8));
        assertEquals(EndpointMapper.NCA_S_FAULT_CONTEXT_MISMATCH, e.status());
        assertEquals(1, mapper.openHandles(), "a foreign group cannot free it either");
    }

    @Test
    void boundsOpenHandlesPerAssociationGroupAndInAllEvictingTheOldest() throws RpcFaultException {
        List<ContextHandle> group7 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            group7.add(lookup(0, null, null, 1, ContextHandle.NULL, 1, 7).entryHandle());
        }
        assertEquals(3, mapper.openHandles(), "per group limit 3");
        assertThrows(RpcFaultException.class, () -> lookup(0, null, null, 1, group7.get(0), 1, 7), "oldest evicted");
        assertEquals(4, lookup(0, null, null, 1, group7.get(4), 4, 7).numEnts(), "newest still works");
        for (int g = 10; g < 20; g++) {
            lookup(0, null, null, 1, ContextHandle.NULL, 1, g);
        }
        assertEquals(5, mapper.openHandles(), "total limit 5");
        mapper.associationGroupClosed(19);
        assertEquals(4, mapper.openHandles());
    }

    @Test
    void answersMaxEntsZeroWithoutLeakingAHandle() throws RpcFaultException {
        EptLookupResponse r = lookup(0, null, null, 1, ContextHandle.NULL, 0, 7);
        assertEquals(0, r.numEnts());
        assertTrue(r.entryHandle().isNull());
        assertEquals(0, mapper.openHandles());
    }

    @Test
    void capsAPageWhateverMaxEntsSays() throws RpcFaultException {
        EndpointMapper big = new EndpointMapper();
        for (int i = 0; i < EndpointMapper.PAGE_LIMIT + 1; i++) {
            InterfaceId id = new InterfaceId(new UUID(1, i), 1, 0);
            big.register(id, null, Tower.tcp(id, 1, IP), "");
        }
        byte[] out = big.rpcInterface().handler().call(remote(1), Epm.EPT_LOOKUP,
                Calls.encode(new EptLookupRequest(0, null, null, 1, ContextHandle.NULL, -1)));
        // Raw bytes: our own decoder refuses a max_count >= 2^31, but max_count must be max_ents (0xffffffff).
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(EndpointMapper.PAGE_LIMIT, b.getInt(20), "num_ents");
        assertEquals(-1, b.getInt(24), "max_count = max_ents");
        assertEquals(EndpointMapper.PAGE_LIMIT, b.getInt(32), "actual_count");
        assertEquals(1, big.openHandles(), "one entry left behind a handle");
    }

    @Test
    void decodesABigEndianRequestAndAnswersInLittleEndian() throws RpcFaultException {
        // ept_lookup MATCH_BY_OBJ in drep 00 00 00 00: integers and the GUID's first three fields big-endian.
        byte[] be = java.util.HexFormat.of().parseHex("00000002" + "00020000" + "0b1ec700" + "0000" + "0000" + "0000000000000003"
                + "00000000" + "00000001" + "00000000" + "00".repeat(16) + "000001f4");
        byte[] out = epm.call(Calls.ctx(org.dcom4j.security.Distance.REMOTE, 7, 0), Epm.EPT_LOOKUP, be);
        EptLookupResponse r = org.dcom4j.ndr.NdrCodec.of(EptLookupResponse.class).decode(out);
        assertEquals(List.of("A 0.5 obj", "B 1.0 obj"), r.entries().stream().map(Epm.EptEntry::annotation).toList());
    }

    @Test
    void refusesUnknownInquiryTypesAndVersionOptions() {
        RpcFaultException e = assertThrows(RpcFaultException.class, () -> lookup(4, null, null, 1, ContextHandle.NULL, 1, 7));
        assertEquals(EndpointMapper.ERROR_INVALID_PARAMETER, e.status());
        e = assertThrows(RpcFaultException.class, () -> lookup(Epm.RPC_C_EP_MATCH_BY_IF, null, null, 1, ContextHandle.NULL, 1, 7));
        assertEquals(EndpointMapper.ERROR_INVALID_PARAMETER, e.status());
        e = assertThrows(RpcFaultException.class,
                () -> lookup(Epm.RPC_C_EP_MATCH_BY_IF, null, new InterfaceId(A, 1, 0), 6, ContextHandle.NULL, 1, 7));
        assertEquals(EndpointMapper.RPC_S_INVALID_VERS_OPTION, e.status());
    }
}
