package org.dcom4j.ntlm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/** Shared test fixtures: one server configuration, two accounts, handshake helpers. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final NtlmServerConfig CONFIG = new NtlmServerConfig("SERVER", "WORKGROUP", "server.example.test", "example.test", CLOCK);
    static final Token ALICE_TOKEN = Token.of("SERVER\\alice", Sid.of(5, 21, 1, 2, 3, 1001), List.of(WellKnownSids.EVERYONE));
    static final Token BOB_TOKEN = Token.of("SERVER\\Bob", Sid.of(5, 21, 1, 2, 3, 1002), List.of(WellKnownSids.EVERYONE));
    static final Map<String, NtlmAccount> ACCOUNTS = Map.of(
            "alice", new NtlmAccount("alice", NtHash.of("Secret1!".toCharArray()), ALICE_TOKEN),
            "bob", new NtlmAccount("Bob", NtHash.of("Password".toCharArray()), BOB_TOKEN));
    static final NtlmAccounts STORE = (domain, user) -> Optional.ofNullable(ACCOUNTS.get(user.toLowerCase(Locale.ROOT)));

    private Fixtures() {
    }

    static NtlmCredentials alice() {
        return NtlmCredentials.of("SERVER", "Alice", "Secret1!".toCharArray());
    }

    /** A server and client on one private ledger (so loopback is not taken for reflection). */
    static final class Pair {
        final ChallengeLedger ledger;
        final NtlmServer server;
        final NtlmClient client;
        byte[] negotiate;
        byte[] challenge;

        Pair(NtlmCredentials credentials) {
            this(credentials, new ChallengeLedger(), new ChallengeLedger());
        }

        Pair(NtlmCredentials credentials, ChallengeLedger serverLedger, ChallengeLedger clientLedger) {
            this.ledger = serverLedger;
            this.server = new NtlmServer(CONFIG, STORE, serverLedger);
            this.client = new NtlmClient(credentials, "WS1", clientLedger);
        }

        /** NEGOTIATE and CHALLENGE exchanged; returns the client's AUTHENTICATE. */
        byte[] authenticateMessage() throws NtlmException {
            negotiate = client.negotiate();
            challenge = server.challenge(negotiate);
            return client.authenticate(challenge);
        }

        NtlmAuthentication run() throws NtlmException {
            return server.authenticate(authenticateMessage());
        }
    }
}
