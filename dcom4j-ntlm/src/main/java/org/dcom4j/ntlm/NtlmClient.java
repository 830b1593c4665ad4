package org.dcom4j.ntlm;

import static org.dcom4j.ntlm.NtlmFlags.*;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The initiator side of one NTLM authentication (MS-NLMP 3.1.5): NEGOTIATE out, CHALLENGE in,
 * NTLMv2 AUTHENTICATE out (with a MIC when the server sent MsvAvTimestamp), then {@link #session()}.
 * Not thread-safe; one instance per handshake.
 */
public final class NtlmClient {
    /** What we ask for; no domain or workstation in the NEGOTIATE, as Windows does. */
    static final int NEGOTIATE_FLAGS = NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_SIGN | NEGOTIATE_SEAL | NEGOTIATE_NTLM
            | NEGOTIATE_ALWAYS_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_VERSION | NEGOTIATE_128
            | NEGOTIATE_KEY_EXCH | NEGOTIATE_56;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NtlmCredentials credentials;
    private final String workstation;
    private final ChallengeLedger ledger;
    private final Clock clock;
    private byte[] negotiate;
    private NtlmSession session;

    /** A client that checks and records challenges in the process-wide {@link ChallengeLedger#global()}. */
    public NtlmClient(NtlmCredentials credentials, String workstation) {
        this(credentials, workstation, ChallengeLedger.global());
    }

    public NtlmClient(NtlmCredentials credentials, String workstation, ChallengeLedger ledger) {
        this(credentials, workstation, ledger, Clock.systemUTC());
    }

    NtlmClient(NtlmCredentials credentials, String workstation, ChallengeLedger ledger, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.workstation = Objects.requireNonNull(workstation, "workstation");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The NEGOTIATE_MESSAGE (a fresh array owned by the caller). */
    public byte[] negotiate() {
        negotiate = new NegotiateMessage(NEGOTIATE_FLAGS, "", "", NtlmServer.VERSION).encode();
        return negotiate.clone();
    }

    /** CHALLENGE_MESSAGE in, AUTHENTICATE_MESSAGE out. */
    public byte[] authenticate(byte[] challengeMessage) throws NtlmException {
        if (negotiate == null || session != null) {
            throw new NtlmException(NtlmException.Reason.UNEXPECTED_MESSAGE,
                    negotiate == null ? "CHALLENGE_MESSAGE before the NEGOTIATE" : "second CHALLENGE_MESSAGE");
        }
        ChallengeMessage chal = ChallengeMessage.decode(challengeMessage);
        byte[] serverChallenge = chal.serverChallenge();
        if (ledger.isOutstanding(serverChallenge)) {
            throw new NtlmException(NtlmException.Reason.REFLECTED_CHALLENGE, "the server challenge is one our own server issued");
        }
        if (!has(chal.flags(), NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException(NtlmException.Reason.EXTENDED_SESSION_SECURITY_REQUIRED,
                    "server did not grant NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY: NegotiateFlags=0x" + Integer.toHexString(chal.flags()));
        }
        if (!has(chal.flags(), NEGOTIATE_128)) {
            // Windows' default NtlmMinClientSec (0x20080000) demands 128-bit keys: a 40/56-bit seal key is breakable
            throw new NtlmException(NtlmException.Reason.EXTENDED_SESSION_SECURITY_REQUIRED,
                    "server did not grant NTLMSSP_NEGOTIATE_128 (128-bit keys): NegotiateFlags=0x" + Integer.toHexString(chal.flags()));
        }
        int flags = chal.flags() & (NEGOTIATE_FLAGS | NEGOTIATE_TARGET_INFO | NEGOTIATE_OEM);
        if (has(flags, NEGOTIATE_UNICODE)) {
            flags &= ~NEGOTIATE_OEM;
        }
        flags |= NEGOTIATE_VERSION; // we always send the Version field
        byte[] lm;
        byte[] nt;
        byte[] sessionBaseKey;
        boolean mic = false;
        if (credentials.isAnonymous()) {
            flags |= NEGOTIATE_ANONYMOUS; // MS-NLMP 3.1.5.1.2, as Windows and Samba clients send it
            lm = new byte[1];
            nt = new byte[0];
            sessionBaseKey = new byte[16];
        } else {
            AvPair time = AvPair.find(chal.targetInfo(), AvPair.MSV_AV_TIMESTAMP);
            mic = time != null;
            byte[] timestamp = time != null && time.value().length == 8 ? time.value() : filetimeNow();
            byte[] clientChallenge = random(8);
            byte[] blob = blob(timestamp, clientChallenge, pairsForBlob(chal.targetInfo(), mic));
            byte[] ntowfv2 = ntowfv2(credentials.hash(), credentials.user(), credentials.domain());
            byte[] proof = Crypto.hmacMd5(ntowfv2, serverChallenge, blob);
            nt = concat(proof, blob);
            // MS-NLMP 3.1.5.1.2: with MsvAvTimestamp the LmChallengeResponse is Z(24).
            lm = mic ? new byte[24] : concat(Crypto.hmacMd5(ntowfv2, serverChallenge, clientChallenge), clientChallenge);
            sessionBaseKey = Crypto.hmacMd5(ntowfv2, proof);
        }
        byte[] exported;
        byte[] encrypted;
        if (has(flags, NEGOTIATE_KEY_EXCH)) {
            exported = random(16);
            encrypted = Crypto.rc4(sessionBaseKey, exported);
        } else {
            exported = sessionBaseKey;
            encrypted = new byte[0];
        }
        AuthenticateMessage auth = new AuthenticateMessage(flags, lm, nt, credentials.domain(), credentials.user(), workstation,
                encrypted, NtlmServer.VERSION, new byte[AuthenticateMessage.MIC_LENGTH]);
        byte[] out = auth.encode();
        if (mic) {
            byte[] value = Crypto.hmacMd5(exported, negotiate, challengeMessage, out);
            System.arraycopy(value, 0, out, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_LENGTH);
        }
        ledger.answered(serverChallenge);
        session = new NtlmSession(exported, flags, false);
        return out;
    }

    /** The session security context; available once {@link #authenticate} has returned. */
    public NtlmSession session() {
        if (session == null) {
            throw new IllegalStateException("no session before authenticate() has succeeded");
        }
        return session;
    }

    /** NTOWFv2 = HMAC_MD5(NT hash, UTF-16LE(Uppercase(user) || domain)) (MS-NLMP 3.3.2). */
    static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return Crypto.hmacMd5(ntHash, (NtlmServer.upper(user) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    /** The server's pairs, with MsvAvFlags |= MIC_PRESENT when we send a MIC (MS-NLMP 3.1.5.1.2). */
    private static List<AvPair> pairsForBlob(List<AvPair> server, boolean mic) {
        List<AvPair> out = new ArrayList<>(server.size() + 1);
        int avFlags = 0;
        for (AvPair p : server) {
            if (p.id() == AvPair.MSV_AV_FLAGS && p.value().length == 4) {
                avFlags = NtlmWire.u32(p.value(), 0);
            } else {
                out.add(p);
            }
        }
        if (mic) {
            avFlags |= AvPair.FLAG_MIC_PRESENT;
        }
        if (avFlags != 0) {
            byte[] v = new byte[4];
            NtlmWire.put32(v, 0, avFlags);
            out.add(new AvPair(AvPair.MSV_AV_FLAGS, v));
        }
        return out;
    }

    /**
     * NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7):
     * <pre>
     * | 01 | 01 | Z(6) | TimeStamp (8) | ChallengeFromClient (8) | Z(4) | AvPairs ... EOL | Z(4) |
     * </pre>
     */
    static byte[] blob(byte[] timestamp, byte[] clientChallenge, List<AvPair> pairs) {
        byte[] av = AvPair.encodeList(pairs);
        byte[] b = new byte[28 + av.length + 4];
        b[0] = 1;
        b[1] = 1;
        System.arraycopy(timestamp, 0, b, 8, 8);
        System.arraycopy(clientChallenge, 0, b, 16, 8);
        System.arraycopy(av, 0, b, 28, av.length);
        return b;
    }

    private byte[] filetimeNow() {
        byte[] t = new byte[8];
        NtlmWire.put64(t, 0, Filetime.of(clock.instant()));
        return t;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
