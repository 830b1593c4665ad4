package org.dcom4j.rpc.pdu;

import java.util.Objects;

/**
 * A p_result_t of a bind_ack or alter_context_resp (C706 12.6.3.1; MS-RPCE 2.2.2.4 adds
 * negotiate_ack for bind-time feature negotiation, whose reason field carries the bitmask).
 *
 * <pre>
 *  0               2               4                       24
 * +---------------+---------------+-----------------------+
 * | result u16    | reason u16    | transfer_syntax (20)  |
 * +---------------+---------------+-----------------------+
 * </pre>
 */
public record ContextResult(int result, int reason, SyntaxId transferSyntax) {
    public static final int LENGTH = 4 + SyntaxId.LENGTH;
    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int PROVIDER_REJECTION = 2;
    /** MS-RPCE 2.2.2.4: the answer to a bind-time feature negotiation element. */
    public static final int NEGOTIATE_ACK = 3;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;
    public static final int PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;
    public static final int LOCAL_LIMIT_EXCEEDED = 3;

    public ContextResult {
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        if ((result & ~0xFFFF) != 0 || (reason & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("p_result out of range: result=" + result + ", reason=" + reason + ", limit=65535");
        }
    }

    public static ContextResult accepted(SyntaxId transferSyntax) {
        return new ContextResult(ACCEPTANCE, REASON_NOT_SPECIFIED, transferSyntax);
    }

    public static ContextResult rejected(int reason) {
        return new ContextResult(PROVIDER_REJECTION, reason, SyntaxId.NULL);
    }
}
