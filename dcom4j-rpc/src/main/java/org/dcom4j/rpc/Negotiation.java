package org.dcom4j.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.SyntaxId;

/**
 * Presentation-context and fragment-size negotiation for bind and alter_context (C706 12.6.4.3-4,
 * MS-RPCE 3.3.1.5.3). Stateless.
 */
final class Negotiation {
    /** Bind-time features we support: KeepConnectionOnOrphanSupported (0x02). Security context multiplexing comes with auth. */
    static final int SUPPORTED_FEATURES = 0x02;

    private Negotiation() {
    }

    /**
     * The fragment size both directions use: the smaller of the client's max_xmit_frag and
     * max_recv_frag, raised to 2048, capped by ours, truncated to a multiple of 8. The rule Samba
     * derived from Windows 2012R2 (values between 2048 and 5840 on port 135; both directions equal).
     */
    static int fragmentSize(int clientMaxXmit, int clientMaxRecv, int ourMaxRecv) {
        int size = Math.max(RpcServerConfig.MIN_FRAG, Math.min(clientMaxXmit, clientMaxRecv));
        return Math.min(size, ourMaxRecv) & 0xFFF8;
    }

    /**
     * One result per element, in order; accepted contexts are added to {@code bound}. NDR 2.0 is
     * the only transfer syntax accepted (NDR64 is refused with proposed_transfer_syntaxes_not_supported
     * until dcom4j-ndr supports it); an element whose single transfer syntax is a bind-time feature
     * syntax gets negotiate_ack with the features both sides support in its reason field.
     */
    static List<ContextResult> negotiate(List<ContextElement> elements, Map<InterfaceId, RpcInterface> interfaces,
                                         Map<Integer, RpcInterface> bound, int maxContexts) {
        List<ContextResult> results = new ArrayList<>(elements.size());
        for (ContextElement e : elements) {
            results.add(negotiate(e, interfaces, bound, maxContexts));
        }
        return results;
    }

    private static ContextResult negotiate(ContextElement e, Map<InterfaceId, RpcInterface> interfaces,
                                           Map<Integer, RpcInterface> bound, int maxContexts) {
        List<SyntaxId> proposed = e.transferSyntaxes();
        if (proposed.size() == 1 && proposed.getFirst().isBindTimeFeatureNegotiation()) {
            return new ContextResult(ContextResult.NEGOTIATE_ACK, proposed.getFirst().featureBitmask() & SUPPORTED_FEATURES, SyntaxId.NULL);
        }
        SyntaxId a = e.abstractSyntax();
        RpcInterface iface = find(new InterfaceId(a.uuid(), a.major(), a.minor()), interfaces);
        if (iface == null) {
            return ContextResult.rejected(ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        if (!proposed.contains(SyntaxId.NDR20)) {
            return ContextResult.rejected(ContextResult.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED);
        }
        RpcInterface existing = bound.get(e.contextId());
        if (existing != null && existing != iface) {
            return ContextResult.rejected(ContextResult.REASON_NOT_SPECIFIED); // a context id cannot change interface
        }
        if (existing == null && bound.size() >= maxContexts) {
            return ContextResult.rejected(ContextResult.LOCAL_LIMIT_EXCEEDED);
        }
        bound.put(e.contextId(), iface);
        return ContextResult.accepted(SyntaxId.NDR20);
    }

    private static RpcInterface find(InterfaceId requested, Map<InterfaceId, RpcInterface> interfaces) {
        for (RpcInterface i : interfaces.values()) {
            if (i.id().serves(requested)) {
                return i;
            }
        }
        return null;
    }
}
