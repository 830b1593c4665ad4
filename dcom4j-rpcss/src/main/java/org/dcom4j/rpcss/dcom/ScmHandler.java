package org.dcom4j.rpcss.dcom;

import java.util.Optional;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.scm.Dcom4jScm.RegisterServerRequest;
import org.dcom4j.com.scm.Dcom4jScm.RegisterServerResponse;
import org.dcom4j.com.scm.Dcom4jScm.RevokeServerRequest;
import org.dcom4j.com.scm.Dcom4jScm.RevokeServerResponse;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Sid;
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
 * Revoke is allowed to the uid that registered (and root). Thread-safe.
 */
final class ScmHandler implements RpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ScmHandler.class);

    private final ServerRegistry servers;
    private final ObjectServers objectServers;
    private final Registry registry;
    private final LocalAccounts accounts;

    ScmHandler(ServerRegistry servers, ObjectServers objectServers, Registry registry, LocalAccounts accounts) {
        this.servers = servers;
        this.objectServers = objectServers;
        this.registry = registry;
        this.accounts = accounts;
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
}
