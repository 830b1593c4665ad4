package org.dcom4j.rpcss.dcom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.ObjectServer.CreateInstanceResponse;
import org.dcom4j.com.scm.ObjectServer.GetClassObjectResponse;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.Decision;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Operation;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.SecurityEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activation, the SCM's part (MS-DCOM 3.1.2.5.2.3), shared by RemoteCreateInstance, RemoteGetClassObject
 * and RemoteActivation:
 * <ol>
 * <li>a Remote caller below the activation minimum level (PKT_INTEGRITY unless configured) is refused;</li>
 * <li>the class must be registered (REGDB_E_CLASSNOTREG), its AppID's application is looked up;</li>
 * <li>Activate is decided on every activation, Launch only when no registered server serves the class
 *     — one {@code DcomAccessPolicy.decide}, which logs denials per CallFailureLoggingLevel;</li>
 * <li>when nothing serves the class the launcher is asked (once per class at a time) and the
 *     activation waits for the server's RegisterServer (timeout: CO_E_SERVER_EXEC_FAILURE, and the
 *     launcher is asked to terminate the server it started);</li>
 * <li>the server's ObjectServer.CreateInstance makes the object (GetClassObject: hands out its class
 *     object); a server that no longer answers is
 *     unregistered and the lookup tried once more.</li>
 * </ol>
 * Thread-safe.
 */
final class ActivationService {
    private static final Logger LOG = LoggerFactory.getLogger(ActivationService.class);

    /** A successful activation: the server and, per requested IID, an HRESULT and an interface pointer. */
    record Activated(ServerRegistry.Registration server, int[] hresults, List<MInterfacePointer> objrefs) {
    }

    private final Registry registry;
    private final LocalAccounts accounts;
    private final ServerRegistry servers;
    private final ObjectServers objectServers;
    private final ActivationPolicy policy;
    private final SecurityEventSink events;
    private final DcomOptions options;
    private final Map<UUID, CompletableFuture<ServerRegistry.Registration>> launching = new ConcurrentHashMap<>();

    ActivationService(Registry registry, LocalAccounts accounts, ServerRegistry servers, ObjectServers objectServers,
                      ActivationPolicy policy, SecurityEventSink events, DcomOptions options) {
        this.registry = registry;
        this.accounts = accounts;
        this.servers = servers;
        this.objectServers = objectServers;
        this.policy = policy;
        this.events = events;
        this.options = options;
    }

    /** The server's side of one activation: CreateInstance or GetClassObject on {@code server}. */
    @FunctionalInterface
    private interface LastStep {
        Activated on(ServerRegistry.Registration server) throws ComException, ObjectServers.Unreachable;
    }

    /** RemoteCreateInstance, RemoteActivation: a new instance of {@code clsid} for {@code iids}. */
    Activated activate(CallContext ctx, UUID clsid, List<UUID> iids) throws ComException {
        return activate(ctx, clsid, server -> create(server, clsid, iids, ctx));
    }

    /**
     * RemoteGetClassObject, RemoteActivation with MODE_GET_CLASS_OBJECT (MS-DCOM 3.1.2.5.2.3.2): the same
     * checks and launch as {@link #activate(CallContext, UUID, List)}, then the class object of
     * {@code clsid} for {@code iid} from the server (ObjectServer GetClassObject).
     */
    Activated getClassObject(CallContext ctx, UUID clsid, UUID iid) throws ComException {
        return activate(ctx, clsid, server -> classObject(server, clsid, iid, ctx));
    }

    private Activated activate(CallContext ctx, UUID clsid, LastStep last) throws ComException {
        ActivationPolicy.Snapshot s = policy.current();
        if (ctx.distance() == Distance.REMOTE && ctx.authLevel() < s.activationMinimumLevel()) {
            if (s.logFailures()) {
                events.report(new SecurityEvent(SecurityEvent.Level.WARNING, SecurityEvent.SOURCE_DCOM, SecurityEvent.LAUNCH_DENIED,
                        "remote activation of " + clsid + " by " + ctx.token().name() + " refused: authentication level "
                                + ctx.authLevel() + " below the minimum " + s.activationMinimumLevel()
                                + " (HKLM\\SOFTWARE\\dcom4j\\Rpc ActivationMinimumAuthenticationLevel)",
                        Map.of("clsid", clsid.toString(), "user", ctx.token().name(), "address", String.valueOf(ctx.peerAddress()))));
            }
            throw new ComException(Hresult.E_ACCESSDENIED, "authentication level " + ctx.authLevel() + " below "
                    + s.activationMinimumLevel());
        }
        ComClasses.ComClass cls = ComClasses.find(registry, clsid)
                .orElseThrow(() -> new ComException(Hresult.REGDB_E_CLASSNOTREG, "class " + clsid + " is not registered"));
        ComApplication app = cls.appId().flatMap(a -> DcomConfig.application(registry, a, accounts)).orElse(null);
        deny(s.policy().decide(ctx.token(), Operation.ACTIVATE, ctx.distance(), app));
        for (int attempt = 0; ; attempt++) {
            Optional<ServerRegistry.Registration> running = servers.forClass(clsid);
            ServerRegistry.Registration server;
            if (running.isPresent()) {
                server = running.get();
            } else {
                deny(s.policy().decide(ctx.token(), Operation.LAUNCH, ctx.distance(), app));
                server = launch(clsid);
            }
            try {
                return last.on(server);
            } catch (ObjectServers.Unreachable e) {
                LOG.warn("server {} (pid {}) no longer answers; unregistered: {}", server.id(), server.pid(), e.getMessage());
                servers.remove(server.id());
                if (attempt > 0) {
                    throw new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "the server of " + clsid + " does not answer", e);
                }
            }
        }
    }

    private static void deny(Decision d) throws ComException {
        if (!d.allowed()) {
            throw new ComException(d.hresult(), d.explain());
        }
    }

    private ServerRegistry.Registration launch(UUID clsid) throws ComException {
        CompletableFuture<ServerRegistry.Registration> mine = new CompletableFuture<>();
        CompletableFuture<ServerRegistry.Registration> f = launching.putIfAbsent(clsid, mine);
        ServerLauncher.Result launched = null;
        if (f == null) {
            f = mine;
            try {
                CompletableFuture<ServerRegistry.Registration> registered = servers.awaitClass(clsid);
                ServerLauncher.Result r = options.launcher().launch(clsid);
                if (!r.started()) {
                    throw new ComException(Hresult.isFailure(r.hresult()) ? r.hresult() : Hresult.CO_E_SERVER_EXEC_FAILURE,
                            "the launcher did not start the server of " + clsid);
                }
                launched = r;
                LOG.info("launched the server of {}: pid {} as {}", clsid, r.pid(), r.account());
                registered.whenComplete((reg, err) -> {
                    if (err != null) {
                        mine.completeExceptionally(err);
                    } else {
                        mine.complete(reg);
                    }
                });
            } catch (IOException | ComException | RuntimeException e) {
                ComException c = e instanceof ComException ce ? ce
                        : new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "launcher: " + e.getMessage(), e);
                mine.completeExceptionally(c);
            }
        }
        try {
            return f.get(options.launchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ComException timedOut = new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "the server of " + clsid
                    + " did not register within " + options.launchTimeout());
            if (launched != null) {
                if (mine.completeExceptionally(timedOut)) {
                    abandon(clsid, launched);
                } else if (!mine.isCompletedExceptionally()) {
                    return mine.join(); // registered just as the wait ended: in time after all
                }
            }
            throw timedOut;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ComException c) {
                throw c;
            }
            throw new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, String.valueOf(e.getCause()));
        } finally {
            launching.remove(clsid, f);
        }
    }

    /**
     * The launch timeout passed for the server this activation had started: the launcher terminates it
     * (every activation waiting on it has failed the same way), so repeated activations do not pile up
     * processes. Terminated even if it registers meanwhile; its registration goes when it stops answering.
     */
    private void abandon(UUID clsid, ServerLauncher.Result launched) {
        LOG.warn("the server of {} (pid {} as {}) did not register within {}: asking the launcher to terminate it",
                clsid, launched.pid(), launched.account(), options.launchTimeout());
        try {
            options.launcher().abandon(launched);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the launcher could not be asked to terminate pid {}: {}", launched.pid(), e.toString());
        }
    }

    private Activated classObject(ServerRegistry.Registration server, UUID clsid, UUID iid, CallContext ctx)
            throws ComException, ObjectServers.Unreachable {
        GetClassObjectResponse r;
        try {
            r = objectServers.getClassObject(server.endpoint(), clsid, iid, ctx.token().name(), ctx.token().user().toString());
        } catch (ObjectServers.Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "GetClassObject on server " + server.id() + ": " + e.getMessage(), e);
        }
        if (Hresult.isFailure(r.hresult())) {
            throw new ComException(r.hresult(), "the server's GetClassObject failed");
        }
        if (r.objref() == null) {
            throw new ComException(Hresult.RPC_E_SERVERFAULT, "GetClassObject answered " + Hresult.name(r.hresult()) + " without an OBJREF");
        }
        return new Activated(server, new int[] {r.hresult()}, List.of(r.objref()));
    }

    private Activated create(ServerRegistry.Registration server, UUID clsid, List<UUID> iids, CallContext ctx)
            throws ComException, ObjectServers.Unreachable {
        CreateInstanceResponse r;
        try {
            r = objectServers.createInstance(server.endpoint(), clsid, iids, ctx.token().name(), ctx.token().user().toString());
        } catch (ObjectServers.Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw new ComException(Hresult.CO_E_SERVER_EXEC_FAILURE, "CreateInstance on server " + server.id() + ": " + e.getMessage(), e);
        }
        if (Hresult.isFailure(r.hresult())) {
            throw new ComException(r.hresult(), "the server's CreateInstance failed");
        }
        if (r.cIids() != iids.size() || r.hresults() == null || r.objrefs() == null || r.hresults().length != iids.size()
                || r.objrefs().size() != iids.size()) {
            throw new ComException(Hresult.RPC_E_SERVERFAULT, "CreateInstance answered cIids=" + r.cIids() + ", expected=" + iids.size());
        }
        List<MInterfacePointer> refs = new ArrayList<>(r.objrefs());
        int[] hrs = r.hresults().clone();
        for (int i = 0; i < hrs.length; i++) {
            if (!Hresult.isFailure(hrs[i]) && refs.get(i) == null) {
                hrs[i] = Hresult.E_NOINTERFACE;
            } else if (Hresult.isFailure(hrs[i])) {
                refs.set(i, null);
            }
        }
        return new Activated(server, hrs, refs);
    }
}
