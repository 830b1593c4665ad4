package org.dcom4j.rpc;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.AuthType;
import org.dcom4j.rpc.auth.PduProtection;
import org.dcom4j.rpc.pdu.AuthVerifier;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduFormatException;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PduType;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.VerificationTrailer;
import org.dcom4j.rpc.transport.Connection;
import org.dcom4j.rpc.transport.ReadBuffer;
import org.dcom4j.security.Distance;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server connection: the read loop, the association state (C706 12.6.4 server state machine,
 * simplified to "not bound" / "bound"), request reassembly and response fragmentation. Owned by
 * its thread; {@link #phase} is read by the server's reaper and {@link RpcServer#close}. Calls on one connection run one at a time on this thread: the server never
 * offers PFC_CONC_MPX, so a second call's first fragment while one is open is a protocol error.
 *
 * <p>Errors: a malformed or out-of-order PDU before the bind is answered with bind_nak (when it was
 * a bind) and after it with a fault nca_s_proto_error (PFC_DID_NOT_EXECUTE); the connection is
 * closed after either. Call-level errors (unknown context, opnum out of range, handler faults) are
 * faults and the connection stays open.
 */
final class ServerConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    /** {@link #phase} states: waiting for a request (idle timeout), … */
    static final int IDLE = 0;
    /** … waiting for the rest of a fragment (fragment timeout), … */
    static final int READING = 1;
    /** … decoding, executing or answering a call (no timeout; a graceful close waits for it). */
    static final int BUSY = 2;
    private static final int INITIAL_STUB_CAPACITY = 8192;
    /** Initial read-ahead per connection; grows only for a larger fragment, itself bounded by the negotiated size. */
    private static final int READ_BUFFER = 8192;

    private final RpcServer server;
    private final Connection connection;
    private final RpcServerConfig config;
    private final String secondaryAddress;
    /** The caller, decided once from the transport (null until {@link #run} names it). */
    private Token token;
    private final Map<Integer, RpcInterface> contexts = new HashMap<>();
    private final ServerAuth auth;
    /**
     * What the read loop is doing: {@code (sequence << 2) | state}, a new sequence number with each
     * change, written by this connection's thread only. The reaper times a state from the moment it
     * first sees that value ({@link #reaperSeen}), so the call path reads no clock: one volatile store
     * when a request arrives, one when the loop waits again.
     */
    volatile long phase = BUSY;
    private long sequence;
    /** The reaper's own: the last {@link #phase} it saw and when (System.nanoTime()). */
    long reaperSeen = -1;
    long reaperSince;
    private int assocGroupId;
    private boolean bound;
    private int fragSize;
    private Call call;
    /** A response's header and fields, sent with its stub in one write. */
    private final byte[] callHeader = new byte[PduCodec.MAX_CALL_HEADER];
    /** A whole request's stub where it lies in the read buffer, while {@link #handle} runs it (else null). */
    private byte[] inPlace;
    private int inPlaceOffset;
    private int inPlaceLength;
    /** The response stub an {@link RpcStubHandler} writes; kept while at most {@link #KEEP_RESPONSE_CAPACITY}. */
    private NdrBuffer responseOut = new NdrBuffer(1024);
    private static final int KEEP_RESPONSE_CAPACITY = 64 * 1024;

    private static final byte[] NO_BYTES = new byte[0];

    /** A request being reassembled. */
    private static final class Call {
        final int callId;
        final int contextId;
        final int opnum;
        final Pdu first;
        final ServerAuth.Context auth;
        /** The stub is {@code stub[offset, offset + length)}: the read buffer's range for a whole request without verifier. */
        byte[] stub;
        int offset;
        int length;
        boolean cancelled;

        Call(Pdu first, PduBody.Request r, ServerAuth.Context auth, int capacity) {
            this.auth = auth;
            this.callId = first.callId();
            this.contextId = r.contextId();
            this.opnum = r.opnum();
            this.first = first;
            this.stub = capacity == 0 ? NO_BYTES : new byte[capacity];
        }
    }

    /** A protocol violation: answer, then close. */
    private static final class ProtocolError extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolError(String message) {
            super(message, null, false, false);
        }
    }

    ServerConnection(RpcServer server, Connection connection, String secondaryAddress) {
        this.server = server;
        this.connection = connection;
        this.config = server.config();
        this.secondaryAddress = secondaryAddress;
        this.fragSize = config.maxRecvFrag();
        this.auth = new ServerAuth(server.security(), server.logonThrottle(), connection.peerAddress());
    }

    Connection connection() {
        return connection;
    }

    private void enter(int state) {
        phase = (++sequence << 2) | state;
    }

    /** The state part of {@link #phase}. */
    static int state(long phase) {
        return (int) (phase & 3);
    }

    /** Whether a call is being decoded, executed or answered (a graceful close must wait). */
    boolean busy() {
        return state(phase) == BUSY;
    }

    @Override
    public void run() {
        byte[] header = new byte[PduHeader.LENGTH];
        ReadBuffer in = new ReadBuffer(connection, READ_BUFFER);
        try {
            try {
                token = server.callerTokens().tokenFor(connection.distance(), connection.peerCredentials().orElse(null));
            } catch (RuntimeException e) {
                LOG.warn("cannot name the caller of {}: {}; closing", connection, e.toString());
                return;
            }
            while (!server.closing()) {
                // One read usually brings the whole fragment (or more): the buffer takes what the kernel has.
                enter(IDLE);
                if (!in.awaitByte()) {
                    return;
                }
                boolean reading = false;
                if (in.buffered() < PduHeader.LENGTH) {
                    enter(READING);
                    reading = true;
                    in.require(PduHeader.LENGTH);
                }
                in.peek(header, PduHeader.LENGTH);
                Pdu pdu;
                byte[] frag;
                try {
                    PduHeader h = PduHeader.decode(header, fragSize); // bounds frag_length before the buffer grows for it
                    if (in.buffered() < h.fragLength()) {
                        if (!reading) {
                            enter(READING);
                        }
                        in.require(h.fragLength());
                    }
                    enter(BUSY);
                    int at = PduCodec.wholeRequestStub(h);
                    if (at >= 0) {
                        // the common call: run where it lies in the read buffer, taken once it has been answered
                        pdu = PduCodec.decodeWholeRequest(in.array(), in.start(), h);
                        server.stats().packetsIn.increment();
                        inPlace = in.array();
                        inPlaceOffset = in.start() + at;
                        inPlaceLength = h.fragLength() - at;
                        try {
                            handle(pdu, null);
                        } catch (ProtocolError e) {
                            reject(header, e.getMessage());
                            return;
                        } finally {
                            inPlace = null;
                        }
                        in.skip(h.fragLength());
                        continue;
                    }
                    if (h.authLength() > 0) {
                        frag = in.take(h.fragLength()); // its own copy: the verifier is checked (and a stub unsealed) on it
                        pdu = PduCodec.decode(frag, 0, h);
                    } else {
                        frag = null; // decoded where it lies in the read buffer (the decode copies what it keeps)
                        pdu = PduCodec.decode(in.array(), in.start(), h);
                        in.skip(h.fragLength());
                    }
                } catch (PduFormatException e) {
                    reject(header, e.getMessage());
                    return;
                }
                server.stats().packetsIn.increment();
                try {
                    handle(pdu, frag);
                } catch (ProtocolError e) {
                    reject(header, e.getMessage());
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}: {}", connection, e.toString());
        } finally {
            enter(BUSY); // no timeout: the connection is closing
            if (bound) {
                server.groups().leave(assocGroupId);
            }
            server.closed(this);
        }
    }

    /** {@code frag}: the fragment's bytes when it carries a verifier (null otherwise). */
    private void handle(Pdu pdu, byte[] frag) throws ProtocolError, IOException {
        switch (pdu.body()) {
            case PduBody.Bind b when !b.alterContext() -> bind(pdu, b);
            case PduBody.Bind b -> alterContext(pdu, b);
            case PduBody.Request r -> request(pdu, r, frag);
            case PduBody.CoCancel c -> {
                if (call != null && call.callId == pdu.callId()) {
                    call.cancelled = true;
                }
            }
            case PduBody.Orphaned o -> {
                if (call != null && call.callId == pdu.callId()) {
                    call = null; // abandoned: drop what was reassembled, send nothing (C706 12.6.4.8)
                }
            }
            case PduBody.Auth3 a -> {
                requireBound(pdu);
                try {
                    auth.auth3(pdu.auth()); // no response either way; a failed logon refuses the context's calls
                } catch (ServerAuth.Refusal e) {
                    throw new ProtocolError(e.getMessage());
                }
            }
            default -> throw new ProtocolError("unexpected PDU from a client: PTYPE=" + PduType.name(pdu.ptype()));
        }
    }

    private void requireBound(Pdu pdu) throws ProtocolError {
        if (!bound) {
            throw new ProtocolError(PduType.name(pdu.ptype()) + " before bind");
        }
    }

    private void bind(Pdu pdu, PduBody.Bind b) throws IOException, ProtocolError {
        if (bound) {
            throw new ProtocolError("second bind on a bound connection");
        }
        int reason = -1;
        if (!pdu.has(PfcFlags.FIRST_FRAG) || !pdu.has(PfcFlags.LAST_FRAG)) {
            reason = PduBody.BindNak.REASON_NOT_SPECIFIED; // bind PDUs are never fragmented
        } else if (b.contexts().isEmpty()) {
            reason = PduBody.BindNak.REASON_NOT_SPECIFIED;
        }
        AuthVerifier ackAuth = null;
        if (reason < 0 && pdu.auth() != null) {
            try {
                ackAuth = auth.bind(pdu.auth());
            } catch (ServerAuth.Refusal e) {
                LOG.debug("bind from {} refused: {}", connection.peerAddress(), e.getMessage());
                reason = e.nakReason;
            }
        }
        if (reason < 0 && b.assocGroupId() != 0 && !server.groups().join(b.assocGroupId())) {
            reason = PduBody.BindNak.REASON_NOT_SPECIFIED; // unknown group, as Samba answers
        }
        if (reason >= 0) {
            send(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, pdu.callId(), new PduBody.BindNak(reason, List.of(0x0500))));
            throw new ClosedAfterNak();
        }
        assocGroupId = b.assocGroupId() != 0 ? b.assocGroupId() : server.groups().create();
        bound = true;
        fragSize = Negotiation.fragmentSize(b.maxXmitFrag(), b.maxRecvFrag(), config.maxRecvFrag());
        List<ContextResult> results = Negotiation.negotiate(b.contexts(), server.interfaces(), contexts, config.maxContexts());
        // MS-RPCE 3.3.1.5.2.2: header signing is acknowledged when asked for with authentication (NTLMSSP
        // always signs the header, so this only tells the client we know it).
        int flags = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG | (ackAuth != null && pdu.has(PfcFlags.SUPPORT_HEADER_SIGN) ? PfcFlags.SUPPORT_HEADER_SIGN : 0);
        send(new Pdu(0, flags, PduHeader.DREP_LITTLE_ENDIAN, pdu.callId(),
                new PduBody.BindAck(false, fragSize, fragSize, assocGroupId, secondaryAddress, results), ackAuth));
    }

    private void alterContext(Pdu pdu, PduBody.Bind b) throws IOException, ProtocolError {
        requireBound(pdu);
        if (!pdu.has(PfcFlags.FIRST_FRAG) || !pdu.has(PfcFlags.LAST_FRAG) || call != null) {
            throw new ProtocolError("alter_context fragmented or during a call: pfc_flags=" + PfcFlags.format(pdu.flags()));
        }
        AuthVerifier ackAuth = null;
        if (pdu.auth() != null) {
            try {
                ackAuth = auth.alterContext(pdu.auth());
            } catch (ServerAuth.Refusal e) {
                LOG.debug("alter_context from {} refused: {}", connection.peerAddress(), e.getMessage());
                sendFault(pdu.callId(), 0, e.status, true);
                throw new ClosedAfterNak();
            }
        }
        List<ContextResult> results = Negotiation.negotiate(b.contexts(), server.interfaces(), contexts, config.maxContexts());
        send(new Pdu(0, PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, PduHeader.DREP_LITTLE_ENDIAN, pdu.callId(),
                new PduBody.BindAck(true, fragSize, fragSize, assocGroupId, "", results), ackAuth));
    }

    private void request(Pdu pdu, PduBody.Request r, byte[] frag) throws IOException, ProtocolError {
        requireBound(pdu);
        // Every fragment's verifier is checked (and a sealed stub decrypted) before it joins the call.
        ServerAuth.Context sc;
        try {
            sc = auth.request(frag, pdu);
        } catch (ServerAuth.Refusal e) {
            LOG.debug("request from {} refused: {}", connection.peerAddress(), e.getMessage());
            call = null;
            sendFault(pdu.callId(), r.contextId(), e.status, true);
            throw new ClosedAfterNak();
        }
        if (sc != null && sc.level == AuthLevel.PKT_PRIVACY) {
            try {
                pdu = PduCodec.decode(frag, fragSize); // the stub as decrypted in place
            } catch (PduFormatException e) {
                throw new ProtocolError(e.getMessage());
            }
            r = (PduBody.Request) pdu.body();
        }
        if (pdu.has(PfcFlags.FIRST_FRAG)) {
            if (call != null) {
                throw new ProtocolError(call.callId == pdu.callId()
                        ? "second first fragment on an open call: call_id=" + Integer.toUnsignedString(pdu.callId())
                        : "interleaved calls without PFC_CONC_MPX: open call_id=" + Integer.toUnsignedString(call.callId)
                          + ", new call_id=" + Integer.toUnsignedString(pdu.callId()));
            }
            // alloc_hint only sizes a small initial buffer; the stub grows with the bytes that really arrive.
            // A one-fragment call needs no buffer: its stub is the fragment's own (below).
            int capacity = pdu.has(PfcFlags.LAST_FRAG) ? 0
                    : (int) Math.min(Integer.toUnsignedLong(r.allocHint()), Math.min(INITIAL_STUB_CAPACITY, config.maxStubLength()));
            call = new Call(pdu, r, sc, capacity);
        } else if (call == null || call.callId != pdu.callId()) {
            throw new ProtocolError("fragment without a first fragment: call_id=" + Integer.toUnsignedString(pdu.callId()));
        } else if (r.contextId() != call.contextId || r.opnum() != call.opnum) {
            throw new ProtocolError("fragment changes p_cont_id or opnum: p_cont_id=" + r.contextId() + ", opnum=" + r.opnum());
        } else if (sc != call.auth) {
            throw new ProtocolError("fragment changes the security context of its call: call_id=" + Integer.toUnsignedString(pdu.callId()));
        }
        Call c = call;
        byte[] part = inPlace != null ? inPlace : r.stub();
        int partOffset = inPlace != null ? inPlaceOffset : 0;
        int partLength = inPlace != null ? inPlaceLength : part.length;
        if ((long) c.length + partLength > config.maxStubLength()) {
            call = null;
            sendFault(c.callId, c.contextId, FaultStatus.RPC_S_ACCESS_DENIED, true);
            throw new ClosedAfterNak();
        }
        if (c.length == 0 && pdu.has(PfcFlags.LAST_FRAG)) {
            c.stub = part; // the whole stub in one fragment: where it lies, or the decoded array as it is — no copy
            c.offset = partOffset;
        } else {
            if (c.length + partLength > c.stub.length) {
                c.stub = Arrays.copyOf(c.stub, (int) Math.min(config.maxStubLength(), Math.max(2L * c.stub.length, c.length + partLength)));
            }
            System.arraycopy(part, partOffset, c.stub, c.length, partLength);
        }
        c.length += partLength;
        c.cancelled |= pdu.has(PfcFlags.PENDING_CANCEL);
        if (pdu.has(PfcFlags.LAST_FRAG)) {
            call = null;
            execute(c);
        }
    }

    private void execute(Call c) throws IOException {
        Pdu first = c.first;
        RpcInterface iface = contexts.get(c.contextId);
        if (iface == null) {
            sendFault(c.callId, c.contextId, FaultStatus.NCA_S_UNK_IF, true);
            return;
        }
        if (c.opnum >= iface.operationCount()) {
            sendFault(c.callId, c.contextId, FaultStatus.NCA_S_OP_RNG_ERROR, true);
            return;
        }
        int length = c.length;
        VerificationTrailer trailer = null;
        if ((first.drep() >>> 28) == 1) {
            trailer = VerificationTrailer.find(c.stub, c.offset, length).orElse(null);
            if (trailer != null) {
                length = trailer.offset();
            }
        }
        PduBody.Request r = (PduBody.Request) first.body();
        boolean remote = connection.distance() == Distance.REMOTE;
        // ncalrpc callers keep their kernel identity (and the kernel's protection: privacy); TCP callers are who NTLM says.
        Token caller = remote && c.auth != null ? c.auth.token : token;
        int level = c.auth != null ? c.auth.level : remote ? AuthLevel.NONE : AuthLevel.PKT_PRIVACY;
        if (remote && !permitted(iface, caller, level)) {
            sendFault(c.callId, c.contextId, FaultStatus.RPC_S_ACCESS_DENIED, true);
            return;
        }
        CallContext ctx = new CallContext(connection.distance(), connection.peerCredentials().orElse(null), connection.peerAddress(),
                iface.id(), r.object(), c.callId, c.contextId, assocGroupId, first.drep(), c.cancelled, trailer, caller,
                c.auth != null ? c.auth.type : AuthType.NONE, level);
        server.stats().callsIn.increment();
        // BUSY since the request arrived and until the loop waits again: a graceful close() must not close the
        // connection before the response is sent.
        {
            byte[] out;
            int outLength;
            try {
                if (iface.handler() instanceof RpcStubHandler h) {
                    out = null;
                    h.call(ctx, c.opnum, c.stub, c.offset, length, responseOut.reset());
                } else {
                    // a plain handler keeps its stub: its own array (the stub may lie in the read buffer)
                    byte[] stub = c.offset == 0 && length == c.stub.length ? c.stub : Arrays.copyOfRange(c.stub, c.offset, c.offset + length);
                    out = iface.handler().call(ctx, c.opnum, stub);
                    if (out == null) {
                        out = NO_BYTES;
                    }
                }
            } catch (RpcFaultException e) {
                sendFault(c.callId, c.contextId, e.status(), false);
                return;
            } catch (RuntimeException e) {
                LOG.warn("handler of {} opnum {} failed", iface.id(), c.opnum, e);
                sendFault(c.callId, c.contextId, FaultStatus.NCA_S_FAULT_UNSPEC, false);
                return;
            }
            if (out == null) {
                out = responseOut.array();
                outLength = responseOut.size();
            } else {
                outLength = out.length;
            }
            if (!first.has(PfcFlags.MAYBE)) {
                respond(c.callId, c.contextId, out, outLength, c.auth);
            }
            if (responseOut.array().length > KEEP_RESPONSE_CAPACITY) {
                responseOut = new NdrBuffer(1024);
            }
        }
    }

    /** The interface's rule for remote callers ({@link InterfaceSecurity}), as the server's policy adjusts it. */
    private boolean permitted(RpcInterface iface, Token caller, int level) {
        InterfaceSecurity rule = server.security().policy().effective(iface.id(), iface.security());
        String why;
        if (caller.isAnonymous()) {
            if (rule.allowAnonymous()) {
                return true;
            }
            why = "anonymous callers are not allowed";
        } else if (level >= rule.minimumAuthLevel()) {
            return true;
        } else {
            why = "authentication level too low: level=" + AuthLevel.name(level) + ", required=" + AuthLevel.name(rule.minimumAuthLevel());
        }
        LOG.debug("call from {} to {} refused: {}", connection.peerAddress(), iface.id(), why);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("peer", connection.peerAddress());
        fields.put("user", caller.name());
        fields.put("interface", iface.id().toString());
        fields.put("auth_level", AuthLevel.name(level));
        server.security().events().report(new SecurityEvent(SecurityEvent.Level.WARNING, SecurityEvent.SOURCE_RPC,
                SecurityEvent.CALL_DENIED, "RPC call to " + iface.id() + " by " + caller.name() + " refused: " + why, fields));
        return false;
    }

    /** Response fragments of at most the negotiated size; stub parts but the last are multiples of 8. */
    private void respond(int callId, int contextId, byte[] stub, int length, ServerAuth.Context sc) throws IOException {
        boolean sign = sc != null && AuthLevel.signs(sc.level);
        int chunk = sign ? (fragSize - PduHeader.LENGTH - 8 - PduProtection.OVERHEAD) & ~(PduProtection.PAD_ALIGNMENT - 1)
                : (fragSize - PduHeader.LENGTH - 8) & ~7;
        int off = 0;
        do {
            int n = Math.min(chunk, length - off);
            int flags = (off == 0 ? PfcFlags.FIRST_FRAG : 0) | (off + n == length ? PfcFlags.LAST_FRAG : 0);
            if (sign) {
                Pdu response = Pdu.of(flags, callId, new PduBody.Response(length - off, contextId, 0, Arrays.copyOfRange(stub, off, off + n)));
                byte[] b = PduProtection.encode(response, sc.type, sc.level, sc.id, sc.session);
                connection.write(b, 0, b.length);
            } else {
                int head = PduCodec.encodeResponseHeader(flags, callId, length - off, contextId, n, callHeader);
                connection.write(callHeader, head, stub, off, n);
            }
            server.stats().packetsOut.increment();
            off += n;
        } while (off < length);
    }

    private void sendFault(int callId, int contextId, int status, boolean didNotExecute) throws IOException {
        int flags = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG | (didNotExecute ? PfcFlags.DID_NOT_EXECUTE : 0);
        send(Pdu.of(flags, callId, new PduBody.Fault(contextId, status)));
    }

    /** Answers a protocol violation: bind_nak while unbound (to a bind), a proto_error fault after; the caller closes. */
    private void reject(byte[] header, String why) {
        LOG.debug("protocol error from {}: {}", connection.peerAddress(), why);
        int callId = (header[12] & 0xFF) | (header[13] & 0xFF) << 8 | (header[14] & 0xFF) << 16 | (header[15] & 0xFF) << 24;
        try {
            if (bound) {
                sendFault(callId, 0, FaultStatus.NCA_S_PROTO_ERROR, true);
            } else if ((header[2] & 0xFF) == PduType.BIND) {
                boolean version = header[0] != PduHeader.RPC_VERS || (header[1] & 0xFF) > 1;
                int reason = version ? PduBody.BindNak.PROTOCOL_VERSION_NOT_SUPPORTED : PduBody.BindNak.REASON_NOT_SPECIFIED;
                send(Pdu.of(PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG, callId, new PduBody.BindNak(reason, List.of(0x0500))));
            }
        } catch (IOException e) {
            LOG.debug("could not answer {}: {}", connection.peerAddress(), e.toString());
        }
    }

    private void send(Pdu pdu) throws IOException {
        byte[] b = PduCodec.encode(pdu);
        connection.write(b, 0, b.length);
        server.stats().packetsOut.increment();
    }

    /** The connection has been answered (bind_nak or a fault) and now closes; not a protocol error to answer again. */
    private static final class ClosedAfterNak extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedAfterNak() {
            super("closed after refusal", null);
        }
    }
}
