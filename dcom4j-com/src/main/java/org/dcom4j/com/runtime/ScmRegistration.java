package org.dcom4j.com.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's registration with rpcss ({@link Dcom4jScm}): RegisterServer over
 * {@code ncalrpc:[dcom4j-scm]} (rpcss knows us by our kernel uid), RevokeServer at close.
 * Thread-safe; {@link #revoke()} is idempotent.
 */
public final class ScmRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(ScmRegistration.class);

    private final Path runtimeDir;
    private final int registrationId;
    private volatile boolean revoked;

    private ScmRegistration(Path runtimeDir, int registrationId) {
        this.runtimeDir = runtimeDir;
        this.registrationId = registrationId;
    }

    /** @throws IOException rpcss unreachable, or it refused the registration (its HRESULT named) */
    public static ScmRegistration register(Path runtimeDir, int pid, String objectServerEndpoint, long oxid, UUID ipidRemUnknown,
                                           DualStringArray bindings, List<UUID> clsids) throws IOException {
        try (RpcBinding b = bind(runtimeDir)) {
            Dcom4jScm.RegisterServerResponse r = b.call(Dcom4jScm.REGISTER_SERVER, new Dcom4jScm.RegisterServerRequest(pid,
                    objectServerEndpoint, oxid, ipidRemUnknown, bindings.toNdr(), clsids.size(), clsids), Dcom4jScm.RegisterServerResponse.class);
            if (Hresult.isFailure(r.hresult())) {
                throw new IOException("RegisterServer refused: " + Hresult.name(r.hresult()));
            }
            if (r.registrationId() <= 0 || r.registrationId() >= 1 << 24) {
                throw new IOException("RegisterServer: registrationId=" + r.registrationId() + ", limit=1..16777215");
            }
            return new ScmRegistration(runtimeDir, r.registrationId());
        }
    }

    private static RpcBinding bind(Path runtimeDir) throws IOException {
        return new RpcClient(RpcClientConfig.defaults().withRuntimeDir(runtimeDir))
                .bind("ncalrpc:[" + Dcom4jScm.NCALRPC_ENDPOINT + "]", Dcom4jScm.INTERFACE);
    }

    public int registrationId() {
        return registrationId;
    }

    /** RevokeServer; failures are logged (rpcss may be gone already). */
    public void revoke() {
        if (revoked) {
            return;
        }
        revoked = true;
        try (RpcBinding b = bind(runtimeDir)) {
            b.call(Dcom4jScm.REVOKE_SERVER, new Dcom4jScm.RevokeServerRequest(registrationId), Dcom4jScm.RevokeServerResponse.class);
        } catch (IOException e) {
            LOG.info("RevokeServer of registration {} failed: {}", registrationId, e.toString());
        }
    }
}
