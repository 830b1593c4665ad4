package org.dcom4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dcom4j.bench.RawPingPong.RawTcpClient;
import org.dcom4j.bench.RawPingPong.RawUnixClient;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComServer;
import java.util.UUID;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.DispMethod;
import org.dcom4j.com.automation.IDispatch;
import org.dcom4j.com.automation.Variant;
import org.dcom4j.com.automation.Variants;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmAccounts;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.AuthPolicy;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.ThreadModel;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.security.Sddl;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The round trip of a null call — a method without arguments or results — through DCOM, Java RMI and
 * gRPC-java, against the raw socket ping-pong, in one run (issue 6, item 6). One client thread (a JMH
 * platform thread), client and server in one JVM on the loopback, µs/op in JMH's sample mode: every
 * round trip timed on its own, reported as the mean (the score, what avgt would give) and percentiles —
 * the median round trip is what the issue compares, and on a machine shared with other work it is far
 * steadier than a mean, which a few preempted calls inflate ({@code -bm avgt} still works).
 *
 * <ul>
 * <li>{@code baselineTcpPingPong}, {@code baselineUnixPingPong}: {@link RawPingPong}, 64 bytes each way —
 *     about the size of a DCOM null call (request stub 32 bytes + 24-byte header + 16-byte object UUID,
 *     response 24 + 12).</li>
 * <li>{@code dcomTcpNull}, {@code dcomUnixNull}: {@link INullCall#nothing()} through a {@link ComClient}
 *     proxy to an object exported by a {@link ComServer} (no rpcss), ncacn_ip_tcp on 127.0.0.1 or
 *     ncalrpc in a temp dir, authentication level none; {@code threadModel} = the server's
 *     {@link ThreadModel} (both measured).</li>
 * <li>{@code dcomTcpNullIntegrity}: the same over TCP with NTLM at pkt_integrity, the machine's default
 *     minimum level for remote callers (the handshake happens in the set-up).</li>
 * <li>{@code rmiNull}: {@code void nothing()} on a {@link Remote} exported with
 *     {@code UnicastRemoteObject.exportObject(obj, 0)} (no registry), called through its stub over TCP
 *     to 127.0.0.1 (RMI's own threads: one platform thread per connection).</li>
 * <li>{@code grpcUnary}: {@link GrpcNull}, a unary call with an empty message, netty-shaded transport
 *     (netty event loops; handlers on gRPC's default executor, a cached pool of platform threads).</li>
 * </ul>
 *
 * The RMI and gRPC servers have their own threading, so they do not depend on {@code threadModel} and
 * run once. {@code calls.sh} runs the class pinned and unpinned and prints each result with its ratio
 * to the raw ping-pong of its transport (RMI and gRPC: TCP) and to {@code rmiNull} and
 * {@code grpcUnary} of the same run ({@code Ratios.java --ref rmiNull --ref grpcUnary}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djava.rmi.server.hostname=127.0.0.1"})
public class CallBenchmark {
    // ------------------------------------------------------------------------------------------ DCOM

    /** A ComServer with the {@link ThreadModel} under test; subclasses choose the transport and who may call. */
    @State(Scope.Benchmark)
    public abstract static class DcomServerState {
        @Param({"PLATFORM", "VIRTUAL"})
        public ThreadModel threadModel;

        ComServer server;
        Path runtimeDir;

        abstract ComServer.Builder transport(ComServer.Builder b) throws IOException;

        /** The client configuration for this server's transport (ncalrpc when it has a runtime dir). */
        abstract RpcClientConfig clientConfig();

        @Setup(Level.Trial)
        public void start() throws IOException {
            server = transport(ComServer.builder().rpcConfig(RpcServerConfig.defaults().withThreadModel(threadModel))).start();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            server.close();
            EchoBenchmark.deleteTree(runtimeDir);
        }
    }

    /**
     * ncacn_ip_tcp on 127.0.0.1. A remote caller at level none is refused twice by default: by the RPC
     * layer (an ORPC interface admits only authenticated callers, at the machine minimum: integrity) and
     * by the Call check (deny on doubt). For a null call at level none, as RMI and gRPC make it, this
     * server admits anonymous callers: an {@link AuthPolicy} that allows them, and CoInitializeSecurity
     * with execute rights for ANONYMOUS LOGON and Authenticated Users at level none — every call still
     * goes through both checks. The NTLM account {@link EchoBenchmark#USER} is there for
     * {@code dcomTcpNullIntegrity}, the default minimum level.
     */
    @State(Scope.Benchmark)
    public static class DcomTcpServer extends DcomServerState {
        static final AuthPolicy ADMIT_ANONYMOUS = (iface, declared) -> declared.withAllowAnonymous(true);

        @Override
        ComServer.Builder transport(ComServer.Builder b) {
            byte[] hash = NtHash.of(EchoBenchmark.PASSWORD);
            Token token = Token.of("BENCH\\" + EchoBenchmark.USER, Sid.of(5, 21, 1, 2, 3, 1000),
                    List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
            NtlmAccounts accounts = (domain, user) -> user.equalsIgnoreCase(EchoBenchmark.USER)
                    ? Optional.of(new NtlmAccount(EchoBenchmark.USER, hash, token)) : Optional.empty();
            return b.rpcSecurity(RpcSecurity.defaults().withPolicy(ADMIT_ANONYMOUS).withAccounts(accounts))
                    .initializeSecurity(Sddl.parse("O:BAG:BAD:(A;;CCDCLC;;;AN)(A;;CCDCLC;;;AU)"), AuthLevel.NONE)
                    .tcp(InetAddress.getLoopbackAddress());
        }

        @Override
        RpcClientConfig clientConfig() {
            return RpcClientConfig.defaults();
        }
    }

    /** ncalrpc in a temp dir, default security: the Call check admits an ncalrpc caller of this process's uid. */
    @State(Scope.Benchmark)
    public static class DcomUnixServer extends DcomServerState {
        @Override
        ComServer.Builder transport(ComServer.Builder b) throws IOException {
            runtimeDir = Files.createTempDirectory("dcom4j-bench-com");
            return b.ncalrpc(runtimeDir);
        }

        @Override
        RpcClientConfig clientConfig() {
            return RpcClientConfig.defaults().withRuntimeDir(runtimeDir);
        }
    }

    /** The object of the null call. */
    public static final class NullObject implements INullCall {
        @Override
        public void nothing() {
        }
    }

    /** Per-thread: a ComClient of one server; the exporter is resolved in the set-up. */
    public abstract static class DcomClient {
        ComClient client;

        void open(DcomServerState s) {
            open(s, ClientAuth.NONE);
        }

        void open(DcomServerState s, ClientAuth auth) {
            client = new ComClient(auth, s.clientConfig());
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    /** Per-thread: a proxy for a {@link NullObject} exported by the server, called once to connect. */
    public abstract static class NullClient extends DcomClient {
        INullCall proxy;

        void connect(DcomServerState s) throws ComException {
            open(s);
            export(s);
        }

        void export(DcomServerState s) throws ComException {
            proxy = client.unmarshal(s.server.export(new NullObject(), INullCall.class), INullCall.class);
            proxy.nothing();
        }
    }

    @State(Scope.Thread)
    public static class DcomTcpNullClient extends NullClient {
        @Setup(Level.Trial)
        public void start(DcomTcpServer s) throws ComException {
            connect(s);
        }
    }

    /** Per-thread: the null call at the machine's default minimum level, NTLM pkt_integrity (every fragment signed). */
    @State(Scope.Thread)
    public static class DcomTcpIntegrityClient extends NullClient {
        @Setup(Level.Trial)
        public void start(DcomTcpServer s) throws ComException {
            open(s, ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", EchoBenchmark.USER, EchoBenchmark.PASSWORD)));
            export(s);
        }
    }

    @State(Scope.Thread)
    public static class DcomUnixNullClient extends NullClient {
        @Setup(Level.Trial)
        public void start(DcomUnixServer s) throws ComException {
            connect(s);
        }
    }

    // ------------------------------------------------------------------------------------------ peers

    /** Java RMI's null call. */
    public interface RmiNullCall extends Remote {
        void nothing() throws RemoteException;
    }

    /** The RMI object; the state keeps it reachable (RMI holds exported objects weakly). */
    public static final class RmiNullObject implements RmiNullCall {
        @Override
        public void nothing() {
        }
    }

    /** An RMI object exported on an anonymous port, no registry; its stub, called once to connect. */
    @State(Scope.Benchmark)
    public static class RmiState {
        RmiNullObject object;
        RmiNullCall stub;

        @Setup(Level.Trial)
        public void start() throws RemoteException {
            object = new RmiNullObject();
            stub = (RmiNullCall) UnicastRemoteObject.exportObject(object, 0);
            stub.nothing();
        }

        @TearDown(Level.Trial)
        public void stop() throws RemoteException {
            UnicastRemoteObject.unexportObject(object, true);
        }
    }

    /** gRPC server and channel; one call in the set-up connects. */
    @State(Scope.Benchmark)
    public static class GrpcState {
        GrpcNull grpc;

        @Setup(Level.Trial)
        public void start() throws IOException {
            grpc = new GrpcNull();
            grpc.call();
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            grpc.shutdown();
        }
    }

    // ------------------------------------------------------------------------------------- benchmarks

    @Benchmark
    public byte baselineTcpPingPong(RawTcpClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    public byte baselineUnixPingPong(RawUnixClient c) throws IOException {
        return c.pingPong();
    }

    @Benchmark
    public void dcomTcpNull(DcomTcpNullClient c) throws ComException {
        c.proxy.nothing();
    }

    @Benchmark
    public void dcomTcpNullIntegrity(DcomTcpIntegrityClient c) throws ComException {
        c.proxy.nothing();
    }

    @Benchmark
    public void dcomUnixNull(DcomUnixNullClient c) throws ComException {
        c.proxy.nothing();
    }

    @Benchmark
    public void rmiNull(RmiState s) throws RemoteException {
        s.stub.nothing();
    }

    @Benchmark
    public byte[] grpcUnary(GrpcState s) {
        return s.grpc.call();
    }

    // ------------------------------------------------------------------------------ IDispatch::Invoke

    /** An Automation object: the runtime answers IDispatch for it (AutoDispatch). */
    public static final class AddObject implements IUnknown {
        @DispMethod(name = "Add", dispId = 1)
        public int add(int a, int b) {
            return a + b;
        }
    }

    /**
     * Per-thread: an IDispatch proxy for an {@link AddObject}, Add's DISPID looked up once (GetIDsOfNames) and
     * the DISPPARAMS of Add(2, 3) built once, as a compiled late-bound client holds them; each call is one
     * IDispatch::Invoke (DISPATCH_METHOD, two VT_I4 in, a VT_I4 out) with its [out] holders.
     */
    public abstract static class DispatchClient extends DcomClient {
        static final UUID IID_NULL = new UUID(0, 0);
        IDispatch proxy;
        int addId;
        DispParams args;

        void connect(DcomServerState s) throws ComException {
            open(s);
            proxy = client.unmarshal(s.server.export(new AddObject(), IDispatch.class), IDispatch.class);
            Out<int[]> ids = new Out<>();
            proxy.getIDsOfNames(IID_NULL, List.of("Add"), 1, 0x400, ids);
            addId = ids.get()[0];
            args = DispParams.of(List.of(Variants.toWire(Variant.i4(3)), Variants.toWire(Variant.i4(2))), new int[0]);
            if (!Variant.i4(5).equals(Variants.fromWire(invoke()))) {
                throw new IllegalStateException("Add(2, 3) != 5");
            }
        }

        WireVariant invoke() throws ComException {
            Out<WireVariant> result = new Out<>();
            proxy.invoke(addId, IID_NULL, 0x400, IDispatch.DISPATCH_METHOD, args, result, new Out<>(), new Out<>(), 0, NO_REFS,
                    new InOut<>(List.of()));
            return result.get();
        }

        private static final int[] NO_REFS = new int[0];
    }

    @State(Scope.Thread)
    public static class DispatchTcpClient extends DispatchClient {
        @Setup(Level.Trial)
        public void start(DcomTcpServer s) throws ComException {
            connect(s);
        }
    }

    @State(Scope.Thread)
    public static class DispatchUnixClient extends DispatchClient {
        @Setup(Level.Trial)
        public void start(DcomUnixServer s) throws ComException {
            connect(s);
        }
    }

    @Benchmark
    public WireVariant dispatchTcpAdd(DispatchTcpClient c) throws ComException {
        return c.invoke();
    }

    @Benchmark
    public WireVariant dispatchUnixAdd(DispatchUnixClient c) throws ComException {
        return c.invoke();
    }
}
