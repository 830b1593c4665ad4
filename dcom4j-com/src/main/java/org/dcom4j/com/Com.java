package org.dcom4j.com;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.runtime.ScmRegistration;

/**
 * CoCreateInstanceEx for Java: activate a class where it lives and get a proxy for one of its
 * interfaces; CoGetClassObject ({@link #getClassObject}) for several instances from one class object.
 *
 * <pre>{@code
 * try (ComClient client = new ComClient(ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, creds), RpcClientConfig.defaults())) {
 *     ICalculator calc = Com.createInstance(client, CLSID, ICalculator.class, Activator.remote("host", ClientAuth.ntlm(...)));
 *     int sum = calc.add(2, 3);
 *     ((ComProxy) calc).release();
 * }
 * }</pre>
 *
 * The activator decides where ({@link Activator#local} over ncalrpc, {@link Activator#remote} over
 * TCP with its credentials); the client, how this process reaches the object afterwards (its own
 * credentials and, for ncalrpc, its runtime directory).
 */
public final class Com {
    private Com() {
    }

    /** The IID a {@link ComInterface} Java interface declares. */
    public static UUID iid(Class<? extends IUnknown> iface) {
        ComInterface c = iface.getAnnotation(ComInterface.class);
        if (c == null) {
            throw new IllegalArgumentException(iface.getName() + " is not annotated @ComInterface");
        }
        return UUID.fromString(c.value());
    }

    /**
     * Activates {@code clsid} through {@code activator} asking for {@code iface}, and attaches a proxy
     * to the object in {@code client}.
     *
     * @throws ComException the activation's HRESULT (E_ACCESSDENIED, REGDB_E_CLASSNOTREG,
     *                      CO_E_SERVER_EXEC_FAILURE, E_NOINTERFACE, …) or a transport failure mapped to one
     */
    public static <T extends IUnknown> T createInstance(ComClient client, UUID clsid, Class<T> iface, Activator activator)
            throws ComException {
        Objects.requireNonNull(client, "client");
        ActivationResult r = activator.createInstance(clsid, List.of(iid(iface)));
        int hr = r.hresults()[0];
        if (Hresult.isFailure(hr) || r.objRefs().getFirst() == null) {
            throw new ComException(Hresult.isFailure(hr) ? hr : Hresult.E_UNEXPECTED, "activation of " + clsid + " for "
                    + iface.getSimpleName() + " returned " + Hresult.name(hr));
        }
        return client.attach(r.exporterBindings(), r.ipidRemUnknown(), r.objRefs().getFirst(), iface);
    }

    /**
     * CLSCTX_INPROC_SERVER: a new instance of {@code clsid} from the factory registered in {@code server}
     * (this JVM), returned as the Java object — no proxy, no marshaling, no Call check (an in-process
     * object runs with its caller's rights, as in COM). The same class reaches other processes through the
     * same server (local or remote activation).
     *
     * @throws ComException REGDB_E_CLASSNOTREG, E_NOINTERFACE, or the factory's failure
     */
    public static <T extends IUnknown> T createInstance(ComServer server, UUID clsid, Class<T> iface) throws ComException {
        return Objects.requireNonNull(server, "server").instantiate(clsid, iface);
    }

    /**
     * CoGetClassObject for Java: the class object of {@code clsid} through {@code activator}
     * (IRemoteSCMActivator::RemoteGetClassObject for IClassFactory; the SCM checks Activate, and Launch
     * when it must start the server, as for {@link #createInstance}), attached in {@code client}.
     *
     * @throws ComException the activation's HRESULT (E_ACCESSDENIED, REGDB_E_CLASSNOTREG,
     *                      CO_E_SERVER_EXEC_FAILURE, E_NOINTERFACE, …) or a transport failure mapped to one
     */
    public static ClassFactory getClassObject(ComClient client, UUID clsid, Activator activator) throws ComException {
        Objects.requireNonNull(client, "client");
        ActivationResult r = activator.getClassObject(clsid, Iids.IID_IClassFactory);
        int hr = r.hresults()[0];
        if (Hresult.isFailure(hr) || r.objRefs().getFirst() == null) {
            throw new ComException(Hresult.isFailure(hr) ? hr : Hresult.E_UNEXPECTED, "class object of " + clsid + " returned "
                    + Hresult.name(hr));
        }
        return new ClassFactory(client, client.attach(r.exporterBindings(), r.ipidRemUnknown(), r.objRefs().getFirst(),
                IClassFactory.class));
    }

    /**
     * IRunningObjectTable::GetObject for Java: the object a local server registered under
     * {@code displayName} ({@link ComServer#registerRunning}), asked of rpcss over
     * {@code ncalrpc:[dcom4j-scm]} in {@code runtimeDir} (rpcss knows this process by its kernel uid),
     * then unmarshaled in {@code client} as {@code iface}.
     *
     * @throws ComException MK_E_UNAVAILABLE when no entry of that name is visible to this process (none,
     *                      or another user's that does not allow this one), E_INVALIDARG for a bad name,
     *                      RPC_S_SERVER_UNAVAILABLE when rpcss does not answer, or the unmarshal's failure
     */
    public static <T extends IUnknown> T getObject(ComClient client, Path runtimeDir, String displayName, Class<T> iface)
            throws ComException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        return client.unmarshal(ComServer.decode(ScmRegistration.rotGetObject(runtimeDir, displayName)), iface);
    }

    /** The display names of the running object table visible to this process (IEnumMoniker's role; at most 256 Ki characters in all). */
    public static List<String> runningObjects(Path runtimeDir) throws ComException {
        return ScmRegistration.rotEnum(Objects.requireNonNull(runtimeDir, "runtimeDir"));
    }
}
