package org.dcom4j.com.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's registration with rpcss ({@link Dcom4jScm}): RegisterServer over
 * {@code ncalrpc:[dcom4j-scm]} (rpcss knows us by our kernel uid), RevokeServer at close, and the
 * running object table calls (RotRegister and RotRevoke for this server; RotGetObject and RotEnum
 * for any local process). Thread-safe; {@link #revoke()} is idempotent.
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

    /**
     * RotRegister: returns the cookie ({@link Hresult#MK_S_MONIKERALREADYREGISTERED} is a success).
     *
     * @throws ComException rpcss's refusal (E_INVALIDARG, E_OUTOFMEMORY, CO_E_WRONG_SERVER_IDENTITY, …) or
     *                      RPC_S_SERVER_UNAVAILABLE when rpcss does not answer
     */
    public int rotRegister(String displayName, Orpc.MInterfacePointer objref, int flags, UUID appId) throws ComException {
        Dcom4jScm.RotRegisterResponse r;
        try (RpcBinding b = bind(runtimeDir)) {
            r = b.call(Dcom4jScm.ROT_REGISTER, new Dcom4jScm.RotRegisterRequest(displayName, objref, flags,
                    appId == null ? new UUID(0, 0) : appId), Dcom4jScm.RotRegisterResponse.class);
        } catch (IOException e) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "RotRegister: " + e.getMessage(), e);
        }
        if (Hresult.isFailure(r.hresult()) || r.cookie() == 0) {
            throw new ComException(Hresult.isFailure(r.hresult()) ? r.hresult() : Hresult.E_UNEXPECTED,
                    "RotRegister of \"" + displayName + "\" refused: " + Hresult.name(r.hresult()));
        }
        return r.cookie();
    }

    /** RotRevoke: S_OK, or the failure rpcss answered (E_INVALIDARG for an unknown cookie). */
    public int rotRevoke(int cookie) throws ComException {
        try (RpcBinding b = bind(runtimeDir)) {
            return b.call(Dcom4jScm.ROT_REVOKE, new Dcom4jScm.RotRevokeRequest(cookie), Dcom4jScm.RotRevokeResponse.class).hresult();
        } catch (IOException e) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "RotRevoke: " + e.getMessage(), e);
        }
    }

    /**
     * RotGetObject from any local process: the OBJREF registered under {@code displayName}.
     *
     * @throws ComException MK_E_UNAVAILABLE when no entry of that name is visible to this process's uid,
     *                      E_INVALIDARG for a bad name, RPC_S_SERVER_UNAVAILABLE when rpcss does not answer
     */
    public static Orpc.MInterfacePointer rotGetObject(Path runtimeDir, String displayName) throws ComException {
        Dcom4jScm.RotGetObjectResponse r;
        try (RpcBinding b = bind(runtimeDir)) {
            r = b.call(Dcom4jScm.ROT_GET_OBJECT, new Dcom4jScm.RotGetObjectRequest(displayName), Dcom4jScm.RotGetObjectResponse.class);
        } catch (IOException e) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "RotGetObject: " + e.getMessage(), e);
        }
        if (Hresult.isFailure(r.hresult()) || r.objref() == null) {
            int hr = Hresult.isFailure(r.hresult()) ? r.hresult() : Hresult.MK_E_UNAVAILABLE;
            throw new ComException(hr, "RotGetObject of \"" + displayName + "\": " + Hresult.name(hr));
        }
        return r.objref();
    }

    /** RotEnum from any local process: the display names visible to this process's uid. */
    public static List<String> rotEnum(Path runtimeDir) throws ComException {
        Dcom4jScm.RotEnumResponse r;
        try (RpcBinding b = bind(runtimeDir)) {
            r = b.call(Dcom4jScm.ROT_ENUM, new Dcom4jScm.RotEnumRequest(0), Dcom4jScm.RotEnumResponse.class);
        } catch (IOException e) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "RotEnum: " + e.getMessage(), e);
        }
        if (Hresult.isFailure(r.hresult())) {
            throw new ComException(r.hresult(), "RotEnum: " + Hresult.name(r.hresult()));
        }
        return r.displayNames() == null ? List.of() : List.copyOf(r.displayNames());
    }
}
