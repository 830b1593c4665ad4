package org.dcom4j.rpc.pdu;

/**
 * Status codes carried by fault PDUs (C706 appendix E "Reject Status Codes"; MS-RPCE 2.2.2.x
 * uses the same values). Only the codes this runtime sends or tests for are defined; values checked
 * against C706 appendix E as tabulated by impacket's {@code rpcrt.py} and Wireshark's DCE/RPC
 * dissector.
 */
public final class FaultStatus {
    /** Access denied (Win32 ERROR_ACCESS_DENIED); also sent when a request exceeds the size limit. */
    public static final int RPC_S_ACCESS_DENIED = 0x00000005;
    /** The stub data could not be unmarshalled (rpc_x_bad_stub_data). */
    public static final int RPC_X_BAD_STUB_DATA = 0x000006F7;
    /** A security package refused a PDU (bad signature): what Windows and Samba answer before closing. */
    public static final int RPC_S_SEC_PKG_ERROR = 0x00000721;
    /** The operation number is not defined by the interface. */
    public static final int NCA_S_OP_RNG_ERROR = 0x1C010002;
    /** The interface (or presentation context) is unknown to the server. */
    public static final int NCA_S_UNK_IF = 0x1C010003;
    /** A protocol rule was broken; the connection is closed after this fault. */
    public static final int NCA_S_PROTO_ERROR = 0x1C01000B;
    /** The server is too busy to handle the call. */
    public static final int NCA_S_SERVER_TOO_BUSY = 0x1C010014;
    /** The call was cancelled. */
    public static final int NCA_S_FAULT_CANCEL = 0x1C00000D;
    /** An unspecified fault in the server manager routine. */
    public static final int NCA_S_FAULT_UNSPEC = 0x1C000012;
    /** Unknown presentation context id. */
    public static final int NCA_S_INVALID_PRES_CONTEXT_ID = 0x1C00001C;

    private FaultStatus() {
    }

    /** The C706 name of a status, or its hex value. */
    public static String name(int status) {
        return switch (status) {
            case RPC_S_ACCESS_DENIED -> "rpc_s_access_denied";
            case RPC_X_BAD_STUB_DATA -> "rpc_x_bad_stub_data";
            case RPC_S_SEC_PKG_ERROR -> "rpc_s_sec_pkg_error";
            case NCA_S_OP_RNG_ERROR -> "nca_s_op_rng_error";
            case NCA_S_UNK_IF -> "nca_s_unk_if";
            case NCA_S_PROTO_ERROR -> "nca_s_proto_error";
            case NCA_S_SERVER_TOO_BUSY -> "nca_s_server_too_busy";
            case NCA_S_FAULT_CANCEL -> "nca_s_fault_cancel";
            case NCA_S_FAULT_UNSPEC -> "nca_s_fault_unspec";
            case NCA_S_INVALID_PRES_CONTEXT_ID -> "nca_s_invalid_pres_context_id";
            default -> String.format("0x%08x", status);
        };
    }
}
