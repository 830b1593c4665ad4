package org.dcom4j.rpcss.dcom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.ObjectServer;
import org.dcom4j.com.wire.DualStringArray;

/**
 * The running COM servers of this machine, as they registered through IDcom4jScm (the role of
 * Windows' SCM class table filled by CoRegisterClassObject). Each registration gets an id in
 * 1..2^24-1, the top 24 bits of every OID the server hands out ({@code Dcom4jScm.oidOwner}), so ping
 * expiry reaches the right server. Bounded: {@value #MAX_SERVERS} servers, {@value #MAX_CLSIDS}
 * classes each. Thread-safe (one monitor; every operation is a few map lookups).
 */
final class ServerRegistry {
    static final int MAX_SERVERS = 1024;
    static final int MAX_CLSIDS = 256;
    static final int MAX_ID = (1 << 24) - 1;
    /** The ObjectServer endpoint: a socket file name in the runtime directory, never a path. */
    private static final Pattern ENDPOINT = Pattern.compile(Pattern.quote(ObjectServer.NCALRPC_ENDPOINT_PREFIX) + "[A-Za-z0-9._-]{1,53}");

    /**
     * One running server.
     *
     * @param uid      the kernel uid of the process that registered (SO_PEERCRED)
     * @param endpoint its ObjectServer ncalrpc endpoint
     * @param bindings its object exporter's bindings as it registered them (filtered per client on use)
     */
    record Registration(int id, int uid, int pid, String endpoint, long oxid, UUID ipidRemUnknown, DualStringArray bindings,
                        Set<UUID> clsids) {
        Registration {
            clsids = Set.copyOf(clsids);
        }
    }

    private final Map<Integer, Registration> byId = new HashMap<>();
    private final Map<UUID, List<CompletableFuture<Registration>>> waiters = new HashMap<>();
    private int nextId = 1;
    private volatile java.util.function.IntConsumer onRemove = id -> { };

    /** Called (outside the monitor) with the id of every registration that ends, however it ends. */
    void onRemove(java.util.function.IntConsumer listener) {
        this.onRemove = listener;
    }

    /**
     * Records a server.
     *
     * @throws ComException E_INVALIDARG for a malformed registration (bad endpoint, too many classes,
     *                      OXID already registered), E_OUTOFMEMORY when {@value #MAX_SERVERS} are registered
     */
    Registration register(int uid, int pid, String endpoint, long oxid, UUID ipidRemUnknown, DualStringArray bindings,
                          List<UUID> clsids) throws ComException {
        if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
            throw new ComException(Hresult.E_INVALIDARG, "objectServerEndpoint=" + endpoint + ", expected="
                    + ObjectServer.NCALRPC_ENDPOINT_PREFIX + "NAME");
        }
        if (clsids == null || clsids.isEmpty() || clsids.size() > MAX_CLSIDS) {
            throw new ComException(Hresult.E_INVALIDARG, "cClsids=" + (clsids == null ? 0 : clsids.size()) + ", limit=1.." + MAX_CLSIDS);
        }
        if (ipidRemUnknown == null || bindings == null) {
            throw new ComException(Hresult.E_INVALIDARG, "ipidRemUnknown or bindings missing");
        }
        List<CompletableFuture<Registration>> wake = new ArrayList<>();
        Registration r;
        synchronized (this) {
            if (byId.size() >= MAX_SERVERS) {
                throw new ComException(Hresult.E_OUTOFMEMORY, "registered servers=" + byId.size() + ", limit=" + MAX_SERVERS);
            }
            for (Registration other : byId.values()) {
                if (other.oxid() == oxid) {
                    throw new ComException(Hresult.E_INVALIDARG, "oxid=" + Long.toHexString(oxid) + " already registered by server "
                            + other.id());
                }
            }
            int id = allocateId();
            r = new Registration(id, uid, pid, endpoint, oxid, ipidRemUnknown, bindings, new LinkedHashSet<>(clsids));
            byId.put(id, r);
            for (UUID c : r.clsids()) {
                List<CompletableFuture<Registration>> w = waiters.remove(c);
                if (w != null) {
                    wake.addAll(w);
                }
            }
        }
        for (CompletableFuture<Registration> f : wake) {
            f.complete(r);
        }
        return r;
    }

    private int allocateId() {
        for (int tries = 0; tries <= MAX_ID; tries++) {
            int id = nextId;
            nextId = nextId == MAX_ID ? 1 : nextId + 1;
            if (!byId.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no registration id left"); // unreachable: MAX_SERVERS < MAX_ID
    }

    /** Ends a registration (and, through {@link #onRemove}, what hangs on it: its ROT entries); false when it does not exist. */
    boolean remove(int id) {
        boolean removed;
        synchronized (this) {
            removed = byId.remove(id) != null;
        }
        if (removed) {
            onRemove.accept(id);
        }
        return removed;
    }

    synchronized Optional<Registration> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized Optional<Registration> byOxid(long oxid) {
        return byId.values().stream().filter(r -> r.oxid() == oxid).findFirst();
    }

    /** The most recently registered server of {@code clsid}. */
    synchronized Optional<Registration> forClass(UUID clsid) {
        Registration best = null;
        for (Registration r : byId.values()) {
            if (r.clsids().contains(clsid) && (best == null || r.id() > best.id())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Completes when a server registers {@code clsid} (at once when one is registered). */
    synchronized CompletableFuture<Registration> awaitClass(UUID clsid) {
        CompletableFuture<Registration> f = new CompletableFuture<>();
        Optional<Registration> now = forClass(clsid);
        if (now.isPresent()) {
            f.complete(now.get());
        } else {
            List<CompletableFuture<Registration>> l = waiters.computeIfAbsent(clsid, k -> new ArrayList<>());
            l.removeIf(CompletableFuture::isDone); // waiters that timed out: the list stays bounded by activations in flight
            l.add(f);
        }
        return f;
    }

    synchronized List<Registration> all() {
        return List.copyOf(byId.values());
    }
}
