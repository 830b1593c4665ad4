package org.dcom4j.com.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.StdObjRef;

/** What one client proxy holds: its OBJREF, its Java interface, its exporter, and its public references. */
public final class ProxyState {
    private final ObjRef.Standard objRef;
    private final Class<?> iface;
    private final Exporter exporter;
    private final AtomicInteger refs;

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
