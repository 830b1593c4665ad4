package org.dcom4j.rpcss.launcher;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Launcher;
import org.dcom4j.com.scm.Launcher.AbandonRequest;
import org.dcom4j.com.scm.Launcher.AbandonResponse;
import org.dcom4j.com.scm.Launcher.LaunchRequest;
import org.dcom4j.com.scm.Launcher.LaunchResponse;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.Registry;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDcom4jLauncher's server side ({@link Launcher}). Every call is first checked against the kernel's
 * peer credentials: only {@code allowedUid} (rpcss's user) may call, anyone else — and any caller
 * without peer credentials, i.e. not over AF_UNIX — gets E_ACCESSDENIED before its stub is even
 * decoded. Then the class is read from the config store <em>here</em>: the caller names only a CLSID.
 * Abandon terminates only a process {@link ServerStarter} started and that still runs: a pid named by
 * the caller never reaches a signal otherwise.
 *
 * <p>Thread-safe: the registry and {@link ServerStarter} are thread-safe.
 */
final class LauncherService implements RpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherService.class);
    private static final NdrCodec<LaunchRequest> REQUEST = NdrCodec.of(LaunchRequest.class);
    private static final NdrCodec<LaunchResponse> RESPONSE = NdrCodec.of(LaunchResponse.class);
    private static final NdrCodec<AbandonRequest> ABANDON_REQUEST = NdrCodec.of(AbandonRequest.class);
    private static final NdrCodec<AbandonResponse> ABANDON_RESPONSE = NdrCodec.of(AbandonResponse.class);
    private static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true);

    private final Registry registry;
    private final ServerStarter starter;
    private final int allowedUid;

    LauncherService(Registry registry, ServerStarter starter, int allowedUid) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.allowedUid = allowedUid;
    }

    RpcInterface rpcInterface() {
        // Served on ncalrpc only; InterfaceSecurity concerns remote callers and never applies here.
        return new RpcInterface(Launcher.INTERFACE, Launcher.OPERATION_COUNT, this);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        if (opnum != Launcher.LAUNCH && opnum != Launcher.ABANDON) {
            throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum + ", limit=" + Launcher.OPERATION_COUNT);
        }
        String op = opnum == Launcher.LAUNCH ? "Launch" : "Abandon";
        Optional<PeerCredentials> peer = ctx.peerCredentials();
        if (peer.isEmpty() || peer.get().uid() != allowedUid) {
            LOG.warn("launcher: refused {} from {} ({}): only uid {} may call", op, peer.map(p -> p.user() + " (uid " + p.uid() + ")")
                    .orElse("a caller without peer credentials"), ctx.peerAddress(), allowedUid);
            return opnum == Launcher.LAUNCH ? RESPONSE.encode(new LaunchResponse(0, "", Hresult.E_ACCESSDENIED))
                    : ABANDON_RESPONSE.encode(new AbandonResponse(Hresult.E_ACCESSDENIED));
        }
        try {
            if (opnum == Launcher.ABANDON) {
                AbandonRequest in = ABANDON_REQUEST.decode(stub, drep(ctx.drep()), LIMITS);
                return ABANDON_RESPONSE.encode(new AbandonResponse(starter.abandon(in.pid())));
            }
            LaunchRequest in = REQUEST.decode(stub, drep(ctx.drep()), LIMITS);
            return RESPONSE.encode(launch(in.clsid()));
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, op + ": " + e.getMessage());
        }
    }

    /** Looks the class up and starts it. */
    LaunchResponse launch(UUID clsid) {
        Optional<ComClass> c = ComClasses.find(registry, clsid);
        if (c.isEmpty() || c.get().localServer32().isEmpty()) {
            LOG.warn("launcher: not starting {{{}}}: {} (REGDB_E_CLASSNOTREG)", clsid,
                    c.isEmpty() ? "not registered" : "registered without LocalServer32");
            return new LaunchResponse(0, "", Hresult.REGDB_E_CLASSNOTREG);
        }
        Optional<String> runAs = c.get().appId().flatMap(a -> ComClasses.runAs(registry, a));
        return starter.start(c.get(), runAs);
    }

    /** {@link CallContext#drep()} packs the four drep octets big-endian. */
    private static DataRepresentation drep(int packed) {
        byte[] b = {(byte) (packed >>> 24), (byte) (packed >>> 16), (byte) (packed >>> 8), (byte) packed};
        return DataRepresentation.of(b, 0);
    }
}
