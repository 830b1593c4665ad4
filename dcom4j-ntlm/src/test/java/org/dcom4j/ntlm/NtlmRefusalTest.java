package org.dcom4j.ntlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One test per refusal rule of NtlmServer and NtlmClient, each with the Reason it must give. */
class NtlmRefusalTest {
    private static void assertRefused(NtlmException.Reason reason, Executable e) {
        assertEquals(reason, assertThrows(NtlmException.class, e).reason());
    }

    /** A valid AUTHENTICATE from the pair, decoded, for tests that rewrite one field. */
    private static AuthenticateMessage valid(Fixtures.Pair p) throws NtlmException {
        return AuthenticateMessage.decode(p.authenticateMessage());
    }

    private static AuthenticateMessage with(AuthenticateMessage a, int flags, byte[] lm, byte[] nt, String user, String ws,
            byte[] version, byte[] mic) {
        return new AuthenticateMessage(flags, lm, nt, a.domain(), user, ws, a.encryptedRandomSessionKey(), version, mic);
    }

    @Test
    void refusesAnNtlmv1Response() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] v1 = with(a, a.flags(), new byte[24], new byte[24], a.user(), a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.NTLMV1_REFUSED, () -> p.server.authenticate(v1));
    }

    @Test
    void refusesAnLmOnlyResponse() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] lmOnly = with(a, a.flags(), new byte[24], new byte[0], a.user(), a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.LM_REFUSED, () -> p.server.authenticate(lmOnly));
    }

    @Test
    void refusesAnAuthenticateWithoutExtendedSessionSecurity() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        int flags = a.flags() & ~NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY;
        byte[] noEss = with(a, flags, a.lmChallengeResponse(), a.ntChallengeResponse(), a.user(), a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.EXTENDED_SESSION_SECURITY_REQUIRED, () -> p.server.authenticate(noEss));
    }

    @Test
    void clientRefusesAChallengeWithoutExtendedSessionSecurity() throws NtlmException {
        NtlmClient c = new NtlmClient(Fixtures.alice(), "WS1", new ChallengeLedger());
        c.negotiate();
        ChallengeMessage weak = new ChallengeMessage(NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_NTLM, "S", new byte[8],
                java.util.List.of(), new byte[0]);
        assertRefused(NtlmException.Reason.EXTENDED_SESSION_SECURITY_REQUIRED, () -> c.authenticate(weak.encode()));
    }

    @Test
    void refusesAZeroedMicWhenMsvAvFlagsAnnouncesOne() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        byte[] raw = p.authenticateMessage();
        Arrays.fill(raw, AuthenticateMessage.MIC_OFFSET, AuthenticateMessage.MIC_OFFSET + 16, (byte) 0);
        assertRefused(NtlmException.Reason.MIC_MISSING, () -> p.server.authenticate(raw));
    }

    @Test
    void refusesAMessageWithoutRoomForTheAnnouncedMic() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] stripped = with(a, a.flags(), a.lmChallengeResponse(), a.ntChallengeResponse(), a.user(), a.workstation(),
                new byte[0], new byte[0]).encode();
        assertRefused(NtlmException.Reason.MIC_MISSING, () -> p.server.authenticate(stripped));
    }

    @Test
    void refusesAnAlteredMic() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        byte[] raw = p.authenticateMessage();
        raw[AuthenticateMessage.MIC_OFFSET + 5] ^= 0x40;
        assertRefused(NtlmException.Reason.MIC_INVALID, () -> p.server.authenticate(raw));
    }

    @Test
    void detectsARewrittenWorkstationThroughTheMic() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] moved = with(a, a.flags(), a.lmChallengeResponse(), a.ntChallengeResponse(), a.user(), "EVIL", a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.MIC_INVALID, () -> p.server.authenticate(moved));
    }

    @Test
    void detectsClearedNegotiateFlagsThroughTheMic() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        int flags = a.flags() & ~(NtlmFlags.NEGOTIATE_SEAL | NtlmFlags.NEGOTIATE_SIGN);
        byte[] downgraded = with(a, flags, a.lmChallengeResponse(), a.ntChallengeResponse(), a.user(), a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.MIC_INVALID, () -> p.server.authenticate(downgraded));
    }

    @Test
    void clientRefusesAChallengeOurOwnServerHasOutstanding() throws NtlmException {
        ChallengeLedger shared = new ChallengeLedger();
        NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, shared);
        byte[] challenge = server.challenge(new NtlmClient(Fixtures.alice(), "ATTACKER", new ChallengeLedger()).negotiate());
        // The attacker relays our server's CHALLENGE to our client.
        NtlmClient victim = new NtlmClient(Fixtures.alice(), "WS1", shared);
        victim.negotiate();
        assertRefused(NtlmException.Reason.REFLECTED_CHALLENGE, () -> victim.authenticate(challenge));
    }

    @Test
    void serverRefusesAnAuthenticateOurOwnClientComputed() throws NtlmException {
        // Capacity 1: the attacker's second handshake pushes our first challenge out of the "issued" list,
        // so the client-side check misses it; the server-side "answered" check must still catch the reflection.
        ChallengeLedger shared = new ChallengeLedger(System::nanoTime, 1, Duration.ofMinutes(5));
        NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, shared);
        byte[] negotiate = new NtlmClient(Fixtures.alice(), "ATTACKER", new ChallengeLedger()).negotiate();
        byte[] challenge = server.challenge(negotiate);
        new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, shared).challenge(negotiate);
        NtlmClient victim = new NtlmClient(Fixtures.alice(), "WS1", shared);
        victim.negotiate();
        byte[] reflected = victim.authenticate(challenge);
        assertRefused(NtlmException.Reason.REFLECTED_CHALLENGE, () -> server.authenticate(reflected));
    }

    @Test
    void forgetsChallengesAfterTheirLifetime() {
        AtomicLong now = new AtomicLong();
        ChallengeLedger ledger = new ChallengeLedger(now::get, 8, Duration.ofMinutes(5));
        byte[] c = {1, 2, 3, 4, 5, 6, 7, 8};
        ledger.issued(c);
        ledger.answered(c);
        now.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
        assertEquals(true, ledger.isOutstanding(c) && ledger.wasAnswered(c));
        now.addAndGet(1);
        assertEquals(false, ledger.isOutstanding(c) || ledger.wasAnswered(c));
        assertEquals(0, ledger.size());
    }

    @Test
    void keepsTheLedgerWithinItsCapacity() {
        ChallengeLedger ledger = new ChallengeLedger(System::nanoTime, 16, Duration.ofMinutes(5));
        for (int i = 0; i < 1000; i++) {
            byte[] c = new byte[8];
            NtlmWire.put32(c, 0, i);
            ledger.issued(c);
            ledger.answered(c);
        }
        assertEquals(32, ledger.size());
    }

    @Test
    void refusesAnAuthenticateBeforeTheChallenge() {
        NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger());
        assertRefused(NtlmException.Reason.UNEXPECTED_MESSAGE, () -> server.authenticate(new byte[64]));
    }

    @Test
    void refusesASecondAuthenticate() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        byte[] raw = p.authenticateMessage();
        p.server.authenticate(raw);
        assertRefused(NtlmException.Reason.UNEXPECTED_MESSAGE, () -> p.server.authenticate(raw));
    }

    @Test
    void refusesAnEmptyUserWithAnLmResponseAsLmOnly() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(NtlmCredentials.anonymous());
        AuthenticateMessage a = valid(p);
        byte[] raw = with(a, a.flags(), new byte[]{1, 2, 3}, new byte[0], "", a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.LM_REFUSED, () -> p.server.authenticate(raw));
    }

    @Test
    void refusesATooShortNtlmv2Response() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] raw = with(a, a.flags(), a.lmChallengeResponse(), new byte[43], a.user(), a.workstation(), a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.MALFORMED, () -> p.server.authenticate(raw));
    }

    @Test
    void refusesAKeyExchangeWithoutA16ByteKey() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = valid(p);
        byte[] raw = new AuthenticateMessage(a.flags(), a.lmChallengeResponse(), a.ntChallengeResponse(), a.domain(), a.user(),
                a.workstation(), new byte[5], a.version(), a.mic()).encode();
        assertRefused(NtlmException.Reason.MALFORMED, () -> p.server.authenticate(raw));
    }
}
