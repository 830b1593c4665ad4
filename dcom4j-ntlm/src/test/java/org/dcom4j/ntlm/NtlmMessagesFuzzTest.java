package org.dcom4j.ntlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the three NTLMSSP decoders and NtlmServer.authenticate: for any bytes only NtlmException
 * may escape; whatever decodes is re-encoded and decodes to the same record (decode, print,
 * re-encode). The seed corpora in
 * {@code src/test/resources/org/dcom4j/ntlm/NtlmMessagesFuzzTestInputs/<method>/} (messages of a real
 * handshake) are replayed by every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NtlmMessagesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesArbitraryMessages(byte[] data) {
        try {
            NegotiateMessage n = NegotiateMessage.decode(data);
            assertEquals(n, NegotiateMessage.decode(n.encode()), n.toString());
        } catch (NtlmException expected) {
            // refused: fine
        }
        try {
            ChallengeMessage c = ChallengeMessage.decode(data);
            assertEquals(c, ChallengeMessage.decode(c.encode()), c.toString());
        } catch (NtlmException expected) {
            // refused: fine
        }
        try {
            AuthenticateMessage a = AuthenticateMessage.decode(data);
            assertEquals(a, AuthenticateMessage.decode(a.encode()), a.toString());
        } catch (NtlmException expected) {
            // refused: fine
        }
    }

    @FuzzTest(maxDuration = "60s")
    void serverRefusesArbitraryAuthenticates(byte[] data) {
        NtlmServer server = new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger());
        try {
            server.challenge(new NtlmClient(Fixtures.alice(), "WS1", new ChallengeLedger()).negotiate());
            server.authenticate(data);
        } catch (NtlmException expected) {
            // refused: fine (a fresh random challenge makes acceptance of fuzzed bytes impossible)
        }
    }

    @FuzzTest(maxDuration = "60s")
    void clientRefusesArbitraryChallenges(byte[] data) {
        NtlmClient client = new NtlmClient(Fixtures.alice(), "WS1", new ChallengeLedger());
        client.negotiate();
        try {
            client.authenticate(data);
        } catch (NtlmException expected) {
            // refused: fine; an accepted challenge is fine too
        }
    }
}
