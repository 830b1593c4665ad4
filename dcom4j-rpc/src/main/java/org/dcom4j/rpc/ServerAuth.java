package org.dcom4j.rpc;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dcom4j.ntlm.NtlmAuthentication;
import org.dcom4j.ntlm.NtlmException;
import org.dcom4j.ntlm.NtlmServer;
import org.dcom4j.ntlm.NtlmSession;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.AuthType;
import org.dcom4j.rpc.auth.PduProtection;
import org.dcom4j.rpc.pdu.AuthVerifier;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduFormatException;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Token;

/**
 * The security contexts of one server connection (MS-RPCE 3.3.1.5.2 and 3.3.1.5.4): NTLMSSP
 * handshakes carried by bind / alter_context (NEGOTIATE), their acks (CHALLENGE) and auth3 or a
 * second alter_context (AUTHENTICATE); then the check of every request fragment's verifier before it
 * is reassembled. Owned by the connection's thread.
 *
 * <p>Refusals, each answered then the connection closed (a peer that breaks these rules is not
 * trusted with another PDU): an auth type other than NTLMSSP or a bad level (bind_nak
 * authentication_type_not_recognized / reason_not_specified); an alter_context that changes the type
 * or level of an existing context, more contexts than {@link RpcSecurity#maxAuthContexts()}, auth3
 * for an unknown or completed context (protocol error); a request whose level is lower than its
 * context's, that names an unknown or failed context, or arrives before the handshake completed
 * (rpc_s_access_denied); a bad signature (rpc_s_sec_pkg_error); auth_pad_length reaching past the
 * stub (protocol error).
 */
final class ServerAuth {
    enum State { CHALLENGED, COMPLETE, FAILED }

    /** One security context. */
    static final class Context {
        final int id;
        final int type;
        final int level;
        final NtlmServer ntlm;
        State state = State.CHALLENGED;
        NtlmSession session;
        Token token;
        String who = "";

        Context(int id, int type, int level, NtlmServer ntlm) {
            this.id = id;
            this.type = type;
            this.level = level;
            this.ntlm = ntlm;
        }
    }

    /** Refused: a bind_nak reason (bind) or a fault status; the connection then closes. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int nakReason;
        final int status;

        Refusal(int nakReason, int status, String message) {
            super(message, null, false, false);
            this.nakReason = nakReason;
            this.status = status;
        }

        static Refusal nak(int reason, String message) {
            return new Refusal(reason, FaultStatus.NCA_S_PROTO_ERROR, message);
        }

        static Refusal fault(int status, String message) {
            return new Refusal(PduBody.BindNak.REASON_NOT_SPECIFIED, status, message);
        }
    }

    private final RpcSecurity security;
    private final LogonThrottle throttle;
    private final String peer;
    /** A logon failed on this connection: no further handshake is accepted on it. */
    private boolean logonFailed;
    private final Map<Integer, Context> contexts = new HashMap<>(4);
    /** The context the bind established, used by requests without a verifier (level connect); null when the bind had none. */
    private Context bindContext;

    ServerAuth(RpcSecurity security, LogonThrottle throttle, String peer) {
        this.security = security;
        this.throttle = throttle;
        this.peer = peer;
    }

    /** The bind's verifier (NEGOTIATE) → the bind_ack's (CHALLENGE). */
    AuthVerifier bind(AuthVerifier v) throws Refusal {
        Context c = start(v, true);
        bindContext = c;
        return c == null ? null : new AuthVerifier(c.type, c.level, 0, c.id, challenge(c, v, true));
    }

    /**
     * An alter_context's verifier: a new context (NEGOTIATE → CHALLENGE in the response), the third
     * leg of a pending one (AUTHENTICATE → no verifier back), or a repeat of a completed one (ignored).
     */
    AuthVerifier alterContext(AuthVerifier v) throws Refusal {
        Context existing = contexts.get(v.authContextId());
        if (existing == null) {
            Context c = start(v, false);
            return new AuthVerifier(c.type, c.level, 0, c.id, challenge(c, v, false));
        }
        sameTypeAndLevel(existing, v, "alter_context");
        if (existing.state == State.CHALLENGED) {
            complete(existing, v);
            if (existing.state == State.FAILED) {
                throw Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "authentication failed in alter_context: " + existing.who);
            }
        }
        return null;
    }

    /** auth3: the AUTHENTICATE message of a pending context. A failure is remembered: its requests are refused. */
    void auth3(AuthVerifier v) throws Refusal {
        if (v == null) {
            throw Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, "auth3 without an auth verifier");
        }
        Context c = contexts.get(v.authContextId());
        if (c == null) {
            throw Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, "auth3 for an unknown security context: auth_context_id="
                    + Integer.toUnsignedString(v.authContextId()));
        }
        sameTypeAndLevel(c, v, "auth3");
        if (c.state != State.CHALLENGED) {
            throw Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, "auth3 after the handshake completed: auth_context_id="
                    + Integer.toUnsignedString(v.authContextId()) + ", state=" + c.state);
        }
        complete(c, v);
    }

    /**
     * Checks one request fragment against its security context: the verifier it names (or the bind's
     * context at level connect), signature checked and, at privacy, the stub decrypted in place.
     *
     * @return the context the fragment belongs to, or null for an unauthenticated request on a connection
     *         whose bind carried no verifier
     */
    Context request(byte[] frag, Pdu pdu) throws Refusal {
        AuthVerifier v = pdu.auth();
        if (v == null) {
            if (bindContext == null) {
                return null;
            }
            usable(bindContext);
            if (AuthLevel.signs(bindContext.level)) {
                throw Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "request without a verifier below the bound level: level="
                        + AuthLevel.name(AuthLevel.NONE) + ", bound=" + AuthLevel.name(bindContext.level));
            }
            return bindContext;
        }
        Context c = contexts.get(v.authContextId());
        if (c == null) {
            throw Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "request names an unknown security context: auth_context_id="
                    + Integer.toUnsignedString(v.authContextId()));
        }
        if (v.authType() != c.type || v.authLevel() != c.level) {
            throw Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "request level or type differs from its context: auth_level="
                    + AuthLevel.name(v.authLevel()) + ", auth_type=" + AuthType.name(v.authType()) + ", context level="
                    + AuthLevel.name(c.level));
        }
        usable(c);
        if (!AuthLevel.signs(c.level)) {
            return c; // connect: the verifier, if any, is not a signature (Samba and Windows ignore it too)
        }
        boolean ok;
        try {
            ok = PduProtection.open(frag, c.level, c.session);
        } catch (PduFormatException e) {
            throw Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, e.getMessage());
        }
        if (!ok) {
            throw Refusal.fault(FaultStatus.RPC_S_SEC_PKG_ERROR, "request signature does not verify: auth_context_id="
                    + Integer.toUnsignedString(c.id) + ", user=" + c.who);
        }
        return c;
    }

    private Context start(AuthVerifier v, boolean bind) throws Refusal {
        if (v.authType() != AuthType.WINNT) {
            throw Refusal.nak(PduBody.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED, "unsupported auth_type="
                    + AuthType.name(v.authType()) + " (dcom4j speaks NTLMSSP, auth_type=10)");
        }
        if (v.authLevel() < AuthLevel.CONNECT || v.authLevel() > AuthLevel.PKT_PRIVACY) {
            throw Refusal.nak(PduBody.BindNak.REASON_NOT_SPECIFIED, "auth_level out of range: auth_level=" + v.authLevel() + ", limit=2..6");
        }
        if (logonFailed || !throttle.allows(peer)) {
            // online guessing: one failed logon per connection, a few per host and minute
            throw bind ? Refusal.nak(PduBody.BindNak.REASON_NOT_SPECIFIED, "logon refused: too many failed logons")
                    : Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "no new security context after a failed logon");
        }
        if (contexts.size() >= security.maxAuthContexts()) {
            throw bind ? Refusal.nak(PduBody.BindNak.LOCAL_LIMIT_EXCEEDED, "too many security contexts")
                    : Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, "too many security contexts on one connection: limit="
                    + security.maxAuthContexts());
        }
        Context c = new Context(v.authContextId(), v.authType(), v.authLevel(), new NtlmServer(security.ntlm(), security.accounts()));
        contexts.put(c.id, c);
        return c;
    }

    private static byte[] challenge(Context c, AuthVerifier v, boolean bind) throws Refusal {
        try {
            return c.ntlm.challenge(v.authValue());
        } catch (NtlmException e) {
            c.state = State.FAILED;
            throw bind ? Refusal.nak(PduBody.BindNak.REASON_NOT_SPECIFIED, "NTLM NEGOTIATE refused: " + e.getMessage())
                    : Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, "NTLM NEGOTIATE refused: " + e.getMessage());
        }
    }

    private void complete(Context c, AuthVerifier v) {
        try {
            NtlmAuthentication a = c.ntlm.authenticate(v.authValue());
            c.session = a.session();
            c.token = a.token();
            c.who = a.displayName();
            c.state = State.COMPLETE;
        } catch (NtlmException e) {
            failed(c, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            // the account store failed (busy, unreadable): deny, and say so — never a dead connection thread
            failed(c, "ACCOUNT_STORE_ERROR", "the account store could not be read: " + e.getClass().getSimpleName());
        }
    }

    private void failed(Context c, String reason, String message) {
        c.state = State.FAILED;
        logonFailed = true;
        throttle.failed(peer);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("peer", peer);
        fields.put("reason", reason);
        fields.put("auth_level", AuthLevel.name(c.level));
        security.events().report(new SecurityEvent(SecurityEvent.Level.WARNING, SecurityEvent.SOURCE_RPC,
                SecurityEvent.LOGON_FAILURE, "An account failed to log on over RPC from " + peer + ": " + message, fields));
    }

    private static void sameTypeAndLevel(Context c, AuthVerifier v, String what) throws Refusal {
        if (v.authType() != c.type || v.authLevel() != c.level) {
            throw Refusal.fault(FaultStatus.NCA_S_PROTO_ERROR, what + " changes the security context: auth_type="
                    + AuthType.name(v.authType()) + ", auth_level=" + AuthLevel.name(v.authLevel()) + ", context auth_type="
                    + AuthType.name(c.type) + ", auth_level=" + AuthLevel.name(c.level));
        }
    }

    private static void usable(Context c) throws Refusal {
        if (c.state != State.COMPLETE) {
            throw Refusal.fault(FaultStatus.RPC_S_ACCESS_DENIED, c.state == State.FAILED
                    ? "authentication failed for this security context: auth_context_id=" + Integer.toUnsignedString(c.id)
                    : "request before the security context completed: auth_context_id=" + Integer.toUnsignedString(c.id));
        }
    }
}
