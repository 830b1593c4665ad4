package org.dcom4j.rpc;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dcom4j.rpc.transport.Connection;
import org.dcom4j.rpc.transport.Listener;
import org.dcom4j.rpc.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection-oriented DCE/RPC server (C706 chapter 12 + MS-RPCE): register interfaces, listen on
 * one or more transports, {@link #close} to shut down gracefully. Thread-safe.
 *
 * <pre>{@code
 * try (RpcServer server = new RpcServer(RpcServerConfig.defaults())) {
 *     server.register(new RpcInterface(new InterfaceId(uuid, 1, 0), 3, (ctx, opnum, stub) -> ...));
 *     String port = server.listen(TcpTransport.loopback(), "0");
 *     String name = server.listen(new UnixTransport(runtimeDir), "echo");
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: one accept loop per listener and one read loop per connection, virtual or platform
 * threads as {@link RpcServerConfig#threadModel()} says; one daemon "rpc-reaper" platform thread
 * closes connections idle or stuck in a fragment past their timeout.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final RpcServerConfig config;
    private final CallerTokens callerTokens;
    private final RpcSecurity security;
    private final Map<InterfaceId, RpcInterface> interfaces = new ConcurrentHashMap<>();
    private final AssociationGroups groups = new AssociationGroups();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final ScheduledExecutorService reaper;
    private volatile boolean closing;

    /** protseq:endpoint of every listener of every server in this process (see {@link #servesInThisProcess}). */
    private static final Set<String> OWN_ENDPOINTS = ConcurrentHashMap.newKeySet();

    private static String key(String protseq, String endpoint) {
        return protseq + ":" + endpoint;
    }

    /**
     * Whether a server of this process listens on {@code endpoint} of {@code protseq} (a TCP port or an
     * ncalrpc name). The client uses it for NTLM reflection protection: a challenge our own server issued
     * may be answered only on a connection that reaches our own server directly (loopback), never one
     * relayed through another host.
     */
    public static boolean servesInThisProcess(String protseq, String endpoint) {
        return OWN_ENDPOINTS.contains(key(protseq, endpoint));
    }

    /** A server whose callers are all ANONYMOUS LOGON ({@link CallerTokens#ANONYMOUS}). */
    public RpcServer(RpcServerConfig config) {
        this(config, CallerTokens.ANONYMOUS);
    }

    /** A server that names its ncalrpc callers with {@code callerTokens}, with {@link RpcSecurity#defaults()}. */
    public RpcServer(RpcServerConfig config, CallerTokens callerTokens) {
        this(config, callerTokens, RpcSecurity.defaults());
    }

    /**
     * A server that names its ncalrpc callers with {@code callerTokens} (rpcss: Unix users) and
     * authenticates TCP callers as {@code security} says (rpcss: NTLM against the accounts store).
     */
    public RpcServer(RpcServerConfig config, CallerTokens callerTokens, RpcSecurity security) {
        this.config = config;
        this.callerTokens = java.util.Objects.requireNonNull(callerTokens, "callerTokens");
        this.security = java.util.Objects.requireNonNull(security, "security");
        this.slots = new Semaphore(config.maxConnections());
        this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rpc-reaper").factory());
        long period = Math.clamp(Math.min(config.idleTimeout().toMillis(), config.fragmentTimeout().toMillis()) / 4, 5, 1000);
        reaper.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    /** Adds an interface; an interface with the same id is replaced. */
    public void register(RpcInterface iface) {
        interfaces.put(iface.id(), iface);
    }

    /**
     * Listens on {@code endpoint} of {@code transport} and starts accepting.
     *
     * @return the endpoint actually bound (the TCP port chosen for {@code "0"})
     */
    public String listen(Transport transport, String endpoint) throws IOException {
        if (closing) {
            throw new IllegalStateException("server is closed");
        }
        Listener listener = transport.listen(endpoint);
        listeners.add(listener);
        OWN_ENDPOINTS.add(key(transport.protocolSequence(), listener.endpoint()));
        config.threadModel().builder("rpc-accept-" + transport.protocolSequence() + "-").start(() -> acceptLoop(listener));
        return listener.endpoint();
    }

    private void acceptLoop(Listener listener) {
        // Thread.Builder is not thread-safe: one per accept loop, used by this thread only.
        Thread.Builder connectionThreads = config.threadModel().builder("rpc-conn-" + listener.transport().protocolSequence() + "-");
        while (!closing) {
            Connection c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.warn("accept failed on {}:{}", listener.transport().protocolSequence(), listener.endpoint(), e);
                }
                return;
            }
            if (!slots.tryAcquire()) {
                LOG.debug("connection limit reached: maxConnections={}, refused {}", config.maxConnections(), c.peerAddress());
                closeQuietly(c);
                continue;
            }
            ServerConnection sc = new ServerConnection(this, c, listener.endpoint());
            connections.add(sc);
            if (closing) {
                closeQuietly(c);
            }
            connectionThreads.start(sc);
        }
    }

    /**
     * Closes connections idle or stuck in a fragment for longer than their timeout. A connection's state is
     * timed from the tick that first sees it ({@link ServerConnection#phase}: the call path reads no clock),
     * so a connection is closed between its timeout and its timeout plus two periods, never before.
     */
    private void reap() {
        long now = System.nanoTime();
        long idle = config.idleTimeout().toNanos();
        long fragment = config.fragmentTimeout().toNanos();
        for (ServerConnection sc : connections) {
            long phase = sc.phase;
            int state = ServerConnection.state(phase);
            if (state == ServerConnection.BUSY) {
                continue;
            }
            if (phase != sc.reaperSeen) {
                sc.reaperSeen = phase;
                sc.reaperSince = now;
            } else if (now - sc.reaperSince > (state == ServerConnection.IDLE ? idle : fragment)) {
                LOG.debug("timed out: {}", sc.connection().peerAddress());
                closeQuietly(sc.connection());
            }
        }
    }

    void closed(ServerConnection sc) {
        closeQuietly(sc.connection());
        if (connections.remove(sc)) {
            slots.release();
        }
    }

    /** Counters for mgmt inq_stats (C706 appendix Q); LongAdder: no contention on the call path. */
    static final class Stats {
        final java.util.concurrent.atomic.LongAdder callsIn = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder packetsIn = new java.util.concurrent.atomic.LongAdder();
        final java.util.concurrent.atomic.LongAdder packetsOut = new java.util.concurrent.atomic.LongAdder();
    }

    private final Stats stats = new Stats();

    Stats stats() {
        return stats;
    }

    /** Calls dispatched to a handler since the server started (rpc_c_stats_calls_in). */
    public long callsIn() {
        return stats.callsIn.sum();
    }

    /** PDUs received (rpc_c_stats_pkts_in). */
    public long packetsIn() {
        return stats.packetsIn.sum();
    }

    /** PDUs sent (rpc_c_stats_pkts_out). */
    public long packetsOut() {
        return stats.packetsOut.sum();
    }

    CallerTokens callerTokens() {
        return callerTokens;
    }

    RpcSecurity security() {
        return security;
    }

    private final LogonThrottle logonThrottle = new LogonThrottle();

    LogonThrottle logonThrottle() {
        return logonThrottle;
    }

    /** Connections currently open. */
    public int connectionCount() {
        return connections.size();
    }

    /** Association groups currently alive. */
    public int associationGroupCount() {
        return groups.size();
    }

    public RpcServerConfig config() {
        return config;
    }

    Map<InterfaceId, RpcInterface> interfaces() {
        return interfaces;
    }

    AssociationGroups groups() {
        return groups;
    }

    boolean closing() {
        return closing;
    }

    /**
     * Graceful shutdown: stop accepting, close idle connections, let calls being executed finish
     * (up to {@link RpcServerConfig#shutdownGrace()}; their responses are sent), then close the rest.
     */
    @Override
    public void close() {
        closing = true;
        for (Listener l : listeners) {
            OWN_ENDPOINTS.remove(key(l.transport().protocolSequence(), l.endpoint()));
            try {
                l.close();
            } catch (IOException e) {
                LOG.debug("closing listener", e);
            }
        }
        long end = System.nanoTime() + config.shutdownGrace().toNanos();
        while (true) {
            for (ServerConnection sc : connections) {
                if (!sc.busy()) {
                    closeQuietly(sc.connection());
                }
            }
            if (connections.isEmpty() || System.nanoTime() - end > 0) {
                break;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.forEach(sc -> closeQuietly(sc.connection()));
        reaper.shutdownNow();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close", e);
        }
    }
}
