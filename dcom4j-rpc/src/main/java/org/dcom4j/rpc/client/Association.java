package org.dcom4j.rpc.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ntlm.ChallengeLedger;
import org.dcom4j.ntlm.NtlmClient;
import org.dcom4j.ntlm.NtlmException;
import org.dcom4j.ntlm.NtlmSession;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.AuthType;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.auth.PduProtection;
import org.dcom4j.rpc.pdu.AuthVerifier;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.ContextResult;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduFormatException;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.dcom4j.rpc.transport.Connection;
import org.dcom4j.rpc.transport.ReadBuffer;
import org.dcom4j.rpc.transport.Transport;

/**
 * The client side of one association (C706 12.6.4 client state machine, reduced to "no connection"
 * / "bound"): one transport connection, its negotiated fragment sizes, association group, call ids
 * and presentation contexts. Shared by every {@link RpcBinding} derived from the same
 * {@link RpcClient#bind}; {@link #lock} makes calls on it strictly one at a time (we never ask for
 * PFC_CONC_MPX, so the server expects that too).
 *
 * <p>A timed-out call, a transport error or a protocol violation drops the connection; the next call
 * reconnects and binds again, proposing every context known so far with the same ids, in one bind.
 * Faults and rejected contexts leave the connection as it is.
 */
final class Association {
    /** Bind-time features we offer: KeepConnectionOnOrphanSupported (MS-RPCE 2.2.2.14). */
    static final int OFFERED_FEATURES = 0x02;
    private static final int INITIAL_STUB_CAPACITY = 8192;
    /** The largest request stub buffer kept between calls, in bytes. */
    private static final int KEEP_STUB_CAPACITY = 64 * 1024;
    /** Initial read-ahead per connection; grows only for a larger fragment, itself bounded by max_recv_frag. */
    private static final int READ_BUFFER = 8192;
    private static final int FIRST_LAST = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;

    private final Transport transport;
    private final String host;
    private final String endpoint;
    private final RpcClientConfig config;
    private final ClientAuth auth;
    /** The NTLM session of the current connection (null without authentication or before the handshake). */
    private NtlmSession session;
    /** The fragment {@link #read} returned last when it carried a verifier, as received (checked on these bytes); else null. */
    private byte[] lastFrag;
    private final ReentrantLock lock = new ReentrantLock();
    /** Presentation contexts by interface; ids stay fixed across reconnects. Guarded by {@link #lock}. */
    private final Map<InterfaceId, Integer> contexts = new LinkedHashMap<>();
    private int nextContextId;
    private int nextCallId = 1;
    private Connection connection;
    /** The connection's read-ahead; a new one with each connection. */
    private ReadBuffer input;
    private final byte[] header = new byte[PduHeader.LENGTH];
    /** A request's header and fields, sent with its stub in one write (guarded by {@link #lock}). */
    private final byte[] callHeader = new byte[PduCodec.MAX_CALL_HEADER];
    /** The request stub of the call in progress, encoded here and sent from here (guarded by {@link #lock}). */
    private NdrBuffer stubOut = new NdrBuffer(INITIAL_STUB_CAPACITY);
    private int xmitFrag;
    private int recvFrag;
    private int assocGroupId;
    private int features = -1;
    private volatile boolean timedOut;
    /** The deadline of the exchange in progress and its connection, or null between exchanges. */
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final Object timerLock = new Object();
    /** The pending deadline check, when it is due, and its generation (a replaced check does nothing); guarded by {@link #timerLock}. */
    private ScheduledFuture<?> pendingCheck;
    private long checkAt;
    /**
     * {@link #checkAt} while a check is pending, else null: read without {@link #timerLock} by {@link #arm},
     * which needs the lock only when no check is due by its deadline. Written under the lock.
     */
    private volatile Long pendingAt;
    private long checkGeneration;

    private record Armed(long deadline, Connection connection) {
    }
    private boolean closed;

    /** Writes a call's request stub into the association's buffer (alignment relative to its start). */
    @FunctionalInterface
    interface StubWriter {
        void write(NdrBuffer out);
    }

    /**
     * Reads a response stub lying at {@code b[offset, offset + length)} in the sender's data representation
     * (C706 14.1) — in the connection's read buffer when the response is one fragment without verifier, so
     * it must not keep {@code b}. Throws {@link NdrException} when the stub does not decode.
     */
    @FunctionalInterface
    interface StubReader<T> {
        T read(byte[] b, int offset, int length, DataRepresentation drep);
    }

    /** The auth_context_id of our one security context (any value works; Windows numbers from 0). */
    static final int AUTH_CONTEXT_ID = 0;

    Association(Transport transport, String host, String endpoint, RpcClientConfig config, ClientAuth auth) {
        this.auth = auth;
        this.transport = transport;
        this.host = host;
        this.endpoint = endpoint;
        this.config = config;
    }

    /** Makes sure {@code iface} has a presentation context: bind when not connected, else alter_context. */
    void addContext(InterfaceId iface) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (contexts.containsKey(iface)) {
                return;
            }
            if (connection == null) {
                contexts.put(iface, allocateContextId());
                try {
                    connect();
                } catch (IOException e) {
                    contexts.remove(iface);
                    throw e;
                }
                return;
            }
            int id = allocateContextId();
            ContextElement element = new ContextElement(id, syntax(iface), List.of(SyntaxId.NDR20));
            Armed guard = arm(config.callTimeout());
            try {
                PduBody.BindAck ack = (PduBody.BindAck) exchange(new PduBody.Bind(true, config.maxFrag(), config.maxFrag(), assocGroupId,
                        List.of(element)), true, 0, null).body();
                check(iface, ack.results(), 0);
            } catch (IOException | RuntimeException e) {
                throw dropAfter(e, "alter_context", config.callTimeout());
            } finally {
                disarm(guard);
            }
            contexts.put(iface, id);
        } finally {
            lock.unlock();
        }
    }

    private int allocateContextId() {
        return nextContextId++ & 0xFFFF;
    }

    /**
     * One call: the request stub written by {@code writer} into the association's buffer and sent from it
     * in fragments of at most the negotiated max_xmit_frag, the response read by {@code reader} where it
     * lies when it is one fragment without verifier, else reassembled (or unsealed) first. No stub array is
     * made per call.
     *
     * @throws RpcCallException     for a fault PDU; SocketTimeoutException after {@code timeout}
     * @throws RpcProtocolException also when the response stub does not decode (the connection is dropped)
     * @throws NdrException         from {@code writer}: nothing was sent
     */
    <T> T call(InterfaceId iface, int opnum, UUID object, StubWriter writer, StubReader<T> reader, Duration timeout)
            throws IOException {
        lock.lock();
        try {
            ensureOpen();
            NdrBuffer stub = stubOut.reset();
            writer.write(stub);
            if (connection == null) {
                connect();
            }
            Integer contextId = contexts.get(iface);
            if (contextId == null) {
                throw new IllegalStateException("no presentation context for " + iface);
            }
            int callId = nextCallId();
            Armed guard = arm(timeout);
            try {
                sendRequest(callId, contextId, opnum, object, stub.array(), stub.size());
                return readResponse(callId, iface, opnum, reader);
            } catch (IOException | RuntimeException e) {
                throw dropAfter(e, "call opnum=" + opnum, timeout);
            } finally {
                disarm(guard);
            }
        } finally {
            if (stubOut.array().length > KEEP_STUB_CAPACITY) {
                stubOut = new NdrBuffer(INITIAL_STUB_CAPACITY);
            }
            lock.unlock();
        }
    }

    private void sendRequest(int callId, int contextId, int opnum, UUID object, byte[] stub, int length) throws IOException {
        // C706 12.6.3.1: the request header is 24 bytes, 40 with an object UUID; every stub part but
        // the last is a multiple of 8 so that NDR alignment survives reassembly (Windows does the same).
        boolean sign = AuthLevel.signs(auth.level());
        int chunk = sign ? (xmitFrag - PduHeader.LENGTH - 8 - (object == null ? 0 : 16) - PduProtection.OVERHEAD) & ~(PduProtection.PAD_ALIGNMENT - 1)
                : (xmitFrag - PduHeader.LENGTH - 8 - (object == null ? 0 : 16)) & ~7;
        int off = 0;
        do {
            int n = Math.min(chunk, length - off);
            int flags = (off == 0 ? PfcFlags.FIRST_FRAG : 0) | (off + n == length ? PfcFlags.LAST_FRAG : 0)
                    | (object == null ? 0 : PfcFlags.OBJECT_UUID);
            if (sign) {
                Pdu request = Pdu.of(flags, callId, new PduBody.Request(length - off, contextId, opnum, object,
                        Arrays.copyOfRange(stub, off, off + n)));
                byte[] b = PduProtection.encode(request, AuthType.WINNT, auth.level(), AUTH_CONTEXT_ID, session);
                connection.write(b, 0, b.length);
            } else {
                int head = PduCodec.encodeRequestHeader(flags, callId, length - off, contextId, opnum, object, n, callHeader);
                connection.write(callHeader, head, stub, off, n);
            }
            off += n;
        } while (off < length);
    }

    private <T> T readResponse(int callId, InterfaceId iface, int opnum, StubReader<T> reader) throws IOException {
        byte[] buf = null;
        int length = 0;
        int drep = 0;
        boolean signs = AuthLevel.signs(auth.level());
        while (true) {
            PduHeader h = next();
            int at = buf == null && !signs && h.callId() == callId ? PduCodec.wholeResponseStub(h) : -1;
            if (at >= 0 && h.fragLength() - at <= config.maxStubLength()) { // the common case: one fragment, decoded where it lies
                ReadBuffer in = input;
                try {
                    return readStub(reader, in.array(), in.start() + at, h.fragLength() - at, h.drep(), opnum);
                } finally {
                    in.skip(h.fragLength());
                }
            }
            Pdu pdu = take(h);
            if (pdu.body() instanceof PduBody.Shutdown) {
                continue; // C706 12.6.4.11: advisory; we finish the call and keep the connection until it drops
            }
            if (pdu.body() instanceof PduBody.Response && signs) {
                pdu = opened(pdu); // faults are not signed (Windows, Samba): only responses carry verifiers
            }
            if (pdu.callId() != callId) {
                throw new RpcProtocolException("response for another call: call_id=" + Integer.toUnsignedString(pdu.callId())
                        + ", expected=" + Integer.toUnsignedString(callId));
            }
            switch (pdu.body()) {
                case PduBody.Fault f -> {
                    if (f.status() == FaultStatus.NCA_S_PROTO_ERROR) {
                        drop(); // the server closes after a protocol error (C706 12.6.4.7)
                    }
                    throw new RpcCallException(f.status(), opnum, pdu.has(PfcFlags.DID_NOT_EXECUTE), iface.toString());
                }
                case PduBody.Response r -> {
                    boolean first = buf == null;
                    if (first != pdu.has(PfcFlags.FIRST_FRAG)) {
                        throw new RpcProtocolException((first ? "first response fragment without" : "second response fragment with")
                                + " PFC_FIRST_FRAG: pfc_flags=" + PfcFlags.format(pdu.flags()));
                    }
                    byte[] part = r.stub();
                    boolean last = pdu.has(PfcFlags.LAST_FRAG);
                    if (!last && part.length == 0) {
                        throw new RpcProtocolException("empty response fragment before the last: call_id=" + Integer.toUnsignedString(callId));
                    }
                    if ((long) length + part.length > config.maxStubLength()) {
                        throw new RpcProtocolException("response stub over the limit: length=" + ((long) length + part.length)
                                + ", limit=" + config.maxStubLength());
                    }
                    if (first) {
                        drep = pdu.drep();
                        if (last) {
                            return readStub(reader, part, 0, part.length, drep, opnum);
                        }
                        // alloc_hint only sizes a small initial buffer; the stub grows with the bytes that arrive
                        buf = new byte[(int) Math.min(Integer.toUnsignedLong(r.allocHint()), Math.min(INITIAL_STUB_CAPACITY, config.maxStubLength()))];
                    }
                    if (length + part.length > buf.length) {
                        buf = Arrays.copyOf(buf, (int) Math.min(config.maxStubLength(), Math.max(2L * buf.length, length + part.length)));
                    }
                    System.arraycopy(part, 0, buf, length, part.length);
                    length += part.length;
                    if (last) {
                        return readStub(reader, buf, 0, length, drep, opnum);
                    }
                }
                default -> throw new RpcProtocolException("unexpected PDU during a call: " + pdu.body());
            }
        }
    }

    private static <T> T readStub(StubReader<T> reader, byte[] b, int offset, int length, int drep, int opnum)
            throws RpcProtocolException {
        try {
            return reader.read(b, offset, length, drep == PduHeader.DREP_LITTLE_ENDIAN ? DataRepresentation.NDR_LOCAL
                    : DataRepresentation.of(new byte[] {(byte) (drep >>> 24), (byte) (drep >>> 16), 0, 0}, 0));
        } catch (NdrException e) {
            throw new RpcProtocolException("response of opnum " + opnum + " does not decode: " + e.getMessage(), e);
        }
    }

    /** Opens the connection and binds every known context plus, if configured, the feature negotiation element. */
    private void connect() throws IOException {
        Connection c = Deadlines.connect(transport, host, endpoint, config.connectTimeout());
        connection = c;
        input = new ReadBuffer(c, READ_BUFFER);
        xmitFrag = config.maxFrag();
        recvFrag = config.maxFrag();
        List<ContextElement> elements = new ArrayList<>();
        contexts.forEach((iface, id) -> elements.add(new ContextElement(id, syntax(iface), List.of(SyntaxId.NDR20))));
        if (config.negotiateFeatures()) {
            // MS-RPCE 3.3.1.5.3: a separate element, same abstract syntax, the feature syntax as its only transfer syntax
            elements.add(new ContextElement(nextContextId, elements.getFirst().abstractSyntax(),
                    List.of(SyntaxId.bindTimeFeatures(OFFERED_FEATURES))));
        }
        Armed guard = arm(config.callTimeout());
        try {
            NtlmClient ntlm = null;
            AuthVerifier negotiate = null;
            int flags = FIRST_LAST;
            if (auth.authenticates()) {
                ntlm = new NtlmClient(auth.credentials(), auth.workstation(), reflectionLedger());
                negotiate = new AuthVerifier(AuthType.WINNT, auth.level(), 0, AUTH_CONTEXT_ID, ntlm.negotiate());
                flags |= PfcFlags.SUPPORT_HEADER_SIGN;
            }
            Pdu ackPdu = exchange(new PduBody.Bind(false, config.maxFrag(), config.maxFrag(), 0, elements), false, flags, negotiate);
            PduBody.BindAck ack = (PduBody.BindAck) ackPdu.body();
            if (ntlm != null) {
                authenticate(ntlm, ackPdu);
            }
            // C706 12.6.4.4: the server's max_recv_frag bounds what we send; it sends at most what we proposed.
            if (ack.maxRecvFrag() < RpcClientConfig.MUST_RECV_FRAG) {
                throw new RpcProtocolException("bind_ack max_recv_frag too small: max_recv_frag=" + ack.maxRecvFrag()
                        + ", limit=" + RpcClientConfig.MUST_RECV_FRAG);
            }
            xmitFrag = Math.min(config.maxFrag(), ack.maxRecvFrag()) & ~7;
            assocGroupId = ack.assocGroupId();
            features = 0;
            if (config.negotiateFeatures() && ack.results().size() == elements.size()) {
                ContextResult f = ack.results().getLast();
                features = f.result() == ContextResult.NEGOTIATE_ACK ? f.reason() & OFFERED_FEATURES : 0;
            }
            int i = 0;
            for (InterfaceId iface : contexts.keySet()) {
                check(iface, ack.results(), i++);
            }
        } catch (IOException | RuntimeException e) {
            throw dropAfter(e, "bind", config.callTimeout());
        } finally {
            disarm(guard);
        }
    }

    /**
     * Where the NTLM client checks that a CHALLENGE was not issued by our own server (reflection): the
     * process-wide ledger, except on a connection whose socket reaches this machine (judged from the
     * socket, not a name lookup) at an endpoint a server of this very process listens on — the
     * legitimate loopback case — where a private, empty ledger is used.
     */
    private ChallengeLedger reflectionLedger() {
        return connection.isLoopback() && org.dcom4j.rpc.RpcServer.servesInThisProcess(transport.protocolSequence(), endpoint)
                ? new ChallengeLedger() : ChallengeLedger.global();
    }

    /**
     * The NTLM third leg: the CHALLENGE from the bind_ack answered with an AUTHENTICATE in auth3 (same
     * call_id, no response). A refused logon shows on the first call as fault rpc_s_access_denied.
     */
    private void authenticate(NtlmClient ntlm, Pdu ackPdu) throws IOException {
        AuthVerifier challenge = ackPdu.auth();
        if (challenge == null || challenge.authType() != AuthType.WINNT || challenge.authContextId() != AUTH_CONTEXT_ID) {
            throw new RpcProtocolException("bind_ack without our NTLM CHALLENGE: auth=" + challenge);
        }
        byte[] authenticate;
        try {
            authenticate = ntlm.authenticate(challenge.authValue());
        } catch (NtlmException e) {
            throw new RpcProtocolException("NTLM CHALLENGE refused: " + e.getMessage(), e);
        }
        session = ntlm.session();
        send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, ackPdu.callId(), new PduBody.Auth3(),
                new AuthVerifier(AuthType.WINNT, auth.level(), 0, AUTH_CONTEXT_ID, authenticate)));
    }

    /** A response fragment whose verifier has been checked and, at privacy, its stub decrypted (re-decoded from the bytes). */
    private Pdu opened(Pdu pdu) throws IOException {
        AuthVerifier v = pdu.auth();
        if (v == null || v.authType() != AuthType.WINNT || v.authLevel() != auth.level() || v.authContextId() != AUTH_CONTEXT_ID) {
            throw new RpcProtocolException("response without the verifier of our security context: auth=" + v
                    + ", expected auth_level=" + AuthLevel.name(auth.level()));
        }
        try {
            if (!PduProtection.open(lastFrag, auth.level(), session)) {
                throw new RpcProtocolException("response signature does not verify: call_id=" + Integer.toUnsignedString(pdu.callId()));
            }
            return auth.level() == AuthLevel.PKT_PRIVACY ? PduCodec.decode(lastFrag, recvFrag) : pdu;
        } catch (PduFormatException e) {
            throw new RpcProtocolException("malformed protected response: " + e.getMessage(), e);
        }
    }

    /** Sends a bind or alter_context and returns the bind_ack / alter_context_resp PDU, or throws for bind_nak. */
    private Pdu exchange(PduBody.Bind bind, boolean alter, int flags, AuthVerifier verifier) throws IOException {
        int callId = nextCallId();
        send(new Pdu(0, flags == 0 ? FIRST_LAST : flags, PduHeader.DREP_LITTLE_ENDIAN, callId, bind, verifier));
        Pdu pdu = read();
        if (pdu.body() instanceof PduBody.BindNak nak) {
            drop();
            throw RpcBindException.nak(nak.rejectReason());
        }
        if (!(pdu.body() instanceof PduBody.BindAck ack) || ack.alterContext() != alter || pdu.callId() != callId) {
            throw new RpcProtocolException("expected " + (alter ? "alter_context_resp" : "bind_ack") + " for call_id="
                    + Integer.toUnsignedString(callId) + ", got " + pdu.body() + " call_id=" + Integer.toUnsignedString(pdu.callId()));
        }
        if (ack.results().size() != bind.contexts().size()) {
            throw new RpcProtocolException("result count differs from context count: n_results=" + ack.results().size()
                    + ", n_context_elem=" + bind.contexts().size());
        }
        return pdu;
    }

    private static void check(InterfaceId iface, List<ContextResult> results, int index) throws RpcBindException, RpcProtocolException {
        ContextResult r = results.get(index);
        if (r.result() != ContextResult.ACCEPTANCE) {
            throw RpcBindException.contextRejected(iface.toString(), r);
        }
        if (!r.transferSyntax().equals(SyntaxId.NDR20)) {
            throw new RpcProtocolException("context accepted with a transfer syntax we did not propose: " + r.transferSyntax());
        }
    }

    /** Reads one fragment, bounded by the max_recv_frag we proposed. */
    private Pdu read() throws IOException {
        return take(next());
    }

    /** Buffers the next fragment whole and returns its header; frag_length is bounded by the max_recv_frag we proposed. */
    private PduHeader next() throws IOException {
        ReadBuffer in = input;
        in.require(PduHeader.LENGTH); // one read usually brings the whole fragment
        in.peek(header, PduHeader.LENGTH);
        PduHeader h;
        try {
            h = PduHeader.decode(header, recvFrag); // bounds frag_length before the buffer grows for it
        } catch (PduFormatException e) {
            throw new RpcProtocolException("malformed PDU from the server: " + e.getMessage(), e);
        }
        in.require(h.fragLength());
        return h;
    }

    /** Decodes the fragment {@link #next} buffered, and takes it from the read buffer. */
    private Pdu take(PduHeader h) throws RpcProtocolException {
        ReadBuffer in = input;
        try {
            if (h.authLength() > 0) {
                lastFrag = in.take(h.fragLength()); // its own copy: the verifier is checked (and a stub unsealed) on it
                return PduCodec.decode(lastFrag, 0, h);
            }
            lastFrag = null;
            Pdu pdu = PduCodec.decode(in.array(), in.start(), h); // where it lies: the decode copies what it keeps
            in.skip(h.fragLength());
            return pdu;
        } catch (PduFormatException e) {
            throw new RpcProtocolException("malformed PDU from the server: " + e.getMessage(), e);
        }
    }

    private void send(Pdu pdu) throws IOException {
        byte[] b = PduCodec.encode(pdu);
        connection.write(b, 0, b.length);
    }

    private int nextCallId() {
        int id = nextCallId++;
        if (nextCallId == 0) {
            nextCallId = 1;
        }
        return id;
    }

    /**
     * Arms the deadline of one exchange: once it passes, the timer closes the connection, a blocked
     * read then fails and {@link #dropAfter} reports the timeout. No timer task per call: one check
     * per association stays scheduled at (or before) the earliest armed deadline and re-arms itself
     * for a later one, so a call only writes {@link #armed} (scheduling a task per call woke the timer
     * thread on every call: a futex wake and a context switch).
     */
    private Armed arm(Duration timeout) {
        timedOut = false;
        Armed a = new Armed(System.nanoTime() + timeout.toNanos(), connection);
        armed.set(a);
        // A check due no later than this deadline finds this Armed when it runs (it reads armed after clearing
        // pendingAt, and armed was set before pendingAt is read here) and reschedules for it: no lock per call.
        Long due = pendingAt;
        if (due != null && a.deadline() - due >= 0) {
            return a;
        }
        synchronized (timerLock) {
            if (pendingCheck == null || a.deadline() - checkAt < 0) {
                if (pendingCheck != null) {
                    pendingCheck.cancel(false);
                }
                scheduleCheck(a.deadline());
            }
        }
        return a;
    }

    /** The exchange armed as {@code a} has ended: its deadline no longer applies. */
    private void disarm(Armed a) {
        armed.compareAndSet(a, null);
    }

    /** Guarded by {@link #timerLock}. */
    private void scheduleCheck(long at) {
        long generation = ++checkGeneration;
        checkAt = at;
        pendingAt = at;
        pendingCheck = Deadlines.schedule(() -> checkDeadline(generation), Duration.ofNanos(Math.max(0, at - System.nanoTime())));
    }

    private void checkDeadline(long generation) {
        Armed a = armed.get();
        if (a != null && System.nanoTime() - a.deadline() >= 0 && armed.compareAndSet(a, null)) {
            timedOut = true;
            closeQuietly(a.connection());
        }
        synchronized (timerLock) {
            if (generation != checkGeneration) {
                return; // replaced by an earlier check, or the association closed
            }
            pendingCheck = null;
            pendingAt = null;
            a = armed.get();
            if (a != null) {
                scheduleCheck(a.deadline());
            }
        }
    }

    /**
     * Drops the connection unless {@code e} is a fault or a refused context on a healthy one (a bind_nak
     * has dropped it already); turns a deadline close into a timeout.
     */
    private IOException dropAfter(Exception e, String what, Duration timeout) {
        if (e instanceof RpcCallException || e instanceof RpcBindException) {
            return (IOException) e;
        }
        boolean late = timedOut;
        drop();
        if (late) {
            SocketTimeoutException t = new SocketTimeoutException(what + " timed out: timeout=" + timeout.toMillis()
                    + " ms; connection closed, the next call reconnects");
            t.initCause(e);
            return t;
        }
        if (e instanceof IOException io) {
            return io;
        }
        return new RpcProtocolException(what + " failed: " + e, e);
    }

    private void drop() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
            input = null;
            session = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("binding closed");
        }
    }

    private static SyntaxId syntax(InterfaceId iface) {
        return new SyntaxId(iface.uuid(), iface.major(), iface.minor());
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing is best effort; the peer sees the connection end either way
        }
    }

    /** Closes the connection; further calls fail. Waits for a call in progress. */
    void close() {
        lock.lock();
        try {
            closed = true;
            drop();
            synchronized (timerLock) {
                if (pendingCheck != null) {
                    pendingCheck.cancel(false);
                    pendingCheck = null;
                    pendingAt = null;
                }
                checkGeneration++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Negotiated sizes and group, for tests and diagnostics; 0 before the first connection. */
    int xmitFrag() {
        return xmitFrag;
    }

    int recvFrag() {
        return recvFrag;
    }

    int assocGroupId() {
        return assocGroupId;
    }

    /** The bind-time features the server acknowledged, or -1 before the first bind. */
    int features() {
        return features;
    }

    String describe() {
        return transport.protocolSequence() + ":" + host + "[" + endpoint + "]";
    }
}
