package org.dcom4j.rpc.epm;

import static org.dcom4j.rpc.epm.Calls.assertFault;
import static org.dcom4j.rpc.epm.Calls.call;
import static org.dcom4j.rpc.epm.Calls.remote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.dcom4j.rpc.epm.Epm.StatusResponse;
import org.dcom4j.rpc.epm.Mgmt.InqIfIdsResponse;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsResponse;
import org.dcom4j.rpc.epm.Mgmt.IsServerListeningResponse;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.junit.jupiter.api.Test;

class MgmtHandlerTest {
    private static final InterfaceId OTHER = new InterfaceId(UUID.fromString("12345678-1234-abcd-ef00-0123456789ab"), 1, 0);
    private final MgmtHandler mgmt = new MgmtHandler(() -> List.of(Epm.INTERFACE, OTHER), new RpcStatistics() {
        @Override
        public long callsIn() {
            return 7;
        }

        @Override
        public long packetsOut() {
            return 0x1_0000_0009L;
        }
    });

    @Test
    void listsTheRegisteredInterfacesBehindAFullPointer() throws RpcFaultException {
        byte[] out = mgmt.call(remote(1), Mgmt.INQ_IF_IDS, new byte[0]);
        // referent 00020000 | count 2 | max_count 2 | referents 00020004 00020008 | rpc_if_id_t x2 | status 0
        assertEquals("00000200" + "02000000" + "02000000" + "04000200" + "08000200"
                + "0883afe11f5dc91191a408002b14a0fa" + "0300" + "0000"
                + "785634123412cdabef000123456789ab" + "0100" + "0000" + "00000000", EpmVectors.hex(out));
        InqIfIdsResponse r = org.dcom4j.ndr.NdrCodec.of(InqIfIdsResponse.class).decode(out);
        assertEquals(List.of(RpcIfId.of(Epm.INTERFACE), RpcIfId.of(OTHER)), r.ifIdVector().ifId());
    }

    @Test
    void reportsAtMostFourCountersTruncatedToUnsigned32() throws RpcFaultException {
        InqStatsResponse r = call(mgmt, remote(1), Mgmt.INQ_STATS, new InqStatsRequest(10), InqStatsResponse.class);
        assertEquals(4, r.count());
        assertArrayEquals(new int[] {7, 0, 0, 9}, r.statistics());
        assertEquals(2, call(mgmt, remote(1), Mgmt.INQ_STATS, new InqStatsRequest(2), InqStatsResponse.class).count());
        // With RpcStatistics.NONE every counter is 0.
        MgmtHandler zero = new MgmtHandler(List::of, RpcStatistics.NONE);
        assertArrayEquals(new int[4], call(zero, remote(1), Mgmt.INQ_STATS, new InqStatsRequest(4), InqStatsResponse.class).statistics());
    }

    @Test
    void saysItIsListeningAndRefusesToStop() throws RpcFaultException {
        assertEquals(new IsServerListeningResponse(0, 1), call(mgmt, remote(1), Mgmt.IS_SERVER_LISTENING, null, IsServerListeningResponse.class));
        assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, call(mgmt, remote(1), Mgmt.STOP_SERVER_LISTENING, null, StatusResponse.class).status());
    }

    @Test
    void answersAnEmptyPrincipalNameForAuthnNone() throws RpcFaultException {
        byte[] out = mgmt.call(remote(1), Mgmt.INQ_PRINC_NAME, Calls.encode(new InqPrincNameRequest(0, 256)));
        // max_count 256 (princ_name_size) | offset 0 | actual_count 1 | NUL | pad | status 0
        assertEquals("00010000" + "00000000" + "01000000" + "00" + "000000" + "00000000", EpmVectors.hex(out));
        assertFault(MgmtHandler.NCA_S_FAULT_INVALID_BOUND, mgmt, remote(1), Mgmt.INQ_PRINC_NAME, Calls.encode(new InqPrincNameRequest(0, 0)));
    }

    @Test
    void faultsOnShortStubs() {
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, mgmt, remote(1), Mgmt.INQ_STATS, new byte[2]);
        assertFault(FaultStatus.RPC_X_BAD_STUB_DATA, mgmt, remote(1), Mgmt.INQ_PRINC_NAME, new byte[4]);
    }
}
