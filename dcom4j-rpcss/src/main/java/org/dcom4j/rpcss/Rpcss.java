package org.dcom4j.rpcss;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.dcom4j.config.Accounts;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.epm.EndpointMapper;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.epm.Mgmt;
import org.dcom4j.rpc.epm.MgmtHandler;
import org.dcom4j.rpc.epm.RpcStatistics;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.rpcss.dcom.DcomServices;
import org.dcom4j.samples.Dcom4jEcho;
import org.dcom4j.samples.Dcom4jEchoServer;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Distance;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine service (the seed's RPCSS), first form: the endpoint mapper and mgmt on TCP (135 by
 * default) and on {@code ncalrpc:[epmapper]}, and the Dcom4jEcho sample in a server of its own on a
 * dynamic TCP port and {@code ncalrpc:[dcom4j-echo]}, registered in the endpoint mapper. Each
 * {@link RpcServer} serves its interfaces on all of its own endpoints, as one Windows process does,
 * so the sample is not reachable on port 135 and the endpoint mapper not on the sample's port. The
 * endpoint-mapper server also serves DCOM's IObjectExporter, IRemoteSCMActivator and IActivation, and a
 * private server on {@code ncalrpc:[dcom4j-scm]} the COM server registry ({@link DcomServices}).
 *
 * <p>Lifecycle: {@link #start} binds everything or fails with an {@link RpcssException} naming what
 * to change; started as root with {@link Options#user()}, it then switches to that unprivileged user
 * for good ({@link PrivilegeDrop}) before it serves its first request; {@link #close} (also run by
 * the JVM's shutdown hook on SIGTERM when started through {@code ./dcom4j daemon}) stops accepting,
 * lets calls in progress finish and closes. Thread-safe.
 */
public final class Rpcss implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rpcss.class);

    /** The ncalrpc endpoint of the endpoint mapper (a socket file in the runtime directory). */
    public static final String EPM_NCALRPC = "epmapper";
    /** The ncalrpc endpoint of the Dcom4jEcho sample. */
    public static final String ECHO_NCALRPC = "dcom4j-echo";

    /**
     * How to start.
     *
     * @param bindAddress the TCP address to listen on (0.0.0.0: every interface, as Windows' rpcss)
     * @param tcpPort     the endpoint mapper's TCP port: 135, or 0 for a dynamic one (tests)
     * @param stateDir    the config store
     * @param runtimeDir  where the ncalrpc sockets live
     * @param dcom        the activator's launcher, launch timeout and ping timing ({@link DcomOptions#defaults()})
     * @param user        the unprivileged user to become once everything is bound (needs root), or null to keep
     *                    this process's user
     */
    public record Options(InetAddress bindAddress, int tcpPort, Path stateDir, Path runtimeDir, DcomOptions dcom,
                          PrivilegeDrop.Target user) {
        public Options(InetAddress bindAddress, int tcpPort, Path stateDir, Path runtimeDir) {
            this(bindAddress, tcpPort, stateDir, runtimeDir, DcomOptions.defaults());
        }

        public Options(InetAddress bindAddress, int tcpPort, Path stateDir, Path runtimeDir, DcomOptions dcom) {
            this(bindAddress, tcpPort, stateDir, runtimeDir, dcom, null);
        }

        public Options withDcom(DcomOptions d) {
            return new Options(bindAddress, tcpPort, stateDir, runtimeDir, d, user);
        }

        /** Switch to {@code u} after binding (null: stay); a root target means stay. */
        public Options withUser(PrivilegeDrop.Target u) {
            return new Options(bindAddress, tcpPort, stateDir, runtimeDir, dcom, u == null || u.isRoot() ? null : u);
        }

        public Options {
            Objects.requireNonNull(dcom, "dcom");
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(runtimeDir, "runtimeDir");
            if (user != null && user.isRoot()) {
                user = null;
            }
            if (tcpPort < 0 || tcpPort > 0xFFFF) {
                throw new IllegalArgumentException("--port out of range: " + tcpPort + ", allowed 0-65535");
            }
        }
    }

    /** A name {@link #openAccounts} looks up: any lookup opens the account store's connection. */
    private static final String PROBE_NAME = "dcom4j-probe";

    private final Options options;
    private final Registry registry;
    private final Accounts serviceAccounts;
    private final EndpointMapper endpointMapper = new EndpointMapper();
    private final RpcServer epmServer;
    private final RpcServer echoServer;
    private final DcomServices dcom;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Opened once bound and, when asked, no longer root: until then connections wait before their first PDU. */
    private final CountDownLatch serving = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private int epmPort;
    private int echoPort;

    private Rpcss(Options options, Registry registry) {
        this.options = options;
        this.registry = registry;
        this.serviceAccounts = Accounts.forService(registry);
        LocalAccounts accounts = LocalAccounts.open(registry, serviceAccounts);
        CallerTokens callers = gated(callerTokens(accounts));
        RpcSecurity security = RpcssSecurity.build(registry, serviceAccounts);
        this.epmServer = new RpcServer(RpcServerConfig.defaults(), callers, security);
        this.echoServer = new RpcServer(RpcServerConfig.defaults(), callers, security);
        this.dcom = new DcomServices(options.dcom(), registry, accounts, options.runtimeDir(), options.bindAddress(), callers, security);
    }

    /**
     * How rpcss names callers: an ncalrpc caller is the Unix user the kernel reports, mapped as the
     * security model documents (user SID under the machine SID, Administrators for uid 0 and
     * dcom4j-admins, Distributed COM Users for dcom4j-dcom-users; LOCAL and INTERACTIVE); a TCP
     * caller is ANONYMOUS LOGON with NETWORK unless it authenticates with NTLM ({@link RpcssSecurity}).
     */
    public static CallerTokens callerTokens(LocalAccounts accounts) {
        return (distance, peer) -> {
            if (distance == Distance.LOCAL && peer != null && peer.uid() >= 0) {
                return accounts.tokenForUid(peer.uid());
            }
            return CallerTokens.anonymous(distance);
        };
    }

    /** {@link #start(Options, Consumer)} with nothing to do between binding and serving. */
    public static Rpcss start(Options options) {
        return start(options, r -> { });
    }

    /**
     * Opens the store, binds every endpoint and registers the sample, runs {@code whileBound} (the
     * daemon starts the launcher there, while still root), switches to {@link Options#user()} when
     * one is given, and only then serves: connections accepted before wait. Nothing is left open on
     * failure.
     *
     * @throws RpcssException an endpoint cannot be bound, or the switch of user or a check after it failed
     */
    public static Rpcss start(Options options, Consumer<Rpcss> whileBound) {
        Registry registry = openStore(options.stateDir());
        boolean runtimeIsNew = !Files.exists(options.runtimeDir(), LinkOption.NOFOLLOW_LINKS);
        Rpcss rpcss = new Rpcss(options, registry);
        try {
            if (options.user() != null) {
                rpcss.openAccounts();
            }
            rpcss.listen();
            whileBound.accept(rpcss);
            if (options.user() != null) {
                RunAsUser.become(options.user(), rpcss.ownedPaths(runtimeIsNew), rpcss::reopenStores);
            } else {
                registry.reopenReadOnly();
            }
        } catch (RuntimeException e) {
            rpcss.close();
            throw e;
        }
        rpcss.serving.countDown();
        return rpcss;
    }

    /**
     * As the unprivileged user: the registry's connection becomes read-only ({@link Registry#reopenReadOnly},
     * opened now so that no descriptor to {@code registry.db} or its {@code -wal} is writable: the
     * launcher trusts that file), then the account store is checked readable.
     */
    private void reopenStores() {
        registry.reopenReadOnly();
        openAccounts();
    }

    /** Delays naming (and so serving) each connection's caller until {@link #start} is done; refuses it once closing. */
    private CallerTokens gated(CallerTokens inner) {
        return (distance, peer) -> {
            try {
                serving.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rpcss was starting", e);
            }
            if (closing.get()) {
                throw new IllegalStateException("rpcss is stopping");
            }
            return inner.tokenFor(distance, peer);
        };
    }

    /**
     * Opens the account store's connection rpcss keeps (creating the store as root when missing): as
     * the unprivileged user it could not open {@code accounts.db} (group dcom4j-admins, mode 0660).
     */
    private void openAccounts() {
        if (!Files.exists(serviceAccounts.file(), LinkOption.NOFOLLOW_LINKS)) {
            Token me = LocalAccounts.open(registry).currentUser();
            if (me.isAdministrator()) {
                try (Accounts admin = Accounts.open(registry, me)) {
                    admin.users();
                }
            }
        }
        serviceAccounts.find(PROBE_NAME);
    }

    /** The socket files rpcss listens on, and the runtime directory when this start created it. */
    private List<Path> ownedPaths(boolean runtimeIsNew) {
        Path run = options.runtimeDir();
        List<Path> sockets = List.of(run.resolve(EPM_NCALRPC), run.resolve(ECHO_NCALRPC), run.resolve(DcomServices.SCM_NCALRPC));
        if (!runtimeIsNew) {
            try {
                if ((Integer) Files.getAttribute(run, "unix:uid", LinkOption.NOFOLLOW_LINKS) != options.user().uid()) {
                    LOG.warn("the runtime directory {} is not {}'s: rpcss will not be able to remove its socket files when"
                            + " it stops (the next start replaces them)", run, options.user().name());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read the owner of the runtime directory {}: {}", run, e.toString());
            }
            return sockets;
        }
        List<Path> all = new java.util.ArrayList<>(sockets);
        all.add(run);
        return all;
    }

    /**
     * Opens the store, creating it when missing. An administrator's first start also writes the DCOM
     * values of the default profile (what {@code config init} does); anyone else's leaves them absent,
     * and the access decision then uses the built-in Server 2003 SP1 values — the same ones, and the
     * chain says "built-in default" — until an administrator runs {@code config init}.
     */
    private static Registry openStore(Path dir) {
        boolean existed = Files.isRegularFile(dir.resolve("registry.db"));
        Registry registry = Registry.open(dir);
        if (!existed) {
            Token me = LocalAccounts.open(registry).currentUser();
            if (me.isAdministrator()) {
                DcomConfig.init(registry, me, DcomProfile.DEFAULT);
                LOG.info("created the config store in {} with profile {}", dir, DcomProfile.DEFAULT.id());
            } else {
                LOG.info("created the config store in {}; its DCOM values are absent until an administrator runs"
                        + " 'dcom4j config init' (the built-in {} values apply)", dir, DcomProfile.DEFAULT.id());
            }
        }
        return registry;
    }

    private void listen() {
        try {
            Files.createDirectories(options.runtimeDir());
        } catch (IOException e) {
            throw new RpcssException("cannot create the runtime directory " + options.runtimeDir() + ": " + e
                    + " (choose another with --runtime)", e);
        }
        UnixTransport unix = new UnixTransport(options.runtimeDir());
        TcpTransport tcp = new TcpTransport(options.bindAddress());

        epmServer.register(endpointMapper.rpcInterface());
        epmServer.register(mgmt(Epm.INTERFACE, epmServer));
        dcom.registerOn(epmServer, () -> epmPort);
        epmPort = Integer.parseInt(listen(epmServer, tcp, String.valueOf(options.tcpPort()), "the endpoint mapper"));
        listen(epmServer, unix, EPM_NCALRPC, "the endpoint mapper");
        try {
            dcom.start();
        } catch (IOException e) {
            throw new RpcssException("the COM server registry ncalrpc:[" + DcomServices.SCM_NCALRPC + "]: " + e.getMessage()
                    + "; choose another runtime directory with --runtime", e);
        }

        RpcInterface echo = Dcom4jEchoServer.rpcInterface();
        echoServer.register(echo);
        echoServer.register(mgmt(echo.id(), echoServer));
        echoPort = Integer.parseInt(listen(echoServer, tcp, "0", "Dcom4jEcho"));
        listen(echoServer, unix, ECHO_NCALRPC, "Dcom4jEcho");

        UUID nil = new UUID(0, 0);
        byte[] address = options.bindAddress() instanceof Inet4Address a ? a.getAddress() : new byte[4];
        endpointMapper.register(Dcom4jEcho.INTERFACE_ID, nil, Tower.tcp(Dcom4jEcho.INTERFACE_ID, echoPort, address),
                "Dcom4jEcho sample");
        endpointMapper.register(Dcom4jEcho.INTERFACE_ID, nil, Tower.ncalrpc(Dcom4jEcho.INTERFACE_ID, ECHO_NCALRPC),
                "Dcom4jEcho sample");
        registry.eventLog().append(SecurityEvent.Level.INFORMATION, "rpcss", 1, "rpcss started: endpoint mapper on TCP port "
                + epmPort + " and ncalrpc:[" + EPM_NCALRPC + "]", Map.of("runtime", options.runtimeDir().toString()));
    }

    /** mgmt on a server: the interfaces it serves and its own counters (calls out: a server makes none). */
    private static RpcInterface mgmt(InterfaceId served, RpcServer server) {
        RpcStatistics stats = new RpcStatistics() {
            @Override
            public long callsIn() {
                return server.callsIn();
            }

            @Override
            public long packetsIn() {
                return server.packetsIn();
            }

            @Override
            public long packetsOut() {
                return server.packetsOut();
            }
        };
        return new MgmtHandler(() -> List.of(served, Mgmt.INTERFACE), stats).rpcInterface();
    }

    private String listen(RpcServer server, org.dcom4j.rpc.transport.Transport transport, String endpoint, String what) {
        try {
            return server.listen(transport, endpoint);
        } catch (IOException e) {
            boolean tcp = transport instanceof TcpTransport;
            String hint = !tcp ? "; choose another runtime directory with --runtime"
                    : endpoint.equals("0") ? ""
                    : Integer.parseInt(endpoint) < 1024 && e.getMessage() != null && e.getMessage().contains("ermission")
                    ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE); choose another port with --port"
                    : "; choose another port with --port";
            throw new RpcssException(what + ": " + e.getMessage() + hint, e);
        }
    }

    /** The endpoint mapper's TCP port (the one asked for, or the one chosen for 0). */
    public int endpointMapperPort() {
        return epmPort;
    }

    /** The Dcom4jEcho sample's dynamic TCP port. */
    public int echoPort() {
        return echoPort;
    }

    public Options options() {
        return options;
    }

    /**
     * The config store as rpcss uses it: read-only once {@link #start} returned (see
     * {@link Registry#reopenReadOnly}); its event log is writable.
     */
    public Registry registry() {
        return registry;
    }

    /** The activator, OXID resolver and COM server registry. */
    public DcomServices dcom() {
        return dcom;
    }

    public EndpointMapper endpointMapper() {
        return endpointMapper;
    }

    /** Blocks until {@link #close} has run (from another thread, e.g. the shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, finishes calls in progress, closes the servers and the store. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        serving.countDown(); // connections still waiting are refused (closing is set)
        try {
            LOG.info("stopping: no new connections; calls in progress finish");
            echoServer.close();
            dcom.close();
            epmServer.close();
            serviceAccounts.close();
            registry.close();
            LOG.info("stopped");
        } finally {
            stopped.countDown();
        }
    }
}
