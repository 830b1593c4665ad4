package org.dcom4j.com.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.dcom4j.com.ComException;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.rpc.client.RpcBinding;

/** What one client proxy holds: its OBJREF, its Java interface, its exporter, and its public references. */
public final class ProxyState {
    private final ObjRef.Standard objRef;
    private final Class<?> iface;
    private final Exporter exporter;
    private final AtomicInteger refs;
    /** The exporter's binding for the IID and its view naming this proxy's IPID, made once (the IPID never changes). */
    private volatile Bound bound;

    private record Bound(RpcBinding base, RpcBinding withIpid) {
    }

    public ProxyState(ObjRef.Standard objRef, Class<?> iface, Exporter exporter) {
        this.objRef = objRef;
        this.iface = iface;
        this.exporter = exporter;
        this.refs = new AtomicInteger(objRef.std().cPublicRefs());
    }

    public ObjRef.Standard objRef() {
        return objRef;
    }

    public Class<?> iface() {
        return iface;
    }

    public Exporter exporter() {
        return exporter;
    }

    /**
     * The binding a call through this proxy uses: the exporter's view for the OBJREF's IID (which still
     * refuses calls once the client is closed) carrying the IPID as object UUID. The view is cached, so
     * a call does not build and validate a new binding.
     */
    public RpcBinding binding() throws ComException {
        RpcBinding base = exporter.binding(objRef.iid());
        Bound b = bound;
        if (b == null || b.base() != base) {
            b = new Bound(base, base.withObject(objRef.std().ipid()));
            bound = b;
        }
        return b.withIpid();
    }

    /** Takes every reference held (for RemRelease); 0 when already released. */
    public int takeRefs() {
        return refs.getAndSet(0);
    }

    public boolean live() {
        return refs.get() > 0;
    }

    /** Whether the OID is to be pinged (references held, SORF_NOPING clear, a resolver known). */
    public boolean pinged() {
        return live() && (objRef.std().flags() & StdObjRef.SORF_NOPING) == 0 && exporter.resolver() != null;
    }
}
