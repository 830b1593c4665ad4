package org.dcom4j.com.runtime;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.StdObjRef;

/**
 * The object exporter's tables (MS-DCOM 3.1.1.1): one OXID; per exported object an OID and its
 * Java implementation; per (object, interface) an IPID with a count of the public references clients
 * hold (private references are counted with them). An object leaves the table when the references of
 * all its IPIDs reach zero; its IPIDs are then unknown (calls fault RPC_E_DISCONNECTED).
 *
 * <p>OIDs are {@code prefix << 40 | counter}: the rpcss registration id as prefix when registered
 * (Dcom4jScm routes ping expiry by it), else a random 24-bit one. Thread-safe: mutations under one
 * lock; the per-call IPID lookup is a lock-free map read.
 */
public final class ExportTable {
    /** References handed out with an exported OBJREF, as Windows does (cPublicRefs = 5). */
    public static final int EXPORT_REFS = 5;
    /** Bound on one IPID's count, so a client cannot overflow it with RemAddRef. */
    public static final int MAX_REFS = 1 << 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long oxid = RANDOM.nextLong();
    private volatile long oidPrefix = 1 + RANDOM.nextInt((1 << 24) - 1);
    private long oidCounter;
    private final ConcurrentHashMap<UUID, Ipid> ipids = new ConcurrentHashMap<>();
    private final IdentityHashMap<Object, ExportedObject> byImpl = new IdentityHashMap<>();
    private final Map<Long, ExportedObject> byOid = new HashMap<>();

    /** One exported object. Mutable state guarded by the table's lock. */
    public static final class ExportedObject {
        final long oid;
        final Object impl;
        final Map<UUID, Ipid> ipidsByIid = new HashMap<>();

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

    /** One interface of one object. {@code refs} guarded by the table's lock. */
    public static final class Ipid {
        final UUID ipid;
        final UUID iid;
        final ExportedObject object;
        long refs;

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

    /**
     * Exports {@code iid} of {@code impl} (the same object keeps its OID; the same interface its IPID)
     * and adds {@code refs} public references to that IPID.
     */
    public synchronized StdObjRef export(Object impl, UUID iid, int refs) {
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
        e.refs = Math.min(MAX_REFS, e.refs + refs);
        return new StdObjRef(0, refs, oxid, o.oid, e.ipid);
    }

    /** RemAddRef of one REMINTERFACEREF: S_OK, or E_INVALIDARG for an unknown IPID or a count past the bound. */
    public synchronized int addRef(UUID ipid, int publicRefs, int privateRefs) {
        Ipid e = ipids.get(ipid);
        long add = Integer.toUnsignedLong(publicRefs) + Integer.toUnsignedLong(privateRefs);
        if (e == null || e.refs + add > MAX_REFS) {
            return Hresult.E_INVALIDARG;
        }
        e.refs += add;
        return Hresult.S_OK;
    }

    /**
     * RemRelease of one REMINTERFACEREF: takes away at most what the IPID holds; frees the object when
     * none of its IPIDs holds any. Returns false for an unknown IPID.
     */
    public synchronized boolean release(UUID ipid, int publicRefs, int privateRefs) {
        Ipid e = ipids.get(ipid);
        if (e == null) {
            return false;
        }
        long sub = Integer.toUnsignedLong(publicRefs) + Integer.toUnsignedLong(privateRefs);
        e.refs = Math.max(0, e.refs - sub);
        if (e.object.ipidsByIid.values().stream().allMatch(i -> i.refs == 0)) {
            free(e.object);
        }
        return true;
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
