package org.dcom4j.com.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.dcom4j.com.ComProxy;

/**
 * The {@link InvocationHandler} of a client proxy: COM methods go to {@link ProxyHost#invoke};
 * {@link ComProxy}'s methods to the host; {@code equals} is identity, {@code hashCode} and
 * {@code toString} local; default methods run locally. Immutable.
 */
public final class ProxyHandler implements InvocationHandler {
    private static final Object[] NO_ARGS = {};
    private final ProxyHost host;
    private final ProxyState state;
    private final InterfaceDescriptor descriptor;

    private ProxyHandler(ProxyHost host, ProxyState state) {
        this.host = host;
        this.state = state;
        this.descriptor = InterfaceDescriptor.isComInterface(state.iface()) ? InterfaceDescriptor.of(state.iface()) : null; // null: IUnknown
    }

    /** A proxy implementing {@code state.iface()} and {@link ComProxy}. */
    public static Object create(ProxyHost host, ProxyState state) {
        return Proxy.newProxyInstance(state.iface().getClassLoader(), new Class<?>[] {state.iface(), ComProxy.class},
                new ProxyHandler(host, state));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Class<?> owner = method.getDeclaringClass();
        if (owner == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> state.iface().getSimpleName() + "Proxy[ipid=" + state.objRef().std().ipid() + ", oxid="
                        + Long.toHexString(state.objRef().std().oxid()) + "]";
            };
        }
        if (owner == ComProxy.class) {
            return switch (method.getName()) {
                case "queryInterface" -> host.queryInterface(state, (Class<?>) args[0]);
                case "release" -> {
                    host.release(state);
                    yield null;
                }
                default -> state.objRef();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return host.invoke(state, descriptor.method(method), args == null ? NO_ARGS : args);
    }
}
