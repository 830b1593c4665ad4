package org.dcom4j.rpc.pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encodes and decodes whole connection-oriented PDU fragments (C706 12.6.4; MS-RPCE 2.2.2).
 * Stateless and thread-safe. {@link #decode} reads the sender's byte order from drep and copies
 * what it keeps, so the caller may reuse its buffer; {@link #encode} returns a fresh array the
 * caller owns, always in little-endian drep.
 *
 * <p>Bounds: frag_length is checked by {@link PduHeader#decode} and must equal the bytes given;
 * every count (contexts, transfer syntaxes, results, versions) is checked against the bytes left
 * before anything is allocated; the auth verifier (the last {@code 8 + auth_length} bytes) and its
 * padding must fit in the body. The only exception thrown for bad bytes is {@link PduFormatException}.
 */
public final class PduCodec {
    /** The largest fragment any PDU can describe (frag_length is 16-bit). */
    public static final int MAX_FRAG_LENGTH = 0xFFFF;

    private PduCodec() {
    }

    /** Decodes one fragment of up to {@link #MAX_FRAG_LENGTH} bytes. */
    public static Pdu decode(byte[] frag) {
        return decode(frag, MAX_FRAG_LENGTH);
    }

    /**
     * Decodes one fragment; {@code frag.length} must equal its frag_length.
     *
     * @param maxFragLength the negotiated max_recv_frag (or 0xFFFF before negotiation)
     */
    public static Pdu decode(byte[] frag, int maxFragLength) {
        PduHeader h = PduHeader.decode(frag, maxFragLength);
        if (frag.length != h.fragLength()) {
            throw new PduFormatException("fragment length mismatch: frag_length=" + h.fragLength() + ", bytes=" + frag.length);
        }
        return decode(frag, 0, h);
    }

    /**
     * Decodes the fragment at {@code b[offset, offset + h.fragLength())} whose header {@code h} was
     * decoded (and so bounded) by {@link PduHeader#decode} from its first {@link PduHeader#LENGTH} bytes —
     * a fragment in a connection's read buffer, decoded where it lies. Copies what it keeps.
     */
    public static Pdu decode(byte[] b, int offset, PduHeader h) {
        java.util.Objects.checkFromIndexSize(offset, h.fragLength(), b.length);
        int bodyEnd = offset + h.fragLength();
        AuthVerifier auth = null;
        if (h.authLength() > 0) {
            int trailer = bodyEnd - h.authLength() - AuthVerifier.TRAILER_LENGTH;
            Wire.Reader t = new Wire.Reader(b, offset, trailer, bodyEnd, h.littleEndian());
            int type = t.u8("auth_type");
            int level = t.u8("auth_level");
            int pad = t.u8("auth_pad_length");
            t.u8("auth_reserved");
            int contextId = t.u32("auth_context_id");
            auth = new AuthVerifier(type, level, pad, contextId, t.bytes(h.authLength(), "auth_value"));
            if (pad > trailer - offset - PduHeader.LENGTH) {
                throw new PduFormatException("auth_pad_length larger than the body: auth_pad_length=" + pad
                        + ", limit=" + (trailer - offset - PduHeader.LENGTH));
            }
            bodyEnd = trailer - pad;
        }
        Wire.Reader r = new Wire.Reader(b, offset, offset + PduHeader.LENGTH, bodyEnd, h.littleEndian());
        PduBody body = switch (h.ptype()) {
            case PduType.BIND, PduType.ALTER_CONTEXT -> decodeBind(r, h.ptype() == PduType.ALTER_CONTEXT);
            case PduType.BIND_ACK, PduType.ALTER_CONTEXT_RESP -> decodeBindAck(r, h.ptype() == PduType.ALTER_CONTEXT_RESP);
            case PduType.BIND_NAK -> decodeBindNak(r);
            case PduType.REQUEST -> decodeRequest(r, (h.flags() & PfcFlags.OBJECT_UUID) != 0);
            case PduType.RESPONSE -> new PduBody.Response(r.u32("alloc_hint"), r.u16("p_cont_id"), cancelCount(r), r.bytes(r.left(), "stub"));
            case PduType.FAULT -> decodeFault(r);
            case PduType.AUTH3 -> {
                r.skip(Math.min(4, r.left()), "auth3 pad"); // MS-RPCE 2.2.2.10; Windows clients send 4 bytes, tolerate fewer
                yield new PduBody.Auth3();
            }
            case PduType.SHUTDOWN -> new PduBody.Shutdown();
            case PduType.CO_CANCEL -> new PduBody.CoCancel();
            case PduType.ORPHANED -> new PduBody.Orphaned();
            default -> throw new PduFormatException("not a connection-oriented PDU type: PTYPE=" + h.ptype() + " (" + PduType.name(h.ptype()) + ")");
        };
        return new Pdu(h.versMinor(), h.flags(), h.drep(), h.callId(), body, auth);
    }

    private static int cancelCount(Wire.Reader r) {
        int c = r.u8("cancel_count");
        r.u8("reserved");
        return c;
    }

    private static PduBody decodeBind(Wire.Reader r, boolean alter) {
        int maxXmit = r.u16("max_xmit_frag");
        int maxRecv = r.u16("max_recv_frag");
        int group = r.u32("assoc_group_id");
        int n = r.u8("n_context_elem");
        r.skip(3, "p_context_elem reserved");
        r.need(n * ContextElement.FIXED_LENGTH, "p_cont_elem[" + n + "]");
        List<ContextElement> contexts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = r.u16("p_cont_id");
            int nSyntaxes = r.u8("n_transfer_syn");
            r.skip(1, "reserved");
            SyntaxId abstractSyntax = r.syntax("abstract_syntax");
            r.need(nSyntaxes * SyntaxId.LENGTH, "transfer_syntaxes[" + nSyntaxes + "]");
            List<SyntaxId> syntaxes = new ArrayList<>(nSyntaxes);
            for (int j = 0; j < nSyntaxes; j++) {
                syntaxes.add(r.syntax("transfer_syntax"));
            }
            contexts.add(new ContextElement(id, abstractSyntax, syntaxes));
        }
        return new PduBody.Bind(alter, maxXmit, maxRecv, group, contexts);
    }

    private static PduBody decodeBindAck(Wire.Reader r, boolean alter) {
        int maxXmit = r.u16("max_xmit_frag");
        int maxRecv = r.u16("max_recv_frag");
        int group = r.u32("assoc_group_id");
        int addrLength = r.u16("sec_addr.length");
        byte[] addr = r.bytes(addrLength, "sec_addr.port_spec");
        int end = addrLength;
        while (end > 0 && addr[end - 1] == 0) {
            end--;
        }
        String port = new String(addr, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
        r.skip((4 - r.pos() % 4) % 4, "sec_addr pad");
        int n = r.u8("n_results");
        r.skip(3, "p_result_list reserved");
        r.need(n * ContextResult.LENGTH, "p_results[" + n + "]");
        List<ContextResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(new ContextResult(r.u16("result"), r.u16("reason"), r.syntax("transfer_syntax")));
        }
        return new PduBody.BindAck(alter, maxXmit, maxRecv, group, port, results);
    }

    private static PduBody decodeBindNak(Wire.Reader r) {
        int reason = r.u16("provider_reject_reason");
        List<Integer> versions = new ArrayList<>();
        if (r.left() > 0) {
            int n = r.u8("n_protocols");
            r.need(2 * n, "p_protocols[" + n + "]");
            for (int i = 0; i < n; i++) {
                versions.add(r.u8("vers_major") << 8 | r.u8("vers_minor"));
            }
        }
        return new PduBody.BindNak(reason, versions); // MS-RPCE's optional signature after this is ignored
    }

    private static PduBody decodeRequest(Wire.Reader r, boolean hasObject) {
        int allocHint = r.u32("alloc_hint");
        int contextId = r.u16("p_cont_id");
        int opnum = r.u16("opnum");
        UUID object = hasObject ? r.uuid("object") : null;
        return new PduBody.Request(allocHint, contextId, opnum, object, r.bytes(r.left(), "stub"));
    }

    private static PduBody decodeFault(Wire.Reader r) {
        int allocHint = r.u32("alloc_hint");
        int contextId = r.u16("p_cont_id");
        int cancel = cancelCount(r);
        int status = r.u32("status");
        r.skip(4, "reserved");
        return new PduBody.Fault(allocHint, contextId, cancel, status, r.bytes(r.left(), "stub"));
    }

    /** The longest {@link #encodeCallHeader} result: header, request fields and object UUID. */
    public static final int MAX_CALL_HEADER = PduHeader.LENGTH + 8 + 16;

    /**
     * Everything of a request or response PDU without a verifier that comes before its stub, written to
     * {@code dst} (at least {@link #MAX_CALL_HEADER} bytes): {@code encode(pdu)} is these bytes followed by
     * the stub. A connection sends both with one gathering write, so the stub is copied once, into the
     * socket's buffer, and no PDU-sized array is made per call.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException for another PDU type or a PDU with a verifier
     * @throws PduFormatException       when the PDU would exceed {@link #MAX_FRAG_LENGTH}
     */
    public static int encodeCallHeader(Pdu pdu, byte[] dst) {
        if (pdu.auth() != null) {
            throw new IllegalArgumentException("a PDU with a verifier: encode() it whole");
        }
        return switch (pdu.body()) {
            case PduBody.Request q -> {
                if ((q.object() != null) != pdu.has(PfcFlags.OBJECT_UUID)) {
                    throw new PduFormatException("object UUID and PFC_OBJECT_UUID disagree: object=" + q.object()
                            + ", pfc_flags=" + PfcFlags.format(pdu.flags()));
                }
                yield callHeader(dst, pdu.versMinor(), PduType.REQUEST, pdu.flags(), pdu.callId(), q.allocHint(), q.contextId(),
                        q.opnum(), q.object(), q.stub().length);
            }
            case PduBody.Response q -> callHeader(dst, pdu.versMinor(), PduType.RESPONSE, pdu.flags(), pdu.callId(), q.allocHint(),
                    q.contextId(), q.cancelCount(), null, q.stub().length);
            default -> throw new IllegalArgumentException("not a request or response: " + PduType.name(pdu.ptype()));
        };
    }

    /**
     * {@link #encodeCallHeader} of the request {@code Pdu.of(flags, callId, new Request(allocHint, contextId,
     * opnum, object, stub))} for a stub of {@code stubLength} bytes, without the records: what a client writes
     * before a stub it encoded into its own buffer. PFC_OBJECT_UUID is set when {@code object} is not null.
     *
     * @throws PduFormatException when the PDU would exceed {@link #MAX_FRAG_LENGTH}
     */
    public static int encodeRequestHeader(int flags, int callId, int allocHint, int contextId, int opnum, UUID object,
                                          int stubLength, byte[] dst) {
        int f = object == null ? flags & ~PfcFlags.OBJECT_UUID : flags | PfcFlags.OBJECT_UUID;
        return callHeader(dst, 0, PduType.REQUEST, f, callId, allocHint, contextId, opnum, object, stubLength);
    }

    /**
     * {@link #encodeCallHeader} of the response {@code Pdu.of(flags, callId, new Response(allocHint, contextId,
     * 0, stub))} for a stub of {@code stubLength} bytes, without the records: what a server writes before a
     * stub it encoded into its own buffer.
     *
     * @throws PduFormatException when the PDU would exceed {@link #MAX_FRAG_LENGTH}
     */
    public static int encodeResponseHeader(int flags, int callId, int allocHint, int contextId, int stubLength, byte[] dst) {
        return callHeader(dst, 0, PduType.RESPONSE, flags, callId, allocHint, contextId, 0, null, stubLength);
    }

    /** A request's or response's header and fields; {@code word} is the opnum (request) or cancel_count (response). */
    private static int callHeader(byte[] dst, int versMinor, int ptype, int flags, int callId, int allocHint, int contextId,
                                  int word, UUID object, int stubLength) {
        int n = PduHeader.LENGTH + 8 + (object == null ? 0 : 16);
        if (n + stubLength > MAX_FRAG_LENGTH) {
            throw new PduFormatException("PDU too large: frag_length=" + (n + stubLength) + ", limit=" + MAX_FRAG_LENGTH);
        }
        putLe(dst, 16, allocHint, 4);
        putLe(dst, 20, contextId, 2);
        if (ptype == PduType.REQUEST) {
            putLe(dst, 22, word, 2);
        } else {
            dst[22] = (byte) word;
            dst[23] = 0;
        }
        if (object != null) {
            long msb = object.getMostSignificantBits();
            putLe(dst, 24, (int) (msb >>> 32), 4);
            putLe(dst, 28, (int) (msb >>> 16), 2);
            putLe(dst, 30, (int) msb, 2);
            long lsb = object.getLeastSignificantBits();
            for (int i = 0; i < 8; i++) {
                dst[32 + i] = (byte) (lsb >>> (8 * (7 - i)));
            }
        }
        dst[0] = PduHeader.RPC_VERS;
        dst[1] = (byte) versMinor;
        dst[2] = (byte) ptype;
        dst[3] = (byte) flags;
        putLe(dst, PduHeader.OFFSET_DREP, Integer.reverseBytes(PduHeader.DREP_LITTLE_ENDIAN), 4);
        putLe(dst, PduHeader.OFFSET_FRAG_LENGTH, n + stubLength, 2);
        putLe(dst, PduHeader.OFFSET_AUTH_LENGTH, 0, 2);
        putLe(dst, PduHeader.OFFSET_CALL_ID, callId, 4);
        return n;
    }

    /**
     * Where the stub of a request fragment with header {@code h} starts, relative to the fragment, when the
     * fragment is a whole request (PFC_FIRST_FRAG and PFC_LAST_FRAG set) without verifier, long enough for
     * its fields: 24, or 40 with PFC_OBJECT_UUID — the form a server may execute where it lies
     * ({@link #decodeWholeRequest}); -1 for any other fragment, which goes through {@link #decode}.
     */
    public static int wholeRequestStub(PduHeader h) {
        int firstLast = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;
        int at = PduHeader.LENGTH + 8 + ((h.flags() & PfcFlags.OBJECT_UUID) != 0 ? 16 : 0);
        boolean whole = h.ptype() == PduType.REQUEST && h.authLength() == 0 && (h.flags() & firstLast) == firstLast
                && h.fragLength() >= at;
        return whole ? at : -1;
    }

    /**
     * The request at {@code b[offset, offset + h.fragLength())} that {@link #wholeRequestStub} accepts,
     * decoded but for its stub, which stays where it lies: the body's stub is empty, the stub is
     * {@code b[offset + wholeRequestStub(h), offset + h.fragLength())}. Nothing is copied.
     *
     * @throws IllegalArgumentException when {@link #wholeRequestStub} refuses {@code h}
     */
    public static Pdu decodeWholeRequest(byte[] b, int offset, PduHeader h) {
        int at = wholeRequestStub(h);
        if (at < 0) {
            throw new IllegalArgumentException("not a whole request without verifier: " + h);
        }
        java.util.Objects.checkFromIndexSize(offset, h.fragLength(), b.length);
        Wire.Reader r = new Wire.Reader(b, offset, offset + PduHeader.LENGTH, offset + at, h.littleEndian());
        return new Pdu(h.versMinor(), h.flags(), h.drep(), h.callId(), decodeRequest(r, (h.flags() & PfcFlags.OBJECT_UUID) != 0), null);
    }

    /**
     * Where the stub of a response fragment with header {@code h} starts, relative to the fragment, when
     * the fragment is the whole response of a call and carries no verifier (PFC_FIRST_FRAG and
     * PFC_LAST_FRAG set, auth_length 0, long enough for its fields) — the form a client may decode where
     * it lies, without {@link #decode}; -1 for any other fragment, which goes through {@link #decode}.
     */
    public static int wholeResponseStub(PduHeader h) {
        int firstLast = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;
        boolean whole = h.ptype() == PduType.RESPONSE && h.authLength() == 0 && (h.flags() & firstLast) == firstLast
                && h.fragLength() >= PduHeader.LENGTH + 8;
        return whole ? PduHeader.LENGTH + 8 : -1;
    }

    private static void putLe(byte[] b, int at, int v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * The wire form of {@code pdu} in little-endian drep, with frag_length and auth_length filled in.
     *
     * @throws PduFormatException when the PDU would exceed {@link #MAX_FRAG_LENGTH}
     */
    public static byte[] encode(Pdu pdu) {
        // the exact length of the calls' PDUs (C706 12.6.4.9, 12.6.4.10, 12.6.4.7; MS-RPCE 2.2.2.11), so
        // that the writer's array is the result and not copied; other PDUs get room to grow
        int bodyLength = switch (pdu.body()) {
            case PduBody.Request q -> 8 + (q.object() == null ? 0 : 16) + q.stub().length;
            case PduBody.Response q -> 8 + q.stub().length;
            case PduBody.Fault q -> 16 + q.stub().length;
            default -> 64;
        };
        AuthVerifier verifier = pdu.auth();
        int authLength = verifier == null ? 0 : verifier.authPadLength() + 8 + verifier.authLength();
        Wire.Writer w = new Wire.Writer(PduHeader.LENGTH + bodyLength + authLength);
        w.u8(PduHeader.RPC_VERS).u8(pdu.versMinor()).u8(pdu.ptype()).u8(pdu.flags());
        w.u32(Integer.reverseBytes(PduHeader.DREP_LITTLE_ENDIAN)).u16(0).u16(0).u32(pdu.callId());
        switch (pdu.body()) {
            case PduBody.Bind b -> {
                w.u16(b.maxXmitFrag()).u16(b.maxRecvFrag()).u32(b.assocGroupId()).u8(b.contexts().size()).zeros(3);
                for (ContextElement c : b.contexts()) {
                    w.u16(c.contextId()).u8(c.transferSyntaxes().size()).u8(0).syntax(c.abstractSyntax());
                    c.transferSyntaxes().forEach(w::syntax);
                }
            }
            case PduBody.BindAck a -> {
                w.u16(a.maxXmitFrag()).u16(a.maxRecvFrag()).u32(a.assocGroupId());
                byte[] port = a.secondaryAddress().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                w.u16(port.length == 0 ? 0 : port.length + 1).bytes(port).zeros(port.length == 0 ? 0 : 1).align(4);
                w.u8(a.results().size()).zeros(3);
                for (ContextResult c : a.results()) {
                    w.u16(c.result()).u16(c.reason()).syntax(c.transferSyntax());
                }
            }
            case PduBody.BindNak n -> {
                w.u16(n.rejectReason()).u8(n.versions().size());
                n.versions().forEach(v -> w.u8(v >>> 8).u8(v));
            }
            case PduBody.Request q -> {
                w.u32(q.allocHint()).u16(q.contextId()).u16(q.opnum());
                if ((q.object() != null) != pdu.has(PfcFlags.OBJECT_UUID)) {
                    throw new PduFormatException("object UUID and PFC_OBJECT_UUID disagree: object=" + q.object()
                            + ", pfc_flags=" + PfcFlags.format(pdu.flags()));
                }
                if (q.object() != null) {
                    w.uuid(q.object());
                }
                w.bytes(q.stub());
            }
            case PduBody.Response q -> w.u32(q.allocHint()).u16(q.contextId()).u8(q.cancelCount()).u8(0).bytes(q.stub());
            case PduBody.Fault f -> w.u32(f.allocHint()).u16(f.contextId()).u8(f.cancelCount()).u8(0).u32(f.status()).u32(0).bytes(f.stub());
            case PduBody.Auth3 a -> w.u32(0);
            case PduBody.Shutdown s -> { }
            case PduBody.CoCancel c -> { }
            case PduBody.Orphaned o -> { }
        }
        AuthVerifier auth = pdu.auth();
        if (auth != null) {
            w.zeros(auth.authPadLength());
            w.u8(auth.authType()).u8(auth.authLevel()).u8(auth.authPadLength()).u8(0).u32(auth.authContextId()).bytes(auth.authValue());
            if (auth.authLength() == 0) {
                throw new PduFormatException("auth verifier without auth value: auth_length=0, limit=1..65535");
            }
        }
        if (w.pos() > MAX_FRAG_LENGTH) {
            throw new PduFormatException("PDU too large: frag_length=" + w.pos() + ", limit=" + MAX_FRAG_LENGTH);
        }
        w.putU16At(PduHeader.OFFSET_FRAG_LENGTH, w.pos());
        w.putU16At(PduHeader.OFFSET_AUTH_LENGTH, auth == null ? 0 : auth.authLength());
        return w.toByteArray();
    }
}
