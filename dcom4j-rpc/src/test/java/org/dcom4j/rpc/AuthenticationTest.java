package org.dcom4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcom4j.ntlm.ChallengeLedger;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmClient;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.ntlm.NtlmSession;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.AuthType;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.auth.PduProtection;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.AuthVerifier;
import org.dcom4j.rpc.pdu.ContextElement;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.rpc.pdu.SyntaxId;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NTLMSSP over ncacn_ip_tcp: the handshakes, every level, the policy, and each refusal the issue lists. */
class AuthenticationTest {
    static final InterfaceId SECURE = new InterfaceId(UUID.fromString("6a7d2c1e-0f43-4b8e-9d55-2c1b0e9f4a11"), 1, 0);
    static final InterfaceId OPEN = new InterfaceId(UUID.fromString("6a7d2c1e-0f43-4b8e-9d55-2c1b0e9f4a12"), 1, 0);
    static final String PASSWORD = "Passw0rd!";
    static final Sid ALICE = Sid.of(5, 21, 1, 2, 3, 1000);
    static final int FIRST_LAST = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    AuthPolicy policy = AuthPolicy.DEFAULT;
    RpcServer server;
    int port;

    static RpcHandler handler() {
        return (ctx, opnum, stub) -> switch (opnum) {
            case 0 -> stub;
            default -> (ctx.token().name() + " " + AuthLevel.name(ctx.authLevel()) + " " + AuthType.name(ctx.authType())
                    + " everyone=" + ctx.token().contains(WellKnownSids.EVERYONE)
                    + " authenticated=" + ctx.token().contains(WellKnownSids.AUTHENTICATED_USERS)
                    + " network=" + ctx.token().contains(WellKnownSids.NETWORK)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    @BeforeEach
    void start() throws IOException {
        byte[] hash = NtHash.of(PASSWORD.toCharArray());
        Token alice = Token.of("DCOM4JTEST\\alice", ALICE, List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS,
                WellKnownSids.NETWORK));
        RpcSecurity security = RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> user.toLowerCase(Locale.ROOT).equals("alice")
                        ? Optional.of(new NtlmAccount("alice", hash, alice)) : Optional.empty())
                .withPolicy((id, declared) -> policy.effective(id, declared))
                .withEvents(events::add)
                .withMaxAuthContexts(3);
        server = new RpcServer(RpcServerConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2)),
                CallerTokens.ANONYMOUS, security);
        server.register(new RpcInterface(SECURE, 2, handler()));
        server.register(new RpcInterface(OPEN, 2, handler(), InterfaceSecurity.ANONYMOUS_ALLOWED));
        port = Integer.parseInt(server.listen(TcpTransport.loopback(), "0"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    RpcBinding bind(InterfaceId iface, ClientAuth auth, int maxFrag) throws IOException {
        RpcClient client = new RpcClient(RpcClientConfig.defaults().withMaxFrag(maxFrag).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        return client.bind("ncacn_ip_tcp:127.0.0.1[" + port + "]", iface, auth);
    }

    static ClientAuth alice(int level) {
        return ClientAuth.ntlm(level, NtlmCredentials.of("", "alice", PASSWORD.toCharArray()));
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthLevel.CONNECT, AuthLevel.CALL, AuthLevel.PKT, AuthLevel.PKT_INTEGRITY, AuthLevel.PKT_PRIVACY})
    void authenticatedCallsWorkAtEveryLevelWithFragmentsBothWays(int level) throws IOException {
        policy = AuthPolicy.machineMinimum(AuthLevel.CONNECT); // every level admitted, to exercise each
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        try (RpcBinding b = bind(SECURE, alice(level), 2048)) { // the smallest fragment the server negotiates
            for (int i = 0; i < 3; i++) { // several calls: sequence numbers and the RC4 streams advance in step
                assertArrayEquals(big, b.call(0, big));
            }
            String who = new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII);
            assertEquals("DCOM4JTEST\\alice " + AuthLevel.name(level) + " ntlmssp everyone=true authenticated=true network=true", who);
        }
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void wrongPasswordIsRefusedWithAccessDeniedAndLogged() throws IOException {
        ClientAuth wrong = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "alice", "wrong".toCharArray()));
        try (RpcBinding b = bind(SECURE, wrong, 5840)) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(0, new byte[] {1}));
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, e.status());
        }
        assertEquals(1, events.size(), events.toString());
        SecurityEvent e = events.getFirst();
        assertEquals(SecurityEvent.LOGON_FAILURE, e.eventId());
        assertEquals(SecurityEvent.SOURCE_RPC, e.source());
        assertTrue(!e.message().contains("wrong") && !e.toString().contains("wrong"), "no secret in the event: " + e);
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() throws IOException {
        ClientAuth bob = ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, NtlmCredentials.of("", "bob", PASSWORD.toCharArray()));
        try (RpcBinding b = bind(SECURE, bob, 5840)) {
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status());
        }
    }

    @Test
    void unauthenticatedCallersReachOnlyInterfacesThatOptIn() throws IOException {
        try (RpcBinding b = bind(SECURE, ClientAuth.NONE, 5840)) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(0, new byte[] {1}));
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, e.status());
            assertTrue(e.didNotExecute());
            assertArrayEquals(new byte[] {1}, b.forInterface(OPEN).call(0, new byte[] {1}), "the connection stays usable");
        }
        try (RpcBinding b = bind(OPEN, ClientAuth.NONE, 5840)) {
            assertEquals("NT AUTHORITY\\ANONYMOUS LOGON none none everyone=false authenticated=false network=true",
                    new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII));
        }
        assertEquals(SecurityEvent.CALL_DENIED, events.getFirst().eventId());
    }

    @Test
    void anonymousNtlmIsAnonymousLogonWithoutEveryone() throws IOException {
        ClientAuth anon = ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, NtlmCredentials.anonymous());
        try (RpcBinding b = bind(OPEN, anon, 5840)) {
            assertEquals("NT AUTHORITY\\ANONYMOUS LOGON pkt_privacy ntlmssp everyone=false authenticated=false network=true",
                    new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII));
        }
        try (RpcBinding b = bind(SECURE, anon, 5840)) {
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status());
        }
    }

    @Test
    void theDefaultPolicyDemandsIntegrityWhereOnlyAuthenticatedCallersAreAdmitted() throws IOException {
        for (int level : new int[] {AuthLevel.CONNECT, AuthLevel.CALL, AuthLevel.PKT}) {
            try (RpcBinding b = bind(SECURE, alice(level), 5840)) {
                assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status(),
                        "a logon that signs nothing after the handshake could be a relayed one: " + AuthLevel.name(level));
            }
        }
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_INTEGRITY), 5840)) {
            assertArrayEquals(new byte[] {1}, b.call(0, new byte[] {1}));
        }
        try (RpcBinding b = bind(OPEN, alice(AuthLevel.CONNECT), 5840)) {
            assertArrayEquals(new byte[] {1}, b.call(0, new byte[] {1}), "an interface open to anonymous callers takes connect too");
        }
    }

    @Test
    void aFailedLogonEndsHandshakesOnItsConnectionAndRepeatedFailuresThrottleTheHost() throws IOException {
        try (RawClient raw = new RawClient(TcpTransport.loopback().connect("127.0.0.1", String.valueOf(port)))) {
            NtlmClient bad = new NtlmClient(NtlmCredentials.of("", "alice", "wrong".toCharArray()), "", new ChallengeLedger());
            int callId = raw.nextCallId();
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, bindBody(false, 0),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 1, bad.negotiate())));
            Pdu ack = raw.read();
            byte[] authenticate;
            try {
                authenticate = bad.authenticate(ack.auth().authValue());
            } catch (org.dcom4j.ntlm.NtlmException e) {
                throw new AssertionError(e);
            }
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, new PduBody.Auth3(),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 1, authenticate)));
            // a second guess on the same connection, by alter_context: refused
            NtlmClient again = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, raw.nextCallId(), bindBody(true, 0),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 2, again.negotiate())));
            assertFaultThenClosed(raw, raw.read(), FaultStatus.RPC_S_ACCESS_DENIED);
        }
        for (int i = 1; i < LogonThrottle.MAX_FAILURES; i++) {
            ClientAuth wrong = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "alice", "wrong".toCharArray()));
            try (RpcBinding b = bind(SECURE, wrong, 5840)) {
                assertThrows(RpcCallException.class, () -> b.call(0, new byte[0]));
            }
        }
        // the host has failed MAX_FAILURES times within the window: even the right password is refused at the bind now
        assertThrows(org.dcom4j.rpc.client.RpcBindException.class, () -> bind(SECURE, alice(AuthLevel.PKT_INTEGRITY), 5840));
        try (RpcBinding b = bind(OPEN, ClientAuth.NONE, 5840)) {
            assertArrayEquals(new byte[] {2}, b.call(0, new byte[] {2}), "unauthenticated service goes on");
        }
    }

    @Test
    void anAccountStoreFailureIsADeniedAndLoggedLogonNotADeadConnection() throws IOException {
        server.close();
        RpcSecurity failing = server.security().withAccounts((domain, user) -> {
            throw new IllegalStateException("database is locked");
        });
        server = new RpcServer(RpcServerConfig.defaults(), CallerTokens.ANONYMOUS, failing);
        server.register(new RpcInterface(SECURE, 2, handler()));
        port = Integer.parseInt(server.listen(TcpTransport.loopback(), "0"));
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_INTEGRITY), 5840)) {
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status());
        }
        assertEquals("ACCOUNT_STORE_ERROR", events.getLast().fields().get("reason"));
    }

    @Test
    void namesFromTheWireCannotForgeLogLines() throws IOException {
        ClientAuth forged = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY,
                NtlmCredentials.of("", "bob\r\n2026-01-01 INFO logon succeeded", "x".toCharArray()));
        try (RpcBinding b = bind(SECURE, forged, 5840)) {
            assertThrows(RpcCallException.class, () -> b.call(0, new byte[0]));
        }
        String message = events.getLast().message();
        assertTrue(!message.contains("\n") && !message.contains("\r") && message.contains("\\u000d\\u000a"), message);
    }

    @Test
    void machineMinimumLevelRefusesLowerLevels() throws IOException {
        policy = AuthPolicy.machineMinimum(AuthLevel.PKT_PRIVACY);
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_INTEGRITY), 5840)) {
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status());
        }
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_PRIVACY), 5840)) {
            assertArrayEquals(new byte[] {9}, b.call(0, new byte[] {9}));
        }
    }

    @Test
    void interfaceMinimumLevelRefusesLowerLevels() throws IOException {
        policy = (id, declared) -> declared.withMinimumAuthLevel(AuthLevel.PKT_PRIVACY);
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_INTEGRITY), 5840)) {
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, assertThrows(RpcCallException.class, () -> b.call(0, new byte[0])).status());
        }
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_PRIVACY), 5840)) {
            assertArrayEquals(new byte[] {9}, b.call(0, new byte[] {9}));
        }
    }

    // ---- bad input, on raw PDUs ----

    /** A raw client that has completed an NTLM handshake at {@code level} with auth_context_id {@code ctx}. */
    final class Secure implements AutoCloseable {
        final RawClient raw;
        final int level;
        final int ctx;
        NtlmSession session;

        Secure(int level, int ctx) throws IOException {
            this.raw = new RawClient(TcpTransport.loopback().connect("127.0.0.1", String.valueOf(port)));
            this.level = level;
            this.ctx = ctx;
            NtlmClient ntlm = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
            int callId = raw.nextCallId();
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, bindBody(false, 0),
                    new AuthVerifier(AuthType.WINNT, level, 0, ctx, ntlm.negotiate())));
            Pdu ack = raw.read();
            assertInstanceOf(PduBody.BindAck.class, ack.body());
            byte[] authenticate;
            try {
                authenticate = ntlm.authenticate(ack.auth().authValue());
            } catch (org.dcom4j.ntlm.NtlmException e) {
                throw new AssertionError(e);
            }
            session = ntlm.session();
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, new PduBody.Auth3(),
                    new AuthVerifier(AuthType.WINNT, level, 0, ctx, authenticate)));
        }

        /** A protected request on context 0 (SECURE), opnum 0. */
        byte[] request(byte[] stub) {
            Pdu p = Pdu.of(FIRST_LAST, raw.nextCallId(), new PduBody.Request(stub.length, 0, 0, null, stub));
            return PduProtection.encode(p, AuthType.WINNT, level, ctx, session);
        }

        Pdu call(byte[] stub) throws IOException {
            raw.sendRaw(request(stub));
            return raw.read();
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    static PduBody.Bind bindBody(boolean alter, int contextId) {
        return new PduBody.Bind(alter, 5840, 5840, 0, List.of(new ContextElement(contextId,
                new SyntaxId(SECURE.uuid(), 1, 0), List.of(SyntaxId.NDR20))));
    }

    static void assertFaultThenClosed(RawClient c, Pdu p, int status) throws IOException {
        PduBody.Fault f = assertInstanceOf(PduBody.Fault.class, p == null ? null : p.body(), "expected a fault, got " + p);
        assertEquals(FaultStatus.name(status), FaultStatus.name(f.status()));
        assertNull(c.read(), "connection should be closed");
    }

    @Test
    void aProtectedCallOnRawPdusWorks() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_PRIVACY, 7)) {
            Pdu p = s.call(new byte[] {1, 2, 3});
            assertInstanceOf(PduBody.Response.class, p.body());
            assertNotNull(p.auth());
        }
    }

    @Test
    void refusesATamperedSignature() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            byte[] b = s.request(new byte[] {1, 2, 3});
            b[24] ^= 1; // the stub
            s.raw.sendRaw(b);
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.RPC_S_SEC_PKG_ERROR);
        }
    }

    @Test
    void refusesAReplayedRequest() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            byte[] b = s.request(new byte[] {1, 2, 3});
            s.raw.sendRaw(b);
            assertInstanceOf(PduBody.Response.class, s.raw.read().body());
            s.raw.sendRaw(b); // same sequence number again
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.RPC_S_SEC_PKG_ERROR);
        }
    }

    @Test
    void refusesARequestWithoutVerifierBelowTheBoundLevel() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            s.raw.send(Pdu.of(FIRST_LAST, s.raw.nextCallId(), new PduBody.Request(1, 0, 0, null, new byte[] {1})));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.RPC_S_ACCESS_DENIED);
        }
    }

    @Test
    void refusesARequestAtALowerLevelThanTheBind() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_PRIVACY, 7)) {
            Pdu p = Pdu.of(FIRST_LAST, s.raw.nextCallId(), new PduBody.Request(1, 0, 0, null, new byte[] {1}));
            s.raw.sendRaw(PduProtection.encode(p, AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 7, s.session));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.RPC_S_ACCESS_DENIED);
        }
    }

    @Test
    void refusesARequestNamingAnUnknownContext() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            Pdu p = Pdu.of(FIRST_LAST, s.raw.nextCallId(), new PduBody.Request(1, 0, 0, null, new byte[] {1}));
            s.raw.sendRaw(PduProtection.encode(p, AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 8, s.session));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.RPC_S_ACCESS_DENIED);
        }
    }

    @Test
    void refusesAlterContextThatChangesTheAuthLevel() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), bindBody(true, 1),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.CONNECT, 0, 7, new byte[] {1})));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void refusesAlterContextThatChangesTheAuthType() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), bindBody(true, 1),
                    new AuthVerifier(AuthType.GSS_NEGOTIATE, AuthLevel.PKT_INTEGRITY, 0, 7, new byte[] {1})));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void refusesAlterContextWithANewContextIdOfAnUnknownType() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), bindBody(true, 1),
                    new AuthVerifier(AuthType.GSS_KERBEROS, AuthLevel.PKT_INTEGRITY, 0, 8, new byte[] {1})));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void secondSecurityContextByAlterContextWorksAndMoreThanTheLimitAreRefused() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            // limit 3 (set up above): contexts 8 and 9 are accepted (handshake started), 10 is one too many
            for (int id = 8; id <= 9; id++) {
                NtlmClient ntlm = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
                s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), bindBody(true, 0),
                        new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, id, ntlm.negotiate())));
                Pdu resp = s.raw.read();
                PduBody.BindAck ack = assertInstanceOf(PduBody.BindAck.class, resp.body());
                assertTrue(ack.alterContext());
                assertEquals(id, resp.auth().authContextId());
                if (id == 8) { // complete context 8 with auth3 and call on it
                    byte[] authenticate;
                    try {
                        authenticate = ntlm.authenticate(resp.auth().authValue());
                    } catch (org.dcom4j.ntlm.NtlmException e) {
                        throw new AssertionError(e);
                    }
                    s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, resp.callId(), new PduBody.Auth3(),
                            new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, id, authenticate)));
                    Pdu p = Pdu.of(FIRST_LAST, s.raw.nextCallId(), new PduBody.Request(1, 0, 0, null, new byte[] {5}));
                    s.raw.sendRaw(PduProtection.encode(p, AuthType.WINNT, AuthLevel.PKT_INTEGRITY, id, ntlm.session()));
                    Pdu r = s.raw.read();
                    assertArrayEquals(new byte[] {5}, ((PduBody.Response) r.body()).stub());
                    assertEquals(id, r.auth().authContextId());
                }
            }
            NtlmClient extra = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
            s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), bindBody(true, 0),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 10, extra.negotiate())));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void refusesAuth3AfterTheHandshakeCompleted() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            assertInstanceOf(PduBody.Response.class, s.call(new byte[] {1}).body());
            s.raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, s.raw.nextCallId(), new PduBody.Auth3(),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 7, new byte[] {1, 2, 3, 4})));
            assertFaultThenClosed(s.raw, s.raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void refusesAuthPadPastTheStub() throws IOException {
        try (Secure s = new Secure(AuthLevel.PKT_INTEGRITY, 7)) {
            byte[] b = s.request(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            int trailer = b.length - NtlmSession.SIGNATURE_LENGTH - AuthVerifier.TRAILER_LENGTH;
            b[trailer + 2] = 16; // the whole 16-byte stub claimed as padding: no stub left, and more than any alignment needs
            s.raw.sendRaw(b);
            Pdu p = s.raw.read();
            assertFaultThenClosed(s.raw, p, FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void refusesABindWithAnUnknownAuthType() throws IOException {
        try (RawClient raw = new RawClient(TcpTransport.loopback().connect("127.0.0.1", String.valueOf(port)))) {
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, 1, bindBody(false, 0),
                    new AuthVerifier(AuthType.GSS_KERBEROS, AuthLevel.PKT_INTEGRITY, 0, 0, new byte[] {1})));
            PduBody.BindNak nak = assertInstanceOf(PduBody.BindNak.class, raw.read().body());
            assertEquals(PduBody.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED, nak.rejectReason());
        }
    }

    @Test
    void refusesARequestBeforeTheHandshakeCompleted() throws IOException {
        try (RawClient raw = new RawClient(TcpTransport.loopback().connect("127.0.0.1", String.valueOf(port)))) {
            NtlmClient ntlm = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, raw.nextCallId(), bindBody(false, 0),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.CONNECT, 0, 0, ntlm.negotiate())));
            assertInstanceOf(PduBody.BindAck.class, raw.read().body());
            raw.send(Pdu.of(FIRST_LAST, raw.nextCallId(), new PduBody.Request(1, 0, 0, null, new byte[] {1})));
            assertFaultThenClosed(raw, raw.read(), FaultStatus.RPC_S_ACCESS_DENIED);
        }
    }

    @Test
    void refusesAuth3ForAnotherContextIdThanTheBinds() throws IOException {
        try (RawClient raw = new RawClient(TcpTransport.loopback().connect("127.0.0.1", String.valueOf(port)))) {
            NtlmClient ntlm = new NtlmClient(NtlmCredentials.of("", "alice", PASSWORD.toCharArray()), "", new ChallengeLedger());
            int callId = raw.nextCallId();
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, bindBody(false, 0),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 7, ntlm.negotiate())));
            Pdu ack = raw.read();
            byte[] authenticate;
            try {
                authenticate = ntlm.authenticate(ack.auth().authValue());
            } catch (org.dcom4j.ntlm.NtlmException e) {
                throw new AssertionError(e);
            }
            raw.send(new Pdu(0, FIRST_LAST, PduHeader.DREP_LITTLE_ENDIAN, callId, new PduBody.Auth3(),
                    new AuthVerifier(AuthType.WINNT, AuthLevel.PKT_INTEGRITY, 0, 8, authenticate)));
            assertFaultThenClosed(raw, raw.read(), FaultStatus.NCA_S_PROTO_ERROR);
        }
    }

    @Test
    void ncalrpcCallersKeepTheirKernelIdentityUnderNtlm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        RpcServer local = new RpcServer(RpcServerConfig.defaults(),
                (distance, peer) -> Token.of("uid=" + peer.uid(), Sid.of(5, 21, 9, 9, 9, 1000 + 2 * peer.uid()), List.of(WellKnownSids.LOCAL)),
                server.security());
        try (local) {
            local.register(new RpcInterface(SECURE, 2, handler()));
            org.dcom4j.rpc.transport.UnixTransport unix = new org.dcom4j.rpc.transport.UnixTransport(dir);
            String name = local.listen(unix, "auth-test");
            RpcClient client = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(dir));
            try (RpcBinding b = client.bind("ncalrpc:[" + name + "]", SECURE, alice(AuthLevel.PKT_PRIVACY))) {
                String who = new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII);
                assertTrue(who.startsWith("uid="), "the kernel's identity, not alice's: " + who);
                assertTrue(who.contains(" pkt_privacy ntlmssp "), who);
                assertArrayEquals(new byte[] {3}, b.call(0, new byte[] {3}));
            }
            try (RpcBinding b = client.bind("ncalrpc:[" + name + "]", SECURE, ClientAuth.NONE)) {
                String who = new String(b.call(1, new byte[0]), StandardCharsets.US_ASCII);
                assertTrue(who.matches("uid=\\d+ pkt_privacy none .*"), "ncalrpc without NTLM: the kernel's identity, level privacy: " + who);
            }
        }
    }

    @Test
    void serverSurvivesEveryRefusal() throws IOException {
        refusesATamperedSignature();
        refusesAuthPadPastTheStub();
        try (RpcBinding b = bind(SECURE, alice(AuthLevel.PKT_PRIVACY), 5840)) {
            assertArrayEquals(new byte[] {4}, b.call(0, new byte[] {4}));
        }
    }
}
