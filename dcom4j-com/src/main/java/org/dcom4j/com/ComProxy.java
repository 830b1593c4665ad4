package org.dcom4j.com;

import org.dcom4j.com.wire.ObjRef;

/**
 * What every client proxy made by {@link ComClient} implements besides its COM interface. A proxy
 * holds the public references its OBJREF (or RemQueryInterface) gave it until {@link #release()}
 * or {@link ComClient#close()}. Thread-safe: calls on one exporter are serialized by its binding.
 */
public interface ComProxy extends IUnknown {
    /**
     * IRemUnknown::RemQueryInterface (MS-DCOM 3.1.1.5.6.1.1) for {@code iface}'s IID on this object:
     * a new proxy with its own references.
     *
     * @throws ComException E_NOINTERFACE when the object does not implement it; RPC failures as HRESULTs
     */
    <T extends IUnknown> T queryInterface(Class<T> iface) throws ComException;

    /** IRemUnknown::RemRelease of every public reference this proxy holds; idempotent, never throws. */
    void release();

    /** The standard OBJREF this proxy was made from (its IPID, OID, OXID and resolver bindings). */
    ObjRef.Standard objRef();
}
