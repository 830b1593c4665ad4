package org.dcom4j.rpc.client;

import java.io.IOException;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.PduBody;

/**
 * The server refused the association (bind_nak, C706 12.6.4.5 / MS-RPCE 2.2.2.5) or a presentation
 * context in a bind_ack or alter_context_resp (C706 12.6.3.1 p_result_t). The message names the
 * reason: {@code presentation context rejected: interface=… v1.0, result=provider_rejection,
 * reason=abstract_syntax_not_supported (1)}.
 */
public final class RpcBindException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean nak;
    private final int reason;

    private RpcBindException(String message, boolean nak, int reason) {
        super(message);
        this.nak = nak;
        this.reason = reason;
    }

    static RpcBindException nak(int reason) {
        return new RpcBindException("bind rejected: bind_nak provider_reject_reason=" + nakReasonName(reason) + " (" + reason + ")", true, reason);
    }

    static RpcBindException contextRejected(String iface, ContextResult r) {
        String result = switch (r.result()) {
            case ContextResult.USER_REJECTION -> "user_rejection";
            case ContextResult.PROVIDER_REJECTION -> "provider_rejection";
            default -> "result " + r.result();
        };
        return new RpcBindException("presentation context rejected: interface=" + iface + ", result=" + result
                + ", reason=" + contextReasonName(r.reason()) + " (" + r.reason() + ")", false, r.reason());
    }

    /** Whether the whole bind was refused (bind_nak) rather than one presentation context. */
    public boolean isBindNak() {
        return nak;
    }

    /** provider_reject_reason of the bind_nak, or the p_result_t reason of the refused context. */
    public int reason() {
        return reason;
    }

    static String nakReasonName(int reason) {
        return switch (reason) {
            case PduBody.BindNak.REASON_NOT_SPECIFIED -> "reason_not_specified";
            case PduBody.BindNak.TEMPORARY_CONGESTION -> "temporary_congestion";
            case PduBody.BindNak.LOCAL_LIMIT_EXCEEDED -> "local_limit_exceeded";
            case PduBody.BindNak.CALLED_PADDR_UNKNOWN -> "called_paddr_unknown";
            case PduBody.BindNak.PROTOCOL_VERSION_NOT_SUPPORTED -> "protocol_version_not_supported";
            case PduBody.BindNak.DEFAULT_CONTEXT_NOT_SUPPORTED -> "default_context_not_supported";
            case PduBody.BindNak.USER_DATA_NOT_READABLE -> "user_data_not_readable";
            case PduBody.BindNak.NO_PSAP_AVAILABLE -> "no_psap_available";
            case PduBody.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED -> "authentication_type_not_recognized";
            case PduBody.BindNak.INVALID_CHECKSUM -> "invalid_checksum";
            default -> "unknown";
        };
    }

    static String contextReasonName(int reason) {
        return switch (reason) {
            case ContextResult.REASON_NOT_SPECIFIED -> "reason_not_specified";
            case ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract_syntax_not_supported";
            case ContextResult.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED -> "proposed_transfer_syntaxes_not_supported";
            case ContextResult.LOCAL_LIMIT_EXCEEDED -> "local_limit_exceeded";
            default -> "unknown";
        };
    }
}
