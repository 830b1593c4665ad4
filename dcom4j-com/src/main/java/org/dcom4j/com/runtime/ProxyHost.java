package org.dcom4j.com.runtime;

import org.dcom4j.com.ComException;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;

/** What a proxy asks of the client that made it ({@link org.dcom4j.com.ComClient}). */
public interface ProxyHost {
    Object invoke(ProxyState state, MethodDescriptor method, Object[] args) throws ComException;

    Object queryInterface(ProxyState state, Class<?> iface) throws ComException;

    void release(ProxyState state);
}
