package org.dcom4j.rpc.epm;

import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.Full;
import org.dcom4j.ndr.LengthIs;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.epm.Epm.RpcIfId;

/**
 * The remote management interface {@code mgmt} afa8bd80-7d8a-11c9-bef4-08002b102989 v1.0 (C706
 * appendix Q {@code mgmt.idl}; Samba {@code librpc/idl/mgmt.idl}): one {@code @NdrParameters} record
 * per direction and operation. Every server answers it on every endpoint.
 */
public final class Mgmt {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("afa8bd80-7d8a-11c9-bef4-08002b102989"), 1, 0);
    public static final int OPERATION_COUNT = 5;

    public static final int INQ_IF_IDS = 0;
    public static final int INQ_STATS = 1;
    public static final int IS_SERVER_LISTENING = 2;
    public static final int STOP_SERVER_LISTENING = 3;
    public static final int INQ_PRINC_NAME = 4;

    /** rpc_c_stats_array_max_size: calls in, calls out, packets in, packets out. */
    public static final int STATS_ARRAY_MAX_SIZE = 4;

    private Mgmt() {
    }

    /** {@code rpc_if_id_vector_t}: {@code unsigned32 count; [size_is(count)] rpc_if_id_p_t if_id[];} (full pointers). */
    public record IfIdVector(int count, @SizeIs("count") List<@Full RpcIfId> ifId) {
        public IfIdVector(List<RpcIfId> ids) {
            this(ids.size(), ids);
        }
    }

    /** inq_if_ids [out] (opnum 0): {@code [out] rpc_if_id_vector_p_t *if_id_vector} (a full pointer), status. No [in]. */
    @NdrParameters
    public record InqIfIdsResponse(@Full IfIdVector ifIdVector, int status) {
    }

    /** inq_stats [in] (opnum 1): {@code [in,out] unsigned32 *count}. */
    @NdrParameters
    public record InqStatsRequest(int count) {
    }

    /** inq_stats [out]: {@code *count, [size_is(*count)] unsigned32 statistics[], status}. */
    @NdrParameters
    public record InqStatsResponse(int count, @SizeIs("count") int[] statistics, int status) {
    }

    /** is_server_listening [out] (opnum 2): {@code error_status_t *status}, then the boolean32 result. */
    @NdrParameters
    public record IsServerListeningResponse(int status, int result) {
    }

    /** inq_princ_name [in] (opnum 4): {@code authn_proto, princ_name_size}. */
    @NdrParameters
    public record InqPrincNameRequest(int authnProto, int princNameSize) {
    }

    /**
     * inq_princ_name [out]: {@code [string, size_is(princ_name_size)] char princ_name[]}, status. The
     * string is conformant varying with max_count = the [in] size, so it is carried as a byte array
     * holding the characters and the NUL.
     */
    @NdrParameters
    public record InqPrincNameResponse(@NotTransmitted int princNameSize, @NotTransmitted int princNameLength,
                                       @SizeIs("princNameSize") @LengthIs("princNameLength") byte[] princName, int status) {
    }
}
