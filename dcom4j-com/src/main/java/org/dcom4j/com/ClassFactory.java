package org.dcom4j.com;

import java.util.Objects;
import org.dcom4j.com.wire.Orpc;

/**
 * A remote class object (CoGetClassObject's result, {@link Com#getClassObject}): creates instances of
 * its class in the server that holds it, one IClassFactory::RemoteCreateInstance call each, with no
 * further activation at the SCM. The objects are unmarshaled in the {@link ComClient} the factory was
 * obtained with.
 *
 * <pre>{@code
 * ClassFactory f = Com.getClassObject(client, CLSID, Activator.remote("host", auth));
 * ICalculator a = f.createInstance(ICalculator.class), b = f.createInstance(ICalculator.class);
 * f.release();
 * }</pre>
 *
 * Thread-safe as its proxy is.
 */
public final class ClassFactory {
    private final ComClient client;
    private final IClassFactory proxy;

    ClassFactory(ComClient client, IClassFactory proxy) {
        this.client = client;
        this.proxy = proxy;
    }

    /**
     * A new instance of the class, asked for {@code iface} (IClassFactory::CreateInstance without an
     * outer unknown: aggregation does not cross processes).
     *
     * @throws ComException E_NOINTERFACE when the class does not implement {@code iface}, E_ACCESSDENIED
     *                      when the server's Call check refuses this client, the server's failure, or
     *                      a transport failure mapped to an HRESULT
     */
    public <T extends IUnknown> T createInstance(Class<T> iface) throws ComException {
        Objects.requireNonNull(iface, "iface");
        Out<Orpc.MInterfacePointer> out = new Out<>();
        proxy.remoteCreateInstance(Com.iid(iface), out);
        if (out.get() == null) {
            throw new ComException(Hresult.E_UNEXPECTED, "RemoteCreateInstance answered S_OK with a NULL interface pointer");
        }
        return client.unmarshal(ComServer.decode(out.get()), iface);
    }

    /** IClassFactory::LockServer. */
    public void lockServer(boolean lock) throws ComException {
        proxy.remoteLockServer(lock ? 1 : 0);
    }

    /** The IClassFactory proxy itself. */
    public IClassFactory proxy() {
        return proxy;
    }

    /** Releases the class object (its references); the instances it created live on. */
    public void release() {
        ((ComProxy) proxy).release();
    }
}
