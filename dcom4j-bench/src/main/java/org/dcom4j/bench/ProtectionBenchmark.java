package org.dcom4j.bench;

import java.util.Optional;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcom4j.ntlm.ChallengeLedger;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmClient;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.ntlm.NtlmException;
import org.dcom4j.ntlm.NtlmServer;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.ntlm.NtlmSession;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.AuthType;
import org.dcom4j.rpc.auth.PduProtection;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PfcFlags;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of NTLM session security for one Echo-sized call, without sockets or threads (so much
 * less sensitive to other load than {@link EchoBenchmark}): a request fragment with a 72-byte stub and
 * a response fragment with a 72-byte stub, each encoded by one side and decoded by the other, as
 * {@code Association} and {@code ServerConnection} do.
 *
 * <ul>
 * <li>{@code call}: level none — {@code PduCodec.encode} and {@code PduCodec.decode}, both ways.</li>
 * <li>{@code callIntegrity}: {@code PduProtection.encode} (sign), {@code PduCodec.decode},
 *     {@code PduProtection.open} (verify), both ways.</li>
 * <li>{@code callPrivacy}: the same with sealing and unsealing, plus the decode of the unsealed fragment
 *     the runtime does at privacy.</li>
 * </ul>
 *
 * The two {@link NtlmSession}s come from a real NTLMv2 handshake (ESS, 128-bit, key exchange) and stay
 * in step because every operation runs the request and the response through both.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtectionBenchmark {
    static final int STUB = 72;
    static final int FIRST_LAST = PfcFlags.FIRST_FRAG | PfcFlags.LAST_FRAG;

    NtlmSession client;
    NtlmSession server;
    Pdu request;
    Pdu response;

    @Setup(Level.Trial)
    public void handshake() throws NtlmException {
        char[] password = "Bench-Passw0rd".toCharArray();
        byte[] hash = NtHash.of(password);
        Token token = Token.of("BENCH\\bench", Sid.of(5, 21, 1, 2, 3, 1000), List.of(WellKnownSids.EVERYONE));
        NtlmServer s = new NtlmServer(NtlmServerConfig.forLocalHost(), (domain, user) -> user.equalsIgnoreCase("bench")
                ? Optional.of(new NtlmAccount("bench", hash, token)) : Optional.empty(), new ChallengeLedger());
        NtlmClient c = new NtlmClient(NtlmCredentials.of("", "bench", password), "", new ChallengeLedger());
        byte[] challenge = s.challenge(c.negotiate());
        server = s.authenticate(c.authenticate(challenge)).session();
        client = c.session();
        byte[] stub = EchoBenchmark.payload();
        stub = java.util.Arrays.copyOf(stub, STUB);
        request = Pdu.of(FIRST_LAST, 7, new PduBody.Request(STUB, 0, 0, null, stub));
        response = Pdu.of(FIRST_LAST, 7, new PduBody.Response(STUB, 0, 0, stub));
    }

    @Benchmark
    public Pdu call() {
        PduCodec.decode(PduCodec.encode(request), PduCodec.MAX_FRAG_LENGTH);
        return PduCodec.decode(PduCodec.encode(response), PduCodec.MAX_FRAG_LENGTH);
    }

    @Benchmark
    public Pdu callIntegrity() {
        return protect(AuthLevel.PKT_INTEGRITY);
    }

    @Benchmark
    public Pdu callPrivacy() {
        return protect(AuthLevel.PKT_PRIVACY);
    }

    private Pdu protect(int level) {
        pass(request, level, client, server);
        return pass(response, level, server, client);
    }

    private static Pdu pass(Pdu pdu, int level, NtlmSession from, NtlmSession to) {
        byte[] b = PduProtection.encode(pdu, AuthType.WINNT, level, 0, from);
        Pdu decoded = PduCodec.decode(b, PduCodec.MAX_FRAG_LENGTH);
        if (!PduProtection.open(b, level, to)) {
            throw new IllegalStateException("signature does not verify");
        }
        return level == AuthLevel.PKT_PRIVACY ? PduCodec.decode(b, PduCodec.MAX_FRAG_LENGTH) : decoded;
    }
}
