package org.dcom4j.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;

/** NtlmClient against NtlmServer, in memory: outcomes, then session security both ways. */
class NtlmRoundTripTest {
    @Test
    void authenticatesAliceWithCaseInsensitiveUserAndReturnsHerToken() throws NtlmException {
        NtlmAuthentication a = new Fixtures.Pair(Fixtures.alice()).run();
        assertEquals("Alice", a.user());
        assertEquals("SERVER", a.domain());
        assertEquals("WS1", a.workstation());
        assertFalse(a.anonymous());
        assertEquals(Fixtures.ALICE_TOKEN, a.token());
        assertTrue(a.session().isServer());
    }

    @Test
    void acceptsEveryConfiguredDomainNameAndTheEmptyAndDotDomains() throws NtlmException {
        for (String domain : List.of("", ".", "server", "WORKGROUP", "Server.Example.Test", "example.test")) {
            NtlmCredentials c = NtlmCredentials.of(domain, "alice", "Secret1!".toCharArray());
            assertEquals(Fixtures.ALICE_TOKEN, new Fixtures.Pair(c).run().token(), domain);
        }
    }

    @Test
    void refusesWrongPasswordAsLogonFailure() {
        NtlmCredentials c = NtlmCredentials.of("SERVER", "alice", "wrong".toCharArray());
        NtlmException e = assertThrows(NtlmException.class, () -> new Fixtures.Pair(c).run());
        assertEquals(NtlmException.Reason.LOGON_FAILURE, e.reason());
    }

    @Test
    void refusesUnknownUserWithTheSameReasonAsAWrongPassword() {
        NtlmCredentials c = NtlmCredentials.of("SERVER", "mallory", "Secret1!".toCharArray());
        NtlmException e = assertThrows(NtlmException.class, () -> new Fixtures.Pair(c).run());
        assertEquals(NtlmException.Reason.LOGON_FAILURE, e.reason());
    }

    @Test
    void refusesUnknownDomain() {
        NtlmCredentials c = NtlmCredentials.of("OTHERDOM", "alice", "Secret1!".toCharArray());
        NtlmException e = assertThrows(NtlmException.class, () -> new Fixtures.Pair(c).run());
        assertEquals(NtlmException.Reason.UNKNOWN_DOMAIN, e.reason());
    }

    @Test
    void acceptsTheNullSessionAsAnonymousLogonWithNetwork() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(NtlmCredentials.anonymous());
        NtlmAuthentication a = p.run();
        assertTrue(a.anonymous());
        assertTrue(a.token().isAnonymous());
        assertTrue(a.token().contains(WellKnownSids.NETWORK));
        exchange(p.client.session(), a.session());
    }

    @Test
    void signsAndSealsInBothDirectionsOverSeveralMessages() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmAuthentication a = p.run();
        exchange(p.client.session(), a.session());
    }

    @Test
    void detectsATamperedByteInASignedMessage() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmSession server = p.run().session();
        byte[] msg = "request body".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = new byte[16];
        p.client.session().sign(msg, 0, msg.length, sig, 0);
        msg[3] ^= 1;
        assertFalse(server.verify(msg, 0, msg.length, sig, 0));
    }

    @Test
    void detectsATamperedByteInASealedMessage() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmSession server = p.run().session();
        byte[] msg = "header|secret payload".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = new byte[16];
        p.client.session().seal(msg, 0, msg.length, 7, msg.length - 7, sig, 0);
        msg[10] ^= 1;
        assertFalse(server.unseal(msg, 0, msg.length, 7, msg.length - 7, sig, 0));
    }

    @Test
    void refusesAReplayedSignedMessage() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmSession server = p.run().session();
        byte[] msg = "call".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = new byte[16];
        p.client.session().sign(msg, 0, msg.length, sig, 0);
        assertTrue(server.verify(msg, 0, msg.length, sig, 0));
        assertFalse(server.verify(msg, 0, msg.length, sig, 0));
    }

    @Test
    void refusesReorderedMessages() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmSession server = p.run().session();
        byte[] m0 = "first".getBytes(StandardCharsets.US_ASCII);
        byte[] m1 = "second".getBytes(StandardCharsets.US_ASCII);
        byte[] s0 = new byte[16];
        byte[] s1 = new byte[16];
        p.client.session().sign(m0, 0, m0.length, s0, 0);
        p.client.session().sign(m1, 0, m1.length, s1, 0);
        assertFalse(server.verify(m1, 0, m1.length, s1, 0));
    }

    @Test
    void refusesASignatureMadeForTheOtherDirection() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        NtlmSession server = p.run().session();
        byte[] msg = "echo".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = new byte[16];
        server.sign(msg, 0, msg.length, sig, 0);
        assertFalse(server.verify(msg, 0, msg.length, sig, 0));
    }

    /** Five rounds, alternating sign and seal, each a request then a response, at offsets inside larger buffers. */
    static void exchange(NtlmSession client, NtlmSession server) {
        for (int i = 0; i < 5; i++) {
            roundTrip(client, server, i);
            roundTrip(server, client, i);
        }
    }

    private static void roundTrip(NtlmSession from, NtlmSession to, int i) {
        byte[] plain = ("message " + i + " from " + (from.isServer() ? "server" : "client")).getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[plain.length + 10];
        System.arraycopy(plain, 0, buf, 5, plain.length);
        byte[] sig = new byte[20];
        if (i % 2 == 0) {
            from.sign(buf, 5, plain.length, sig, 2);
            assertTrue(to.verify(buf, 5, plain.length, sig, 2), "verify " + i);
        } else {
            from.seal(buf, 5, plain.length, 9, plain.length - 4, sig, 2);
            assertFalse(java.util.Arrays.equals(plain, 4, plain.length, buf, 9, 5 + plain.length), "sealed " + i);
            assertTrue(to.unseal(buf, 5, plain.length, 9, plain.length - 4, sig, 2), "unseal " + i);
        }
        assertArrayEquals(plain, java.util.Arrays.copyOfRange(buf, 5, 5 + plain.length));
    }
}
