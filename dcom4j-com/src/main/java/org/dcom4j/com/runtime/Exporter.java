package org.dcom4j.com.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;

/**
 * The client's view of one object exporter (one OXID): its bindings, the IPID of its IRemUnknown, and
 * one association to it, bound at the first call; further interfaces join it by alter_context
 * ({@link RpcBinding#forInterface}), each call names its IPID as the object UUID. Thread-safe (calls
 * on the association are serialized by it).
 */
public final class Exporter {
    private final long oxid;
    private final DualStringArray bindings;
    private final UUID remUnknownIpid;
    private final String stringBinding;
    /** Where the OXID was resolved and its OIDs are pinged, or null (not pinged). */
    private final String resolver;
    private final RpcClient client;
    private final ClientAuth auth;
    /** The views by IID: read without the lock by every call, added to under it. */
    private final Map<UUID, RpcBinding> byIid = new ConcurrentHashMap<>();
    private RpcBinding base;
    private volatile boolean closed;

    public Exporter(long oxid, DualStringArray bindings, UUID remUnknownIpid, String resolver, RpcClient client, ClientAuth auth)
            throws ComException {
        this(oxid, bindings, remUnknownIpid, resolver, client, auth, true);
    }

    /** {@code allowLocal} false: TCP bindings only, even when the client could reach ncalrpc. */
    public Exporter(long oxid, DualStringArray bindings, UUID remUnknownIpid, String resolver, RpcClient client, ClientAuth auth,
                    boolean allowLocal) throws ComException {
        this.oxid = oxid;
        this.bindings = bindings;
        this.remUnknownIpid = remUnknownIpid;
        this.resolver = resolver;
        this.client = client;
        this.auth = auth;
        this.stringBinding = choose(bindings, allowLocal && client.config().runtimeDir() != null, false);
        if (stringBinding == null) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "no usable string binding (ncacn_ip_tcp HOST[PORT], or local ncalrpc) in "
                    + bindings.stringBindings());
        }
    }

    /**
     * The string binding to use from a DUALSTRINGARRAY: ncalrpc when {@code local} is possible and the
     * binding names this host, else the first TCP binding. A binding without endpoint is completed
     * with the resolver's well-known one (135, epmapper) when {@code resolver}, else skipped.
     */
    public static String choose(DualStringArray dsa, boolean local, boolean resolver) {
        if (local) {
            for (DualStringArray.StringBinding s : dsa.stringBindings()) {
                if (s.towerId() == DualStringArray.NCALRPC && isThisHost(host(s.networkAddr()))) {
                    String ep = endpoint(s.networkAddr());
                    if (ep != null || resolver) {
                        return "ncalrpc:[" + (ep == null ? "epmapper" : ep) + "]";
                    }
                }
            }
        }
        for (DualStringArray.StringBinding s : dsa.stringBindings()) {
            if (s.towerId() == DualStringArray.NCACN_IP_TCP) {
                String ep = endpoint(s.networkAddr());
                if (ep != null || resolver) {
                    return "ncacn_ip_tcp:" + host(s.networkAddr()) + "[" + (ep == null ? "135" : ep) + "]";
                }
            }
        }
        return null;
    }

    private static String host(String addr) {
        int i = addr.indexOf('[');
        return i < 0 ? addr : addr.substring(0, i);
    }

    private static String endpoint(String addr) {
        int i = addr.indexOf('[');
        return i < 0 || !addr.endsWith("]") ? null : addr.substring(i + 1, addr.length() - 1);
    }

    private static boolean isThisHost(String host) {
        try {
            return host.isEmpty() || host.equalsIgnoreCase(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return false;
        }
    }

    public long oxid() {
        return oxid;
    }

    public DualStringArray bindings() {
        return bindings;
    }

    public UUID remUnknownIpid() {
        return remUnknownIpid;
    }

    public String resolver() {
        return resolver;
    }

    /** The association's view for {@code iid} (bound or altered on first use; afterwards without a lock). */
    public RpcBinding binding(UUID iid) throws ComException {
        if (closed) {
            throw new ComException(Hresult.RPC_E_DISCONNECTED, "client closed");
        }
        RpcBinding b = byIid.get(iid);
        return b != null ? b : bind(iid);
    }

    private synchronized RpcBinding bind(UUID iid) throws ComException {
        if (closed) {
            throw new ComException(Hresult.RPC_E_DISCONNECTED, "client closed");
        }
        RpcBinding b = byIid.get(iid);
        if (b != null) {
            return b;
        }
        InterfaceId id = new InterfaceId(iid, 0, 0);
        try {
            b = base == null ? client.bind(stringBinding, id, auth) : base.forInterface(id);
        } catch (IOException e) {
            throw Faults.of(e, "bind " + stringBinding + " " + iid);
        }
        if (base == null) {
            base = b;
        }
        byIid.put(iid, b);
        return b;
    }

    public synchronized void close() {
        closed = true;
        if (base != null) {
            base.close();
        }
    }
}
