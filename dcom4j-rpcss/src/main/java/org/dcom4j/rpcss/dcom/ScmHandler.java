package org.dcom4j.rpcss.dcom;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.scm.Dcom4jScm.RegisterServerRequest;
import org.dcom4j.com.scm.Dcom4jScm.RegisterServerResponse;
import org.dcom4j.com.scm.Dcom4jScm.RevokeServerRequest;
import org.dcom4j.com.scm.Dcom4jScm.RevokeServerResponse;
import org.dcom4j.com.scm.Dcom4jScm.RotEnumRequest;
import org.dcom4j.com.scm.Dcom4jScm.RotEnumResponse;
import org.dcom4j.com.scm.Dcom4jScm.RotGetObjectRequest;
import org.dcom4j.com.scm.Dcom4jScm.RotGetObjectResponse;
import org.dcom4j.com.scm.Dcom4jScm.RotRegisterRequest;
import org.dcom4j.com.scm.Dcom4jScm.RotRegisterResponse;
import org.dcom4j.com.scm.Dcom4jScm.RotRevokeRequest;
import org.dcom4j.com.scm.Dcom4jScm.RotRevokeResponse;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Operation;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves IDcom4jScm (RegisterServer, RevokeServer) on rpcss's private ncalrpc endpoint. Every caller
 * is named by the kernel (SO_PEERCRED); a TCP caller is refused outright (the interface is never
 * served on TCP, this is defence in depth). A server may register only:
 * <ul>
 * <li>an ObjectServer endpoint its own uid listens on (checked by connecting to it), so it cannot
 *     point rpcss at another user's server;</li>
 * <li>classes whose AppID RunAs, when it names a local user, is its own uid (root excepted), so a
 *     user cannot stand in for a server that runs as someone else.</li>
 * </ul>
 * Revoke is allowed to the uid that registered (and root).
 *
 * <p>The running object table ({@link RunningObjectTable}): RotRegister is for registered servers only
 * (the caller's uid must be the registration's, the OBJREF of its OXID); with ROTFLAGS_ALLOWANYCLIENT
 * the AppID must be that of a class the server registered, or, when none is given, the server's
 * classes must have exactly one (CO_E_WRONG_SERVER_IDENTITY otherwise).
 * RotRevoke is for the registering uid. RotGetObject and RotEnum show an entry to its registrant's
 * uid and, when it allows any client, to the callers its AppID's AccessPermission admits for a local
 * Call ({@code DcomAccessPolicy.decide}, the activation policy's snapshot; an unknown AppID or any
 * failure denies); to everyone else a hidden entry is MK_E_UNAVAILABLE, as a missing one. Thread-safe.
 */
final class ScmHandler implements RpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ScmHandler.class);

    private final ServerRegistry servers;
    private final ObjectServers objectServers;
    private final Registry registry;
    private final LocalAccounts accounts;
    private final RunningObjectTable rot;
    private final ActivationPolicy policy;

    ScmHandler(ServerRegistry servers, ObjectServers objectServers, Registry registry, LocalAccounts accounts, RunningObjectTable rot,
               ActivationPolicy policy) {
        this.servers = servers;
        this.objectServers = objectServers;
        this.registry = registry;
        this.accounts = accounts;
        this.rot = rot;
        this.policy = policy;
    }

    RpcInterface rpcInterface() {
        return new RpcInterface(Dcom4jScm.INTERFACE, Dcom4jScm.OPERATION_COUNT, this);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        PeerCredentials peer = ctx.peerCredentials().orElse(null);
        if (ctx.distance() != Distance.LOCAL || peer == null || peer.uid() < 0) {
            throw new RpcFaultException(FaultStatus.RPC_S_ACCESS_DENIED, "IDcom4jScm is local only");
        }
        try {
            return switch (opnum) {
                case Dcom4jScm.REGISTER_SERVER -> {
                    RegisterServerRequest r = Ndr.decode(RegisterServerRequest.class, ctx, stub);
                    yield Ndr.encode(register(peer.uid(), r));
                }
                case Dcom4jScm.REVOKE_SERVER -> {
                    RevokeServerRequest r = Ndr.decode(RevokeServerRequest.class, ctx, stub);
                    yield Ndr.encode(new RevokeServerResponse(revoke(peer.uid(), r.registrationId())));
                }
                case Dcom4jScm.ROT_REGISTER -> {
                    RotRegisterRequest r = Ndr.decode(RotRegisterRequest.class, ctx, stub);
                    yield Ndr.encode(rotRegister(peer.uid(), r));
                }
                case Dcom4jScm.ROT_REVOKE -> {
                    RotRevokeRequest r = Ndr.decode(RotRevokeRequest.class, ctx, stub);
                    yield Ndr.encode(new RotRevokeResponse(rotRevoke(peer.uid(), r.cookie())));
                }
                case Dcom4jScm.ROT_GET_OBJECT -> {
                    RotGetObjectRequest r = Ndr.decode(RotGetObjectRequest.class, ctx, stub);
                    yield Ndr.encode(rotGetObject(peer.uid(), ctx.token(), r.displayName()));
                }
                case Dcom4jScm.ROT_ENUM -> {
                    Ndr.decode(RotEnumRequest.class, ctx, stub);
                    yield Ndr.encode(rotEnum(peer.uid(), ctx.token()));
                }
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum);
            };
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    private RegisterServerResponse register(int uid, RegisterServerRequest r) {
        try {
            if (r.clsids() == null || r.cClsids() > ServerRegistry.MAX_CLSIDS) {
                throw new ComException(Hresult.E_INVALIDARG, "cClsids=" + r.cClsids() + ", limit=" + ServerRegistry.MAX_CLSIDS);
            }
            DualStringArray bindings;
            try {
                bindings = DualStringArray.fromNdr(r.bindings());
            } catch (RuntimeException e) {
                throw new ComException(Hresult.E_INVALIDARG, "bindings: " + e.getMessage());
            }
            int owner = objectServers.listenerUid(r.objectServerEndpoint() == null ? "" : r.objectServerEndpoint());
            if (owner != uid) {
                throw new ComException(Hresult.E_ACCESSDENIED, "ObjectServer endpoint " + r.objectServerEndpoint()
                        + (owner < 0 ? " does not answer" : " belongs to uid " + owner) + ", caller uid=" + uid);
            }
            for (UUID c : r.clsids()) {
                checkRunAs(uid, c);
            }
            ServerRegistry.Registration reg = servers.register(uid, r.pid(), r.objectServerEndpoint(), r.oxid(),
                    r.ipidRemUnknown(), bindings, r.clsids());
            LOG.info("server {} registered: uid={} pid={} endpoint={} classes={}", reg.id(), uid, r.pid(),
                    r.objectServerEndpoint(), r.clsids());
            return new RegisterServerResponse(reg.id(), Hresult.S_OK);
        } catch (ComException e) {
            LOG.warn("RegisterServer refused (uid={}, pid={}): {}", uid, r.pid(), e.getMessage());
            return new RegisterServerResponse(0, e.hresult());
        }
    }

    private void checkRunAs(int uid, UUID clsid) throws ComException {
        if (uid == 0) {
            return;
        }
        Optional<UUID> appId = ComClasses.find(registry, clsid).flatMap(ComClasses.ComClass::appId);
        Optional<String> runAs = appId.flatMap(a -> ComClasses.runAs(registry, a));
        if (runAs.isEmpty()) {
            return;
        }
        String name = runAs.get().startsWith(".\\") ? runAs.get().substring(2) : runAs.get();
        Optional<Sid> expected = accounts.userSid(name);
        if (expected.isPresent() && !expected.get().equals(accounts.userSid(uid))) {
            throw new ComException(Hresult.E_ACCESSDENIED, "class " + clsid + " runs as " + runAs.get() + ", caller uid=" + uid);
        }
    }

    private int revoke(int uid, int id) {
        Optional<ServerRegistry.Registration> r = servers.byId(id);
        if (r.isEmpty()) {
            return Hresult.CO_E_OBJNOTREG;
        }
        if (uid != 0 && r.get().uid() != uid) {
            return Hresult.E_ACCESSDENIED;
        }
        servers.remove(id);
        LOG.info("server {} revoked its registration", id);
        return Hresult.S_OK;
    }

    RotRegisterResponse rotRegister(int uid, RotRegisterRequest r) {
        try {
            ServerRegistry.Registration server = servers.all().stream().filter(s -> s.uid() == uid)
                    .filter(s -> ownsObjRef(s, r)).findFirst().orElse(null);
            if (server == null) {
                throw new ComException(Hresult.CO_E_WRONG_SERVER_IDENTITY,
                        "only a registered server of the caller's uid may register its own objects (uid=" + uid + ")");
            }
            UUID appId = null;
            if ((r.flags() & Dcom4jScm.ROTFLAGS_ALLOWANYCLIENT) != 0) {
                appId = appOf(server, r.appId()).orElseThrow(() -> new ComException(Hresult.CO_E_WRONG_SERVER_IDENTITY,
                        "ROTFLAGS_ALLOWANYCLIENT needs the AppID of a class server " + server.id() + " serves, got " + r.appId()));
            }
            RunningObjectTable.Registered reg = rot.register(server, r.displayName(), r.objref(), r.flags(), appId);
            if (servers.byId(server.id()).isEmpty()) { // the server ended meanwhile: its entries go with it
                rot.remove(reg.entry().cookie());
                throw new ComException(Hresult.CO_E_OBJNOTREG, "server " + server.id() + " is no longer registered");
            }
            LOG.info("ROT entry {} registered by server {} (uid {}, flags 0x{}): {}", reg.entry().cookie(), server.id(), uid,
                    Integer.toHexString(r.flags()), r.displayName());
            return new RotRegisterResponse(reg.entry().cookie(), reg.duplicate() ? Hresult.MK_S_MONIKERALREADYREGISTERED : Hresult.S_OK);
        } catch (ComException e) {
            LOG.warn("RotRegister refused (uid={}): {}", uid, e.getMessage());
            return new RotRegisterResponse(0, e.hresult());
        }
    }

    /** Whether the request's OBJREF names {@code server}'s OXID (the table checks it again, strictly). */
    private static boolean ownsObjRef(ServerRegistry.Registration server, RotRegisterRequest r) {
        try {
            return r.objref() != null && org.dcom4j.com.wire.ObjRefCodec.decode(r.objref().abData())
                    instanceof org.dcom4j.com.wire.ObjRef.Standard s && s.std().oxid() == server.oxid();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The AppID an ALLOWANYCLIENT entry of {@code server} is checked against: {@code requested} when it is
     * the AppID of one of the server's classes; for none (null or zero), the one AppID of its classes.
     */
    private Optional<UUID> appOf(ServerRegistry.Registration server, UUID requested) {
        java.util.Set<UUID> apps = new java.util.HashSet<>();
        for (UUID c : server.clsids()) {
            ComClasses.find(registry, c).flatMap(ComClasses.ComClass::appId).ifPresent(apps::add);
        }
        if (requested == null || requested.equals(new UUID(0, 0))) {
            return apps.size() == 1 ? Optional.of(apps.iterator().next()) : Optional.empty();
        }
        return apps.contains(requested) ? Optional.of(requested) : Optional.empty();
    }

    int rotRevoke(int uid, int cookie) {
        Optional<RunningObjectTable.Entry> e = rot.byCookie(cookie);
        if (e.isEmpty() || e.get().uid() != uid) {
            return Hresult.E_INVALIDARG; // another uid's cookie is as unknown as a missing one
        }
        rot.remove(cookie);
        LOG.info("ROT entry {} revoked: {}", cookie, e.get().displayName());
        return Hresult.S_OK;
    }

    RotGetObjectResponse rotGetObject(int uid, Token token, String name) {
        if (!RunningObjectTable.validName(name)) {
            return new RotGetObjectResponse(null, Hresult.E_INVALIDARG);
        }
        return rot.lookup(name, uid, visibility(token)).filter(e -> servers.byId(e.registration()).isPresent())
                .map(e -> new RotGetObjectResponse(e.objref(), Hresult.S_OK))
                .orElseGet(() -> new RotGetObjectResponse(null, Hresult.MK_E_UNAVAILABLE));
    }

    RotEnumResponse rotEnum(int uid, Token token) {
        List<String> names = rot.visibleNames(uid, visibility(token));
        int chars = 0;
        int n = 0;
        while (n < names.size() && chars + names.get(n).length() <= Dcom4jScm.MAX_ROT_ENUM_CHARS) {
            chars += names.get(n++).length();
        }
        return new RotEnumResponse(n, List.copyOf(names.subList(0, n)), n < names.size() ? Hresult.S_FALSE : Hresult.S_OK);
    }

    /** Whether an entry of another uid is visible to {@code token}: ALLOWANYCLIENT and its AppID's local Call permission admits it. */
    private Predicate<RunningObjectTable.Entry> visibility(Token token) {
        ActivationPolicy.Snapshot s = policy.current();
        Map<UUID, Boolean> decided = new HashMap<>();
        return e -> e.allowAnyClient() && e.appId() != null && token != null
                && decided.computeIfAbsent(e.appId(), a -> admits(s, token, a));
    }

    private boolean admits(ActivationPolicy.Snapshot s, Token token, UUID appId) {
        try {
            ComApplication app = DcomConfig.application(registry, appId, accounts).orElse(null);
            return app != null && s.policy().decide(token, Operation.CALL, Distance.LOCAL, app).allowed();
        } catch (RuntimeException e) {
            LOG.warn("ROT access check for AppID {} failed; denied: {}", appId, e.toString());
            return false;
        }
    }
}
