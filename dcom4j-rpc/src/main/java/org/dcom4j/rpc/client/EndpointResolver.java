package org.dcom4j.rpc.client;

import java.io.IOException;
import org.dcom4j.rpc.InterfaceId;

/**
 * Finds the endpoint of an interface when a string binding has none (C706 2.6 "binding
 * resolution"): {@link EptMapResolver} asks the endpoint mapper; {@link #explicitOnly()} refuses.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EndpointResolver {
    /**
     * @param binding a binding without endpoint (its object UUID, if any, takes part in the lookup)
     * @return the endpoint: a TCP port in decimal, or an ncalrpc name
     * @throws IOException when the endpoint mapper cannot be reached or knows no such endpoint
     */
    String resolve(StringBinding binding, InterfaceId iface) throws IOException;

    /** A resolver for bindings that always name their endpoint. */
    static EndpointResolver explicitOnly() {
        return (binding, iface) -> {
            throw new IOException("no endpoint in " + binding + " and no endpoint resolver configured");
        };
    }
}
