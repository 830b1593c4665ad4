package org.dcom4j.com;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.activation.Activator;

/**
 * CoCreateInstanceEx for Java: activate a class where it lives and get a proxy for one of its
 * interfaces.
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
}
