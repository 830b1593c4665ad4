/**
 * The client side of DCOM activation: {@link org.dcom4j.com.activation.Activator} asks a machine's SCM
 * (rpcss, or Windows' RPCSS) for an object and returns an {@link org.dcom4j.com.activation.ActivationResult};
 * the object runtime attaches proxies to it.
 */
package org.dcom4j.com.activation;
