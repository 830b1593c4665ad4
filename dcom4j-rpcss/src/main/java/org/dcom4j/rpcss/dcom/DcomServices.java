package org.dcom4j.rpcss.dcom;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.UnixTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpcss's DCOM half, wired in one place:
 * <pre>
 *   endpoint-mapper server (TCP 135, ncalrpc:[epmapper])     private server (ncalrpc:[dcom4j-scm] only)
 *     IObjectExporter      ─┐                                  IDcom4jScm  RegisterServer / RevokeServer,
 *                          │                                              Rot{Register,Revoke,GetObject,Enum} ─▶ RunningObjectTable
 *     IRemoteSCMActivator   ├─ ServerRegistry ◀────────────────────┘
 *     IActivation          ─┘        │
 *                                    └─▶ each server's IDcom4jObjectServer (ncalrpc:[dcom4j-srv-PID]):
 *                                        CreateInstance, OidsPinged
 * </pre>
 * Pings accepted by the resolver are forwarded to the owning servers (OidsPinged), which own garbage
 * collection. One background thread drops stale ping sets and probes registered servers. {@link #close} stops
 * it and the private server. Thread-safe.
 */
public final class DcomServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DcomServices.class);
    /** The private endpoint of IDcom4jScm. */
    public static final String SCM_NCALRPC = Dcom4jScm.NCALRPC_ENDPOINT;
    static final int MAX_PING_SETS = 16_384;
    static final int MAX_OIDS_PER_SET = 4_096;

    private final DcomOptions options;
    private final Path runtimeDir;
    private final ServerRegistry servers = new ServerRegistry();
    private final ObjectServers objectServers;
    private final PingSets pings;
    private final Bindings bindings;
    private final ActivationService activation;
    private final RunningObjectTable rot;
    private final ScmHandler scm;
    private final RpcServer scmServer;
    private final ScheduledExecutorService timer;

    /**
     * @param registry   the config store (read for classes, applications and the DCOM settings)
     * @param callers    how the private server names its ncalrpc callers
     * @param security   the private server's RPC security (it is ncalrpc only: kernel identities)
     */
    public DcomServices(DcomOptions options, Registry registry, LocalAccounts accounts, Path runtimeDir, InetAddress bindAddress,
                        CallerTokens callers, RpcSecurity security) {
        this.options = options;
        this.runtimeDir = runtimeDir;
        this.objectServers = new ObjectServers(runtimeDir, Duration.ofSeconds(30));
        this.bindings = Bindings.forBindAddress(bindAddress);
        this.pings = new PingSets(options.pingTimeout().toNanos(), System::nanoTime, id -> servers.byId(id).isPresent(),
                this::oidsPinged, MAX_PING_SETS, MAX_OIDS_PER_SET);
        ActivationPolicy policy = new ActivationPolicy(registry, registry.eventLog(), options.policyRefresh().toNanos());
        this.activation = new ActivationService(registry, accounts, servers, objectServers, policy, registry.eventLog(), options);
        this.rot = new RunningObjectTable();
        servers.onRemove(rot::removeServer);
        this.scm = new ScmHandler(servers, objectServers, registry, accounts, rot, policy);
        this.scmServer = new RpcServer(RpcServerConfig.defaults(), callers, security);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpcss-dcom-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers IObjectExporter, IRemoteSCMActivator and IActivation on {@code epmServer}. */
    public void registerOn(RpcServer epmServer, IntSupplier resolverPort) {
        epmServer.register(new ObjectExporterHandler(servers, pings, bindings, resolverPort).rpcInterface());
        ActivatorHandler a = new ActivatorHandler(activation, bindings);
        epmServer.register(a.remoteScmActivator());
        epmServer.register(a.activation());
    }

    /** Starts IDcom4jScm on ncalrpc:[{@value #SCM_NCALRPC}] and the background timer. */
    public void start() throws IOException {
        scmServer.register(scm.rpcInterface());
        scmServer.listen(new UnixTransport(runtimeDir), SCM_NCALRPC);
        long sweep = Math.max(10, options.pingTimeout().toMillis() / 4);
        timer.scheduleWithFixedDelay(this::sweepPings, sweep, sweep, TimeUnit.MILLISECONDS);
        long probe = options.livenessPeriod().toMillis();
        timer.scheduleWithFixedDelay(this::probeServers, probe, probe, TimeUnit.MILLISECONDS);
    }

    private void sweepPings() {
        try {
            pings.sweep();
        } catch (RuntimeException e) {
            LOG.warn("ping sweep failed: {}", e.toString());
        }
    }

    private void probeServers() {
        for (ServerRegistry.Registration r : servers.all()) {
            int uid = objectServers.listenerUid(r.endpoint());
            if (uid != r.uid()) {
                servers.remove(r.id());
                LOG.info("server {} (pid {}) unregistered: its endpoint {} {}", r.id(), r.pid(), r.endpoint(),
                        uid < 0 ? "no longer answers" : "now belongs to uid " + uid);
            }
        }
    }

    /** Delivered off the caller's thread: a ping answer never waits on a server. */
    private void oidsPinged(int owner, long[] oids) {
        if (oids.length == 0) {
            return;
        }
        servers.byId(owner).ifPresent(r -> Thread.ofVirtual().name("rpcss-oids-pinged").start(() -> {
            try {
                objectServers.oidsPinged(r.endpoint(), oids);
            } catch (IOException e) {
                LOG.warn("OidsPinged to server {} failed: {}", r.id(), e.getMessage());
            }
        }));
    }

    /** How many running object table entries there are (for status and tests). */
    public int runningObjects() {
        return rot.size();
    }

    /** How many servers are registered (for status and tests). */
    public int registeredServers() {
        return servers.all().size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        scmServer.close();
    }
}
