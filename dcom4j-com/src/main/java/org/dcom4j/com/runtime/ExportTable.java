package org.dcom4j.com.runtime;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.security.Sid;
import org.dcom4j.security.WellKnownSids;

/**
 * The object exporter's tables (MS-DCOM 3.1.1.1): one OXID; per exported object an OID and its
 * Java implementation; per (object, interface) an IPID with a count of the public references clients
 * hold (private references are counted with them). An object leaves the table when the references of
 * all its IPIDs reach zero; its IPIDs are then unknown (calls fault RPC_E_DISCONNECTED).
 *
 * <p><b>Owners.</b> Every reference is counted for the principal that obtained it (the user SID of
 * the caller of RemQueryInterface/RemAddRef, of the activation, or of the call that returned it as an
 * interface pointer), or as {@link #UNBOUND} when this process's own code exported it. A remote caller
 * may use an object (call, RemAddRef, RemRelease, RemQueryInterface) only while its SID, or
 * {@link #UNBOUND}, holds a reference on one of the object's IPIDs ({@link #mayUse}); RemRelease takes
 * the caller's own references first, then unbound ones, never another principal's.
 *
 * <p><b>Garbage collection</b> (MS-DCOM 3.2.6.1, 3.1.2.5.1.3): every object has a deadline, set to
 * now + ping timeout when exported and moved forward whenever one of its OIDs is pinged
 * ({@link #pinged}); {@link #sweep} frees the objects past it (every reference on every IPID).
 *
 * <p>OIDs are {@code prefix << 40 | counter}: the rpcss registration id as prefix when registered
 * (Dcom4jScm routes ping expiry by it), else a random 24-bit one. Thread-safe: mutations under one
 * lock; the per-call IPID lookup ({@link #find}) and owner check ({@link #mayUse}) are lock-free reads.
 */
public final class ExportTable {
    /** References handed out with an exported OBJREF, as Windows does (cPublicRefs = 5). */
    public static final int EXPORT_REFS = 5;
    /** Bound on one IPID's count, so a client cannot overflow it with RemAddRef. */
    public static final int MAX_REFS = 1 << 24;

    /** The owner of references exported by this process's own code (ComServer.export, createInstance without caller). */
    public static final String UNBOUND = "";
    /** Default ping timeout: MS-DCOM's 120 s ping period × 3 missed pings. */
    public static final long DEFAULT_TIMEOUT_NANOS = 360_000_000_000L;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long timeoutNanos;
    private final LongSupplier clock;

    private final long oxid = RANDOM.nextLong();
    private volatile long oidPrefix = 1 + RANDOM.nextInt((1 << 24) - 1);
    private long oidCounter;
    private final ConcurrentHashMap<UUID, Ipid> ipids = new ConcurrentHashMap<>();
    private final IdentityHashMap<Object, ExportedObject> byImpl = new IdentityHashMap<>();
    private final Map<Long, ExportedObject> byOid = new HashMap<>();

    /**
     * One exported object. Mutable state guarded by the table's lock, except {@code owners}: an immutable
     * snapshot, replaced under the lock whenever a reference count changes, read without it by {@link #mayUse}.
     */
    public static final class ExportedObject {
        final long oid;
        final Object impl;
        final Map<UUID, Ipid> ipidsByIid = new HashMap<>();
        long deadline;
        /** The owners holding a reference on one of the IPIDs (empty once freed). */
        volatile Set<String> owners = Set.of();

        ExportedObject(long oid, Object impl) {
            this.oid = oid;
            this.impl = impl;
        }

        public long oid() {
            return oid;
        }

        public Object impl() {
            return impl;
        }
    }

    /** One interface of one object. {@code refs} (per owner SID, never a zero entry) guarded by the table's lock. */
    public static final class Ipid {
        final UUID ipid;
        final UUID iid;
        final ExportedObject object;
        final Map<String, Long> refs = new HashMap<>(2);
        /** The object serving the interface, made on the first call ({@link #implementation}). */
        private volatile Object implementation;

        long total() {
            long t = 0;
            for (long n : refs.values()) {
                t += n;
            }
            return t;
        }

        Ipid(UUID ipid, UUID iid, ExportedObject object) {
            this.ipid = ipid;
            this.iid = iid;
            this.object = object;
        }

        public UUID ipid() {
            return ipid;
        }

        public UUID iid() {
            return iid;
        }

        public ExportedObject object() {
            return object;
        }

        /**
         * The object whose Java methods serve this IPID's interface {@code iface}: the exported object, or its
         * automatic IDispatch ({@link ComInterfaces#implementation}), made once per IPID (an immutable
         * object; a race makes an equal one).
         */
        public Object implementation(Class<?> iface) {
            Object s = implementation;
            if (s == null) {
                s = ComInterfaces.implementation(object.impl, iface);
                implementation = s;
            }
            return s;
        }
    }

    /** A table with the default ping timeout on the system clock. */
    public ExportTable() {
        this(DEFAULT_TIMEOUT_NANOS, System::nanoTime);
    }

    /** @param timeoutNanos how long an object lives without a ping (period × missed pings) */
    public ExportTable(long timeoutNanos, LongSupplier clock) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos=" + timeoutNanos + ", limit=positive");
        }
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    private static final String ANONYMOUS_OWNER = WellKnownSids.ANONYMOUS.toString();

    /** The last SID formatted by {@link #ownerOf}: a connection's calls carry the same (immutable) Sid object. */
    private record OwnerName(Sid sid, String name) {
    }

    private static volatile OwnerName lastOwner;

    /** SIDs formatted by {@link #ownerOf}, so that callers taking turns format none either (cleared at the bound). */
    private static final ConcurrentHashMap<Sid, String> OWNER_NAMES = new ConcurrentHashMap<>();
    private static final int MAX_OWNER_NAMES = 4096;

    /** The owner key of a remote caller: its token's user SID (ANONYMOUS LOGON without a token). */
    public static String ownerOf(CallContext ctx) {
        if (ctx.token() == null) {
            return ANONYMOUS_OWNER;
        }
        Sid sid = ctx.token().user();
        OwnerName last = lastOwner;
        if (last == null || last.sid() != sid) {
            String name = OWNER_NAMES.get(sid);
            if (name == null) {
                if (OWNER_NAMES.size() >= MAX_OWNER_NAMES) {
                    OWNER_NAMES.clear();
                }
                name = sid.toString();
                OWNER_NAMES.put(sid, name);
            }
            last = new OwnerName(sid, name);
            lastOwner = last;
        }
        return last.name();
    }

    public long oxid() {
        return oxid;
    }

    /** Sets the OID prefix (the rpcss registration id, 1..2^24-1) before anything is exported. */
    public void oidPrefix(int registrationId) {
        if (registrationId <= 0 || registrationId >= 1 << 24) {
            throw new IllegalArgumentException("registrationId=" + registrationId + ", limit=1..16777215");
        }
        oidPrefix = registrationId;
    }

    /** The IPID's entry, or null when unknown or released. */
    public Ipid find(UUID ipid) {
        return ipid == null ? null : ipids.get(ipid);
    }

    /** {@link #export(Object, UUID, int, String)} for this process's own code ({@link #UNBOUND}). */
    public StdObjRef export(Object impl, UUID iid, int refs) {
        return export(impl, iid, refs, UNBOUND);
    }

    /**
     * Exports {@code iid} of {@code impl} (the same object keeps its OID; the same interface its IPID)
     * and adds {@code refs} public references to that IPID for {@code owner} (a SID string, or
     * {@link #UNBOUND}); the object's deadline moves to now + the ping timeout (a new holder has until then).
     */
    public synchronized StdObjRef export(Object impl, UUID iid, int refs, String owner) {
        owner = owner == null ? UNBOUND : owner;
        ExportedObject o = byImpl.get(impl);
        if (o == null) {
            long oid = oidPrefix << 40 | (++oidCounter & ((1L << 40) - 1));
            o = new ExportedObject(oid, impl);
            byImpl.put(impl, o);
            byOid.put(oid, o);
        }
        Ipid e = o.ipidsByIid.get(iid);
        if (e == null) {
            e = new Ipid(UUID.randomUUID(), iid, o);
            o.ipidsByIid.put(iid, e);
            ipids.put(e.ipid, e);
        }
        add(e, owner, Math.min(MAX_REFS - e.total(), refs));
        refreshOwners(o);
        o.deadline = clock.getAsLong() + timeoutNanos;
        return new StdObjRef(0, refs, oxid, o.oid, e.ipid);
    }

    private static void add(Ipid e, String owner, long n) {
        if (n > 0) {
            e.refs.merge(owner, n, Long::sum);
        }
    }

    /** RemAddRef by this process's own code ({@link #UNBOUND}). */
    public int addRef(UUID ipid, int publicRefs, int privateRefs) {
        return addRef(ipid, publicRefs, privateRefs, UNBOUND);
    }

    /** RemAddRef of one REMINTERFACEREF for {@code owner}: S_OK, or E_INVALIDARG for an unknown IPID or a count past the bound. */
    public synchronized int addRef(UUID ipid, int publicRefs, int privateRefs, String owner) {
        Ipid e = ipids.get(ipid);
        long add = Integer.toUnsignedLong(publicRefs) + Integer.toUnsignedLong(privateRefs);
        if (e == null || e.total() + add > MAX_REFS) {
            return Hresult.E_INVALIDARG;
        }
        add(e, owner == null ? UNBOUND : owner, add);
        refreshOwners(e.object);
        return Hresult.S_OK;
    }

    /** RemRelease by this process's own code: only unbound references. */
    public boolean release(UUID ipid, int publicRefs, int privateRefs) {
        return release(ipid, publicRefs, privateRefs, UNBOUND);
    }

    /**
     * RemRelease of one REMINTERFACEREF by {@code owner}: takes away at most what the IPID holds for
     * {@code owner}, then for {@link #UNBOUND}; frees the object when none of its IPIDs holds any.
     * Returns false for an unknown IPID.
     */
    public synchronized boolean release(UUID ipid, int publicRefs, int privateRefs, String owner) {
        Ipid e = ipids.get(ipid);
        if (e == null) {
            return false;
        }
        long sub = Integer.toUnsignedLong(publicRefs) + Integer.toUnsignedLong(privateRefs);
        sub = take(e, owner == null ? UNBOUND : owner, sub);
        take(e, UNBOUND, sub);
        if (e.object.ipidsByIid.values().stream().allMatch(i -> i.refs.isEmpty())) {
            free(e.object);
        } else {
            refreshOwners(e.object);
        }
        return true;
    }

    /** Takes up to {@code n} of {@code owner}'s references on {@code e}; returns what is left to take. */
    private static long take(Ipid e, String owner, long n) {
        Long held = e.refs.get(owner);
        if (held == null || n == 0) {
            return n;
        }
        if (held > n) {
            e.refs.put(owner, held - n);
            return 0;
        }
        e.refs.remove(owner);
        return n - held;
    }

    /**
     * Whether {@code owner} (a caller's SID) may use the object of {@code e}: it, or {@link #UNBOUND},
     * holds a reference on one of the object's IPIDs. Lock-free (every call makes this check): it reads
     * the object's owner snapshot, which each change of a count replaces under the lock.
     */
    public boolean mayUse(Ipid e, String owner) {
        Set<String> owners = e.object.owners;
        return owners.contains(owner) || owners.contains(UNBOUND);
    }

    /** Replaces {@code o}'s owner snapshot after a count changed (under the lock). */
    private static void refreshOwners(ExportedObject o) {
        Set<String> all = new java.util.HashSet<>();
        for (Ipid i : o.ipidsByIid.values()) {
            all.addAll(i.refs.keySet());
        }
        o.owners = Set.copyOf(all);
    }

    /** Pings of {@code oids} (by the own resolver or forwarded by rpcss): their deadlines move to now + the timeout. Returns how many are known. */
    public synchronized int pinged(long[] oids) {
        long deadline = clock.getAsLong() + timeoutNanos;
        int known = 0;
        for (long oid : oids) {
            ExportedObject o = byOid.get(oid);
            if (o != null) {
                o.deadline = deadline;
                known++;
            }
        }
        return known;
    }

    /** Whether {@code oid} is exported (still referenced). */
    public synchronized boolean contains(long oid) {
        return byOid.containsKey(oid);
    }

    /** Frees every object whose deadline passed (all references on all its IPIDs); returns their OIDs. */
    public synchronized List<Long> sweep() {
        long now = clock.getAsLong();
        List<ExportedObject> due = new ArrayList<>();
        for (ExportedObject o : byOid.values()) {
            if (now - o.deadline >= 0) {
                due.add(o);
            }
        }
        List<Long> out = new ArrayList<>();
        for (ExportedObject o : due) {
            free(o);
            out.add(o.oid);
        }
        return out;
    }

    /** OidsExpired: the clients holding {@code oid} are gone; its object is freed. False when unknown. */
    public synchronized boolean expire(long oid) {
        ExportedObject o = byOid.get(oid);
        if (o == null) {
            return false;
        }
        free(o);
        return true;
    }

    private void free(ExportedObject o) {
        for (Ipid i : o.ipidsByIid.values()) {
            ipids.remove(i.ipid);
        }
        o.ipidsByIid.clear();
        o.owners = Set.of();
        byImpl.remove(o.impl);
        byOid.remove(o.oid);
    }

    /** The IPID of {@code iid} on the object of {@code ipid}, or null when it has none. */
    public synchronized Ipid sibling(Ipid of, UUID iid) {
        return of.object.ipidsByIid.get(iid);
    }

    /** Number of exported objects (for tests and logs). */
    public synchronized int objectCount() {
        return byImpl.size();
    }

    /** Every IID currently exported (for registering RPC interfaces). */
    public synchronized List<UUID> iids() {
        List<UUID> out = new ArrayList<>();
        for (Ipid i : ipids.values()) {
            out.add(i.iid);
        }
        return out;
    }
}
