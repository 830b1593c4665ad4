package org.dcom4j.com;

import java.util.UUID;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.Named;
import org.dcom4j.ndr.Unique;

/**
 * IClassFactory (00000001-0000-0000-C000-000000000046) in its remote form, the {@code [call_as]}
 * methods of objidl/unknwn.idl that MS-DCOM's class objects answer on the wire:
 * <pre>
 * HRESULT RemoteCreateInstance([in] REFIID riid, [out, iid_is(riid)] IUnknown** ppvObject);   // opnum 3
 * HRESULT RemoteLockServer([in] BOOL fLock);                                                  // opnum 4
 * </pre>
 * There is no pUnkOuter on the wire: aggregation cannot cross processes, so COM's proxy answers
 * CLASS_E_NOAGGREGATION for a non-NULL pUnkOuter before anything is sent. {@code ppvObject} is the
 * OBJREF of the new object for {@code riid}, in a unique MInterfacePointer ({@code iid_is}: the type is
 * known only at run time). A dcom4j server answers it for every class it registers (see
 * {@link ComServer}); a Java client uses it through {@link ClassFactory}.
 */
@ComInterface("00000001-0000-0000-c000-000000000046")
public interface IClassFactory extends IUnknown {
    @ComMethod(opnum = 3)
    void remoteCreateInstance(@Named("riid") UUID riid, @Named("ppvObject") Out<Orpc.@Unique MInterfacePointer> ppvObject)
            throws ComException;

    @ComMethod(opnum = 4)
    void remoteLockServer(@Named("fLock") int fLock) throws ComException;
}
