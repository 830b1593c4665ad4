package org.dcom4j.rpc.pdu;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The type-specific part of a connection-oriented PDU (C706 12.6.4, MS-RPCE 2.2.2). Stub arrays
 * are owned by the record once constructed: the decoder hands over fresh arrays and callers must not
 * modify an array they passed in or read out (they are not copied, to keep the call path copy-free).
 */
public sealed interface PduBody {
    /** The PTYPE this body is sent as. */
    int ptype();

    /**
     * bind (C706 12.6.4.3) or alter_context (12.6.4.1), which share a layout.
     *
     * <pre>
     *  16              18              20                              24      25      26
     * +---------------+---------------+-------------------------------+-------+-------+-------+----
     * | max_xmit_frag | max_recv_frag | assoc_group_id (u32)          | n_ctx | rsvd  | rsvd2 | p_cont_elem…
     * +---------------+---------------+-------------------------------+-------+-------+-------+----
     * </pre>
     */
    record Bind(boolean alterContext, int maxXmitFrag, int maxRecvFrag, int assocGroupId, List<ContextElement> contexts)
            implements PduBody {
        public Bind {
            contexts = List.copyOf(contexts);
            if (contexts.size() > 0xFF) {
                throw new IllegalArgumentException("too many contexts: n_context_elem=" + contexts.size() + ", limit=255");
            }
        }

        @Override
        public int ptype() {
            return alterContext ? PduType.ALTER_CONTEXT : PduType.BIND;
        }
    }

    /**
     * bind_ack (C706 12.6.4.4) or alter_context_resp (12.6.4.2). The secondary address is the port
     * spec string without its NUL ({@code "135"}; empty in an alter_context_resp).
     *
     * <pre>
     *  16              18              20                              24              26
     * +---------------+---------------+-------------------------------+---------------+------------------+
     * | max_xmit_frag | max_recv_frag | assoc_group_id (u32)          | sec_addr len  | port_spec + NUL  |
     * +---------------+---------------+-------------------------------+---------------+------------------+
     * | pad to 4 | n_results u8 | rsvd u8 | rsvd2 u16 | p_result_t… (24 each)
     * </pre>
     */
    record BindAck(boolean alterContext, int maxXmitFrag, int maxRecvFrag, int assocGroupId, String secondaryAddress,
                   List<ContextResult> results) implements PduBody {
        public BindAck {
            Objects.requireNonNull(secondaryAddress, "secondaryAddress");
            results = List.copyOf(results);
        }

        @Override
        public int ptype() {
            return alterContext ? PduType.ALTER_CONTEXT_RESP : PduType.BIND_ACK;
        }
    }

    /**
     * bind_nak (C706 12.6.4.5): the reject reason and the protocol versions the server supports.
     *
     * <pre>
     *  16                    18         19
     * +---------------------+----------+----------------------+
     * | provider_reject_rsn | n_protos | {major u8, minor u8}…|
     * +---------------------+----------+----------------------+
     * </pre>
     */
    record BindNak(int rejectReason, List<Integer> versions) implements PduBody {
        public static final int REASON_NOT_SPECIFIED = 0;
        public static final int TEMPORARY_CONGESTION = 1;
        public static final int LOCAL_LIMIT_EXCEEDED = 2;
        public static final int CALLED_PADDR_UNKNOWN = 3;
        public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 4;
        public static final int DEFAULT_CONTEXT_NOT_SUPPORTED = 5;
        public static final int USER_DATA_NOT_READABLE = 6;
        public static final int NO_PSAP_AVAILABLE = 7;
        /** MS-RPCE 2.2.2.5. */
        public static final int AUTHENTICATION_TYPE_NOT_RECOGNIZED = 8;
        /** MS-RPCE 2.2.2.5. */
        public static final int INVALID_CHECKSUM = 9;

        /** {@code versions} holds {@code major << 8 | minor} per entry. */
        public BindNak {
            versions = List.copyOf(versions);
        }

        @Override
        public int ptype() {
            return PduType.BIND_NAK;
        }
    }

    /**
     * request (C706 12.6.4.9); the object UUID is present iff PFC_OBJECT_UUID is set.
     *
     * <pre>
     *  16                              20              22              24
     * +-------------------------------+---------------+---------------+--------------------+--------
     * | alloc_hint (u32)              | p_cont_id u16 | opnum u16     | [object uuid (16)] | stub…
     * +-------------------------------+---------------+---------------+--------------------+--------
     * </pre>
     */
    record Request(int allocHint, int contextId, int opnum, UUID object, byte[] stub) implements PduBody {
        public Request {
            Objects.requireNonNull(stub, "stub");
        }

        @Override
        public int ptype() {
            return PduType.REQUEST;
        }

        @Override
        public String toString() {
            return "Request[alloc_hint=" + Integer.toUnsignedString(allocHint) + ", p_cont_id=" + contextId + ", opnum=" + opnum
                    + ", object=" + object + ", stub=" + stub.length + " bytes]";
        }
    }

    /**
     * response (C706 12.6.4.10).
     *
     * <pre>
     *  16                              20              22       23      24
     * +-------------------------------+---------------+--------+-------+--------
     * | alloc_hint (u32)              | p_cont_id u16 | cancel | rsvd  | stub…
     * +-------------------------------+---------------+--------+-------+--------
     * </pre>
     */
    record Response(int allocHint, int contextId, int cancelCount, byte[] stub) implements PduBody {
        public Response {
            Objects.requireNonNull(stub, "stub");
        }

        @Override
        public int ptype() {
            return PduType.RESPONSE;
        }

        @Override
        public String toString() {
            return "Response[alloc_hint=" + Integer.toUnsignedString(allocHint) + ", p_cont_id=" + contextId
                    + ", cancel_count=" + cancelCount + ", stub=" + stub.length + " bytes]";
        }
    }

    /**
     * fault (C706 12.6.4.7): a response with a status and no (or extended-error) stub.
     *
     * <pre>
     *  16                              20              22       23      24              28              32
     * +-------------------------------+---------------+--------+-------+---------------+---------------+-----
     * | alloc_hint (u32)              | p_cont_id u16 | cancel | rsvd  | status (u32)  | reserved u32  | stub…
     * +-------------------------------+---------------+--------+-------+---------------+---------------+-----
     * </pre>
     */
    record Fault(int allocHint, int contextId, int cancelCount, int status, byte[] stub) implements PduBody {
        public Fault {
            Objects.requireNonNull(stub, "stub");
        }

        public Fault(int contextId, int status) {
            this(0, contextId, 0, status, new byte[0]);
        }

        @Override
        public int ptype() {
            return PduType.FAULT;
        }

        @Override
        public String toString() {
            return "Fault[p_cont_id=" + contextId + ", status=" + FaultStatus.name(status) + ", stub=" + stub.length + " bytes]";
        }
    }

    /** auth3 (MS-RPCE 2.2.2.10): 4 bytes of padding, then the auth verifier. */
    record Auth3() implements PduBody {
        @Override
        public int ptype() {
            return PduType.AUTH3;
        }
    }

    /** shutdown (C706 12.6.4.11): the server asks the client to end the association; no body. */
    record Shutdown() implements PduBody {
        @Override
        public int ptype() {
            return PduType.SHUTDOWN;
        }
    }

    /** co_cancel (C706 12.6.4.6): cancel the call with this call_id; optional auth verifier only. */
    record CoCancel() implements PduBody {
        @Override
        public int ptype() {
            return PduType.CO_CANCEL;
        }
    }

    /** orphaned (C706 12.6.4.8): the client abandons the call with this call_id. */
    record Orphaned() implements PduBody {
        @Override
        public int ptype() {
            return PduType.ORPHANED;
        }
    }
}
