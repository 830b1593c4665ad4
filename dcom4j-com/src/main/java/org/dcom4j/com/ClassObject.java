package org.dcom4j.com;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;

/**
 * The class object a {@link ComServer} exports for one registered class (what CoRegisterClassObject
 * makes reachable and RemoteGetClassObject hands out, MS-DCOM 3.1.2.5.2.3.2): IClassFactory's remote
 * form. RemoteCreateInstance takes activation's last step, {@link ComServer#createInstance}'s path,
 * inside the ORPC call — so the factory's Call check has admitted the caller and the new object's
 * references belong to that caller, as an activation's belong to the activating one. RemoteLockServer
 * answers S_OK and changes nothing: a dcom4j server lives until its {@link ComServer#close}, locked or
 * not. Thread-safe.
 */
final class ClassObject implements IClassFactory {
    /** Activation's last step: {@code (clsid, iids, owner)}, the owner null for the running call's caller. */
    @FunctionalInterface
    interface Creator {
        CreateResult create(UUID clsid, List<UUID> iids, String owner);
    }

    private final UUID clsid;
    private final Creator creator;

    ClassObject(UUID clsid, Creator creator) {
        this.clsid = clsid;
        this.creator = creator;
    }

    /**
     * A new instance for {@code riid}: E_NOINTERFACE when the class does not implement it (nothing stays
     * exported then), E_POINTER for a NULL riid, the factory's failure otherwise.
     */
    @Override
    public void remoteCreateInstance(UUID riid, Out<Orpc.MInterfacePointer> ppvObject) throws ComException {
        if (riid == null) {
            throw new ComException(Hresult.E_POINTER, "riid is NULL");
        }
        CreateResult r = creator.create(clsid, List.of(riid), null);
        int hr = r.hresults().getFirst();
        if (Hresult.isFailure(hr) || r.objRefs().getFirst() == null) {
            throw new ComException(Hresult.isFailure(hr) ? hr : Hresult.E_UNEXPECTED, "CreateInstance of " + clsid + " for " + riid);
        }
        ppvObject.set(Orpc.MInterfacePointer.of(ObjRefCodec.encode(r.objRefs().getFirst())));
    }

    @Override
    public void remoteLockServer(int fLock) {
        // nothing to keep alive: the server's lifetime is its owner's (ComServer.close)
    }
}
