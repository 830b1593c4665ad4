package org.dcom4j.rpc.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A p_cont_elem_t of a bind or alter_context (C706 12.6.3.1): a presentation context id, the
 * abstract syntax (the interface) and the transfer syntaxes the client proposes for it.
 *
 * <pre>
 *  0               2       3       4                       24
 * +---------------+-------+-------+-----------------------+-------------------------------+
 * | p_cont_id u16 | n_tra | rsvd  | abstract_syntax (20)  | transfer_syntaxes[n_tra] (20 each)
 * +---------------+-------+-------+-----------------------+-------------------------------+
 * </pre>
 */
public record ContextElement(int contextId, SyntaxId abstractSyntax, List<SyntaxId> transferSyntaxes) {
    /** Bytes before the transfer syntaxes. */
    public static final int FIXED_LENGTH = 4 + SyntaxId.LENGTH;

    public ContextElement {
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if ((contextId & ~0xFFFF) != 0 || transferSyntaxes.size() > 0xFF) {
            throw new IllegalArgumentException("context element out of range: p_cont_id=" + contextId
                    + ", n_transfer_syn=" + transferSyntaxes.size() + ", limit=255");
        }
    }

    int encodedLength() {
        return FIXED_LENGTH + SyntaxId.LENGTH * transferSyntaxes.size();
    }
}
