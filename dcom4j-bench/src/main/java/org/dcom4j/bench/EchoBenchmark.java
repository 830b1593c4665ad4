package org.dcom4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dcom4j.bench.RawPingPong.RawTcpClient;
import org.dcom4j.bench.RawPingPong.RawUnixClient;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.ThreadModel;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.EndpointResolver;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.dcom4j.samples.Dcom4jEcho;
import org.dcom4j.samples.Dcom4jEchoServer;
import org.dcom4j.samples.EchoRequest;
import org.dcom4j.samples.EchoResponse;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dcom4jEcho {@code Echo} of 64 bytes, a full round trip through dcom4j's client ({@link RpcBinding},
 * typed call: NDR encode, request PDU, response reassembly, NDR decode) and server ({@link RpcServer}
 * with {@link Dcom4jEchoServer}), against a raw Java socket ping-pong of the same 64 bytes on the same
 * transport, in the same run.
 *
 * <ul>
 * <li>Latency ({@code avgt}, µs/op, one client thread): {@code rpcTcp} (ncacn_ip_tcp on 127.0.0.1) and
 *     {@code rpcUnix} (ncalrpc, AF_UNIX in a temp dir), each for both server {@link ThreadModel}s;
 *     baselines {@code baselineTcpPingPong} and {@code baselineUnixPingPong}: a blocking
 *     SocketChannel client ({@link RawPingPong}) writing 64 bytes and reading them back from an echo server thread
 *     (platform thread, blocking {@code SocketChannel}, direct buffers) — the raw floor.</li>
 * <li>Throughput ({@code thrpt}, ops/s, RPC over TCP): {@code rpcTcpClients1/8/64} with 1, 8 and 64
 *     concurrent clients, each JMH thread holding its own binding (one association and connection per
 *     client; calls on one association are sequential), for both thread models; baselines
 *     {@code baselineTcpClients1/8/64}: the raw ping-pong with the same number of connections, one
 *     platform server thread per connection.</li>
 * <li>Authenticated latency ({@code avgt}, µs/op, one client thread): {@code rpcTcpPrivacy},
 *     {@code rpcTcpIntegrity}, {@code rpcUnixPrivacy}, {@code rpcUnixIntegrity} — the same Echo on an
 *     association bound with NTLM (NTLMv2, extended session security, 128-bit, key exchange) at
 *     {@link AuthLevel#PKT_PRIVACY} (every request and response fragment signed and its stub
 *     RC4-sealed) or {@link AuthLevel#PKT_INTEGRITY} (signed only), against the same server as
 *     {@code rpcTcp}/{@code rpcUnix}; the handshake happens once in the trial set-up, so these
 *     measure the per-call cost of session security.</li>
 * </ul>
 *
 * {@code run.sh} pairs {@code rpcX…} with {@code baselineX…} of the same mode and thread count, and
 * {@code rpcX…Privacy}/{@code rpcX…Integrity} also with {@code rpcX…} (level none) of the same run.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EchoBenchmark {
    /** The payload size of issue 3's benchmark. */
    static final int SIZE = 64;

    // ---------------------------------------------------------------------------------------- servers

    /** The NTLM account the authenticated benchmarks log on as (a bench-only password). */
    static final String USER = "bench";
    static final char[] PASSWORD = "Bench-Passw0rd".toCharArray();

    /**
     * A dcom4j RpcServer serving Dcom4jEcho on 127.0.0.1:dynamic and on ncalrpc in a temp runtime dir,
     * with one NTLM account ({@link #USER}) for the authenticated benchmarks; unauthenticated calls
     * (level none) are accepted too (the interface allows anonymous callers).
     */
    @State(Scope.Benchmark)
    public static class RpcServerState {
        @Param({"PLATFORM", "VIRTUAL"})
        public ThreadModel threadModel;

        RpcServer server;
        Path runtimeDir;
        String tcpPort;
        String unixName;

        @Setup(Level.Trial)
        public void start() throws IOException {
            runtimeDir = Files.createTempDirectory("dcom4j-bench");
            byte[] hash = NtHash.of(PASSWORD);
            Token token = Token.of("BENCH\\" + USER, Sid.of(5, 21, 1, 2, 3, 1000),
                    List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
            RpcSecurity security = RpcSecurity.defaults().withAccounts((domain, user) -> user.equalsIgnoreCase(USER)
                    ? Optional.of(new NtlmAccount(USER, hash, token)) : Optional.empty());
            server = new RpcServer(RpcServerConfig.defaults().withThreadModel(threadModel), CallerTokens.ANONYMOUS, security);
            server.register(Dcom4jEchoServer.rpcInterface());
            tcpPort = server.listen(TcpTransport.loopback(), "0");
            unixName = server.listen(new UnixTransport(runtimeDir), "echo");
        }

        RpcBinding bindTcp() throws IOException {
            return bindTcp(ClientAuth.NONE);
        }

        RpcBinding bindUnix() throws IOException {
            return bindUnix(ClientAuth.NONE);
        }

        RpcBinding bindTcp(ClientAuth auth) throws IOException {
            return client().bind("ncacn_ip_tcp:127.0.0.1[" + tcpPort + "]", Dcom4jEcho.INTERFACE_ID, auth);
        }

        RpcBinding bindUnix(ClientAuth auth) throws IOException {
            return client().bind("ncalrpc:[" + unixName + "]", Dcom4jEcho.INTERFACE_ID, auth);
        }

        private RpcClient client() {
            return new RpcClient(RpcClientConfig.defaults().withRuntimeDir(runtimeDir), EndpointResolver.explicitOnly());
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            server.close();
            deleteTree(runtimeDir);
        }
    }

    // ---------------------------------------------------------------------------------------- clients

    /** Per-thread: one dcom4j binding (association + connection) over ncacn_ip_tcp. */
    @State(Scope.Thread)
    public static class RpcTcpClient {
        RpcBinding binding;
        EchoRequest request;

        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            binding = server.bindTcp();
            request = EchoRequest.of(payload());
            check(binding.call(Dcom4jEcho.OPNUM_ECHO, request, EchoResponse.class), request);
        }

        @TearDown(Level.Trial)
        public void close() {
            binding.close();
        }
    }

    /** Per-thread: one dcom4j binding over ncalrpc. */
    @State(Scope.Thread)
    public static class RpcUnixClient {
        RpcBinding binding;
        EchoRequest request;

        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            binding = server.bindUnix();
            request = EchoRequest.of(payload());
            check(binding.call(Dcom4jEcho.OPNUM_ECHO, request, EchoResponse.class), request);
        }

        @TearDown(Level.Trial)
        public void close() {
            binding.close();
        }
    }

    /** Per-thread: one dcom4j binding authenticated with NTLM as {@link #USER}; the handshake is part of the set-up. */
    public abstract static class RpcAuthClient {
        RpcBinding binding;
        EchoRequest request;

        void open(RpcBinding b) throws IOException {
            binding = b;
            request = EchoRequest.of(payload());
            check(binding.call(Dcom4jEcho.OPNUM_ECHO, request, EchoResponse.class), request);
        }

        static ClientAuth ntlm(int level) {
            return ClientAuth.ntlm(level, NtlmCredentials.of("", USER, PASSWORD));
        }

        @TearDown(Level.Trial)
        public void close() {
            binding.close();
        }
    }

    @State(Scope.Thread)
    public static class RpcTcpPrivacyClient extends RpcAuthClient {
        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            open(server.bindTcp(ntlm(AuthLevel.PKT_PRIVACY)));
        }
    }

    @State(Scope.Thread)
    public static class RpcTcpIntegrityClient extends RpcAuthClient {
        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            open(server.bindTcp(ntlm(AuthLevel.PKT_INTEGRITY)));
        }
    }

    @State(Scope.Thread)
    public static class RpcUnixPrivacyClient extends RpcAuthClient {
        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            open(server.bindUnix(ntlm(AuthLevel.PKT_PRIVACY)));
        }
    }

    @State(Scope.Thread)
    public static class RpcUnixIntegrityClient extends RpcAuthClient {
        @Setup(Level.Trial)
        public void connect(RpcServerState server) throws IOException {
            open(server.bindUnix(ntlm(AuthLevel.PKT_INTEGRITY)));
        }
    }

    // ------------------------------------------------------------------------ latency, one client

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte baselineTcpPingPong(RawTcpClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte baselineUnixPingPong(RawUnixClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcTcp(RpcTcpClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcUnix(RpcUnixClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    // ------------------------------------------------- latency, one client, NTLM session security

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcTcpPrivacy(RpcTcpPrivacyClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcTcpIntegrity(RpcTcpIntegrityClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcUnixPrivacy(RpcUnixPrivacyClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public EchoResponse rpcUnixIntegrity(RpcUnixIntegrityClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    // ------------------------------------------------------- throughput, 1 / 8 / 64 clients over TCP

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public byte baselineTcpClients1(RawTcpClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    public byte baselineTcpClients8(RawTcpClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(64)
    public byte baselineTcpClients64(RawTcpClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public EchoResponse rpcTcpClients1(RpcTcpClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    public EchoResponse rpcTcpClients8(RpcTcpClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(64)
    public EchoResponse rpcTcpClients64(RpcTcpClient c) throws IOException {
        return c.binding.call(Dcom4jEcho.OPNUM_ECHO, c.request, EchoResponse.class);
    }

    // ---------------------------------------------------------------------------------------- helpers

    static byte[] payload() {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static void check(EchoResponse r, EchoRequest q) {
        if (r.status() != 0 || !Arrays.equals(r.out(), q.data())) {
            throw new IllegalStateException("Echo answered status=" + r.status() + ", out=" + Arrays.toString(r.out()));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
