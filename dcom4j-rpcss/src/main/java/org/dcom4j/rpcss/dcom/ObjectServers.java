package org.dcom4j.rpcss.dcom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.scm.ObjectServer;
import org.dcom4j.com.scm.ObjectServer.CreateInstanceRequest;
import org.dcom4j.com.scm.ObjectServer.CreateInstanceResponse;
import org.dcom4j.com.scm.ObjectServer.GetClassObjectRequest;
import org.dcom4j.com.scm.ObjectServer.GetClassObjectResponse;
import org.dcom4j.com.scm.ObjectServer.OidsPingedRequest;
import org.dcom4j.com.scm.ObjectServer.OidsPingedResponse;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.UnixTransport;

/**
 * rpcss calling the COM servers' IDcom4jObjectServer over ncalrpc, as itself (the server admits only
 * rpcss's uid). A connection per call: AF_UNIX connects cost microseconds and a server may restart
 * between activations. Thread-safe.
 */
final class ObjectServers {
    /** The server did not answer at all (nothing listens, or the connection broke before a reply). */
    static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path runtimeDir;
    private final RpcClient client;

    ObjectServers(Path runtimeDir, Duration callTimeout) {
        this.runtimeDir = runtimeDir;
        this.client = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(runtimeDir)
                .withTimeouts(Duration.ofSeconds(5), callTimeout));
    }

    CreateInstanceResponse createInstance(String endpoint, UUID clsid, List<UUID> iids, String callerName, String callerSid)
            throws IOException {
        try (RpcBinding b = bind(endpoint)) {
            return b.call(ObjectServer.CREATE_INSTANCE, new CreateInstanceRequest(clsid, iids.size(), iids, callerName, callerSid),
                    CreateInstanceResponse.class);
        }
    }

    GetClassObjectResponse getClassObject(String endpoint, UUID clsid, UUID iid, String callerName, String callerSid)
            throws IOException {
        try (RpcBinding b = bind(endpoint)) {
            return b.call(ObjectServer.GET_CLASS_OBJECT, new GetClassObjectRequest(clsid, iid, callerName, callerSid),
                    GetClassObjectResponse.class);
        }
    }

    /** OidsPinged: the pings rpcss's resolver accepted for OIDs of the server at {@code endpoint}. */
    int oidsPinged(String endpoint, long[] oids) throws IOException {
        try (RpcBinding b = bind(endpoint)) {
            return b.call(ObjectServer.OIDS_PINGED, new OidsPingedRequest(oids.length, oids), OidsPingedResponse.class).hresult();
        }
    }

    /**
     * The kernel uid of the process listening on the endpoint (SO_PEERCRED of a bare connect, no bind),
     * or -1 when nothing listens: the liveness probe, and the check that a server registers only an
     * endpoint it owns.
     */
    int listenerUid(String endpoint) {
        try (var c = new UnixTransport(runtimeDir).connect(null, endpoint, Duration.ofSeconds(2))) {
            return c.peerCredentials().map(p -> p.uid()).orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private RpcBinding bind(String endpoint) throws IOException {
        try {
            return client.bind("ncalrpc:[" + endpoint + "]", ObjectServer.INTERFACE);
        } catch (RpcCallException e) {
            throw e;
        } catch (IOException e) {
            throw new Unreachable("ObjectServer ncalrpc:[" + endpoint + "]: " + e.getMessage(), e);
        }
    }
}
