package org.dcom4j.ntlm;

import static org.dcom4j.ntlm.NtlmFlags.*;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The acceptor side of one NTLM authentication (MS-NLMP 3.2.5): NEGOTIATE in, CHALLENGE out,
 * AUTHENTICATE in, an {@link NtlmAuthentication} or a refusal out. Only NTLMv2 with extended session
 * security is accepted, plus the NULL session. Not thread-safe; one instance per handshake, used once.
 */
public final class NtlmServer {
    /** Flags the server echoes when the client asks for them (MS-NLMP 3.2.5.1.1). */
    private static final int SUPPORTED = NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_SIGN | NEGOTIATE_SEAL
            | NEGOTIATE_NTLM | NEGOTIATE_ALWAYS_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_TARGET_INFO
            | NEGOTIATE_VERSION | NEGOTIATE_128 | NEGOTIATE_KEY_EXCH | NEGOTIATE_56;
    /** Windows Server 2022 (10.0.20348), NTLMSSP_REVISION_W2K3 (MS-NLMP 2.2.2.10). */
    static final byte[] VERSION = {10, 0, (byte) 0x4C, (byte) 0x4F, 0, 0, 0, 15};
    private static final SecureRandom RANDOM = new SecureRandom();
    /** NTProofStr (16) + the fixed part of NTLMv2_CLIENT_CHALLENGE (28) (MS-NLMP 2.2.2.7). */
    static final int MIN_NTLMV2_RESPONSE = 16 + 28;

    private final NtlmServerConfig config;
    private final NtlmAccounts accounts;
    private final ChallengeLedger ledger;
    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;
    private int challengeFlags;
    private boolean finished;

    /** A server that records its challenges in the process-wide {@link ChallengeLedger#global()}. */
    public NtlmServer(NtlmServerConfig config, NtlmAccounts accounts) {
        this(config, accounts, ChallengeLedger.global());
    }

    public NtlmServer(NtlmServerConfig config, NtlmAccounts accounts, ChallengeLedger ledger) {
        this.config = Objects.requireNonNull(config, "config");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** NEGOTIATE_MESSAGE in, CHALLENGE_MESSAGE out (a fresh array owned by the caller). */
    public byte[] challenge(byte[] negotiateMessage) throws NtlmException {
        if (challenge != null) {
            throw new NtlmException(NtlmException.Reason.UNEXPECTED_MESSAGE, "NEGOTIATE_MESSAGE after the CHALLENGE was sent");
        }
        NegotiateMessage neg = NegotiateMessage.decode(negotiateMessage);
        int asked = neg.flags();
        int flags = asked & SUPPORTED;
        if (!has(asked, NEGOTIATE_UNICODE)) {
            flags |= NEGOTIATE_OEM;
        }
        flags |= TARGET_TYPE_SERVER | NEGOTIATE_TARGET_INFO | NEGOTIATE_NTLM;
        byte[] sc = new byte[8];
        RANDOM.nextBytes(sc);
        List<AvPair> info = new ArrayList<>();
        // Order as Windows sends it; impacket's client needs MsvAvNbComputerName to build its MsvAvTargetName.
        info.add(new AvPair(AvPair.MSV_AV_NB_DOMAIN_NAME, NtlmWire.encode(config.netbiosDomainName(), true)));
        info.add(new AvPair(AvPair.MSV_AV_NB_COMPUTER_NAME, NtlmWire.encode(config.netbiosComputerName(), true)));
        info.add(new AvPair(AvPair.MSV_AV_DNS_DOMAIN_NAME, NtlmWire.encode(config.announcedDnsDomainName(), true)));
        info.add(new AvPair(AvPair.MSV_AV_DNS_COMPUTER_NAME, NtlmWire.encode(config.dnsComputerName(), true)));
        byte[] time = new byte[8];
        NtlmWire.put64(time, 0, Filetime.of(config.clock().instant()));
        info.add(new AvPair(AvPair.MSV_AV_TIMESTAMP, time));
        ChallengeMessage msg = new ChallengeMessage(flags, config.netbiosComputerName(), sc, info,
                has(flags, NEGOTIATE_VERSION) ? VERSION : new byte[0]);
        // TargetName follows the charset; the AV pairs are UTF-16LE whatever it is (MS-NLMP 2.2.2.1).
        byte[] out = msg.encode();
        this.negotiate = negotiateMessage.clone();
        this.challenge = out.clone();
        this.serverChallenge = sc;
        this.challengeFlags = flags;
        ledger.issued(sc);
        return out;
    }

    /** AUTHENTICATE_MESSAGE in; the authenticated caller or an NtlmException with the reason. */
    public NtlmAuthentication authenticate(byte[] authenticateMessage) throws NtlmException {
        if (challenge == null || finished) {
            throw new NtlmException(NtlmException.Reason.UNEXPECTED_MESSAGE,
                    challenge == null ? "AUTHENTICATE_MESSAGE before the CHALLENGE" : "second AUTHENTICATE_MESSAGE");
        }
        finished = true;
        try {
            return verify(authenticateMessage);
        } finally {
            ledger.retire(serverChallenge);
        }
    }

    private NtlmAuthentication verify(byte[] raw) throws NtlmException {
        AuthenticateMessage auth = AuthenticateMessage.decode(raw);
        byte[] nt = auth.ntChallengeResponse();
        byte[] lm = auth.lmChallengeResponse();
        boolean anonymous = false;
        if (nt.length == 24) {
            throw new NtlmException(NtlmException.Reason.NTLMV1_REFUSED, "NtChallengeResponse length=24 (NTLMv1)");
        } else if (nt.length == 0) {
            boolean emptyLm = lm.length == 0 || (lm.length == 1 && lm[0] == 0);
            if (!auth.user().isEmpty() || !emptyLm) {
                throw new NtlmException(NtlmException.Reason.LM_REFUSED, "LM-only response: LmChallengeResponse length=" + lm.length);
            }
            anonymous = true;
        } else if (nt.length < MIN_NTLMV2_RESPONSE) {
            throw NtlmException.malformed("NtChallengeResponse too short: length=" + nt.length + ", limit=" + MIN_NTLMV2_RESPONSE);
        }
        int flags = auth.flags() & challengeFlags;
        if (!has(flags, NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException(NtlmException.Reason.EXTENDED_SESSION_SECURITY_REQUIRED,
                    "NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY not negotiated: NegotiateFlags=0x" + Integer.toHexString(auth.flags()));
        }
        if (ledger.wasAnswered(serverChallenge)) {
            throw new NtlmException(NtlmException.Reason.REFLECTED_CHALLENGE, "our own client answered this server challenge");
        }
        byte[] sessionBaseKey;
        Token token;
        List<AvPair> clientPairs = List.of();
        if (anonymous) {
            sessionBaseKey = new byte[16];
            token = Token.anonymous(List.of(WellKnownSids.NETWORK));
        } else {
            if (!config.servesDomain(auth.domain())) {
                throw new NtlmException(NtlmException.Reason.UNKNOWN_DOMAIN, "DomainName=" + printable(auth.domain()));
            }
            clientPairs = AvPair.decodeList(nt, MIN_NTLMV2_RESPONSE, nt.length, "NTLMv2_CLIENT_CHALLENGE.AvPairs");
            Optional<NtlmAccount> account = auth.user().isEmpty() ? Optional.empty() : accounts.find(auth.domain(), auth.user());
            // Unknown users cost the same HMACs as known ones, so timing does not tell them apart.
            byte[] ntHash = account.map(NtlmAccount::ntHash).orElseGet(() -> new byte[16]);
            byte[] ntowfv2 = NtlmClient.ntowfv2(ntHash, auth.user(), auth.domain());
            Arrays.fill(ntHash, (byte) 0);
            try {
                byte[] proof = Crypto.hmacMd5(ntowfv2, serverChallenge, Arrays.copyOfRange(nt, 16, nt.length));
                boolean ok = MessageDigest.isEqual(proof, Arrays.copyOf(nt, 16)) & account.isPresent();
                if (!ok) {
                    throw new NtlmException(NtlmException.Reason.LOGON_FAILURE, "logon failure: UserName=" + printable(auth.user())
                            + ", DomainName=" + printable(auth.domain()));
                }
                sessionBaseKey = Crypto.hmacMd5(ntowfv2, proof);
                token = account.get().token();
            } finally {
                Arrays.fill(ntowfv2, (byte) 0); // password-equivalent for this user and domain
            }
        }
        byte[] exported = exportedSessionKey(flags, sessionBaseKey, auth.encryptedRandomSessionKey());
        if (exported != sessionBaseKey) {
            Arrays.fill(sessionBaseKey, (byte) 0);
        }
        checkMic(raw, auth, clientPairs, exported);
        return new NtlmAuthentication(auth.domain(), auth.user(), auth.workstation(), anonymous, token,
                new NtlmSession(exported, flags, true));
    }

    /**
     * A name from the wire as it may appear in a log line or an event: control characters escaped
     * (no forged lines), at most 256 characters.
     */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 256) + 8);
        for (int i = 0; i < s.length() && b.length() < 256; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > 256 || b.length() > 256 ? b.substring(0, Math.min(b.length(), 256)) + "…" : b.toString();
    }

    /** KXKEY for NTLMv2 is the SessionBaseKey (MS-NLMP 3.4.5.1); with KEY_EXCH the client's key is RC4-unwrapped. */
    private static byte[] exportedSessionKey(int flags, byte[] keyExchangeKey, byte[] encrypted) throws NtlmException {
        if (!has(flags, NEGOTIATE_KEY_EXCH)) {
            return keyExchangeKey;
        }
        if (encrypted.length != 16) {
            throw NtlmException.malformed("EncryptedRandomSessionKey length=" + encrypted.length + ", expected=16 with KEY_EXCH");
        }
        return Crypto.rc4(keyExchangeKey, encrypted);
    }

    /** MS-NLMP 3.2.5.1.2: a MIC announced by MsvAvFlags must be present and equal. */
    private void checkMic(byte[] raw, AuthenticateMessage auth, List<AvPair> clientPairs, byte[] exported) throws NtlmException {
        AvPair avFlags = AvPair.find(clientPairs, AvPair.MSV_AV_FLAGS);
        if (avFlags == null || avFlags.value().length < 4 || (NtlmWire.u32(avFlags.value(), 0) & AvPair.FLAG_MIC_PRESENT) == 0) {
            return;
        }
        byte[] mic = auth.mic();
        if (mic.length == 0 || Arrays.equals(mic, new byte[AuthenticateMessage.MIC_LENGTH])) {
            throw new NtlmException(NtlmException.Reason.MIC_MISSING, "MsvAvFlags announces a MIC but the MIC field is "
                    + (mic.length == 0 ? "absent" : "zero"));
        }
        byte[] zeroed = raw.clone();
        Arrays.fill(zeroed, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_OFFSET + AuthenticateMessage.MIC_LENGTH, (byte) 0);
        byte[] expected = Crypto.hmacMd5(exported, negotiate, challenge, zeroed);
        if (!MessageDigest.isEqual(expected, mic)) {
            throw new NtlmException(NtlmException.Reason.MIC_INVALID, "MIC does not match the three messages");
        }
    }

    /**
     * Upper-cases a user name for NTOWFv2 (MS-NLMP 3.3.2 Uppercase) with simple one-to-one case mapping,
     * as Windows' RtlUpcaseUnicodeString does: the length never changes ("ß" stays "ß", where
     * {@code String.toUpperCase} would give "SS").
     */
    static String upper(String user) {
        StringBuilder sb = new StringBuilder(user.length());
        user.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }
}
