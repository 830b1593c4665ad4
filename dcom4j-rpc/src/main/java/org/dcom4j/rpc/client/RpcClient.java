package org.dcom4j.rpc.client;

import java.io.IOException;
import java.util.Objects;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.Transport;
import org.dcom4j.rpc.transport.UnixTransport;

/**
 * The client entry point: turns a string binding into a connected, bound {@link RpcBinding}.
 * Immutable and thread-safe; holds no connections itself.
 *
 * <pre>{@code
 * RpcClient client = new RpcClient(RpcClientConfig.defaults(), new EptMapResolver(RpcClientConfig.defaults()));
 * try (RpcBinding b = client.bind("ncacn_ip_tcp:server", echoId)) {      // endpoint from ept_map on port 135
 *     byte[] out = b.call(0, stub);
 *     AddResponse r = b.call(1, new AddRequest(2, 3), AddResponse.class);  // NDR through dcom4j-ndr
 * }
 * }</pre>
 *
 * Protocol sequences: {@code ncacn_ip_tcp} ({@link TcpTransport}; an empty network address means
 * the local host) and {@code ncalrpc} ({@link UnixTransport} in {@link RpcClientConfig#runtimeDir()}).
 */
public final class RpcClient {
    private final RpcClientConfig config;
    private final EndpointResolver resolver;

    /** A client for bindings that name their endpoint. */
    public RpcClient(RpcClientConfig config) {
        this(config, EndpointResolver.explicitOnly());
    }

    public RpcClient(RpcClientConfig config, EndpointResolver resolver) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Parses {@code stringBinding} and binds; see {@link #bind(StringBinding, InterfaceId)}. */
    public RpcBinding bind(String stringBinding, InterfaceId iface) throws IOException {
        return bind(StringBinding.parse(stringBinding), iface);
    }

    /**
     * Resolves the endpoint if the binding has none, connects (within the connect timeout), and binds
     * {@code iface} with NDR 2.0 (plus the bind-time feature negotiation element when configured).
     * The binding's object UUID, if any, is sent with every call.
     *
     * @throws RpcBindException   bind_nak or the interface's context refused
     * @throws java.net.SocketTimeoutException connect or bind timed out
     * @throws IllegalArgumentException an unsupported protocol sequence or a bad endpoint name
     */
    public RpcBinding bind(StringBinding binding, InterfaceId iface) throws IOException {
        return bind(binding, iface, ClientAuth.NONE);
    }

    /** Parses {@code stringBinding} and binds with authentication; see {@link #bind(StringBinding, InterfaceId, ClientAuth)}. */
    public RpcBinding bind(String stringBinding, InterfaceId iface, ClientAuth auth) throws IOException {
        return bind(StringBinding.parse(stringBinding), iface, auth);
    }

    /**
     * As {@link #bind(StringBinding, InterfaceId)}, authenticating the association with NTLMSSP at
     * {@code auth.level()}: NEGOTIATE in the bind, CHALLENGE in the bind_ack, AUTHENTICATE in auth3;
     * then every request signed (call, pkt, integrity) or signed and sealed (privacy), and every
     * response's verifier checked. Endpoint resolution (ept_map) stays unauthenticated, as Windows does.
     * A wrong password shows on the first call: {@link RpcCallException} rpc_s_access_denied.
     */
    public RpcBinding bind(StringBinding binding, InterfaceId iface, ClientAuth auth) throws IOException {
        Objects.requireNonNull(auth, "auth");
        Transport transport = transport(binding);
        StringBinding resolved = binding.hasEndpoint() ? binding : binding.withEndpoint(resolver.resolve(binding, iface));
        String host = resolved.networkAddress().isEmpty() ? "localhost" : resolved.networkAddress();
        Association association = new Association(transport, host, resolved.endpoint(), config, auth);
        try {
            association.addContext(iface);
        } catch (IOException | RuntimeException e) {
            association.close();
            throw e;
        }
        return new RpcBinding(association, resolved, iface, resolved.object(), config.callTimeout());
    }

    private Transport transport(StringBinding binding) {
        return switch (binding.protocolSequence()) {
            case TcpTransport.PROTOCOL_SEQUENCE -> TcpTransport.loopback(); // the bind address only matters for listening
            case UnixTransport.PROTOCOL_SEQUENCE -> {
                if (config.runtimeDir() == null) {
                    throw new IllegalArgumentException("ncalrpc needs RpcClientConfig.runtimeDir: " + binding);
                }
                yield new UnixTransport(config.runtimeDir());
            }
            default -> throw new IllegalArgumentException("unsupported protocol sequence: protseq=" + binding.protocolSequence()
                    + ", supported=ncacn_ip_tcp,ncalrpc");
        };
    }

    public RpcClientConfig config() {
        return config;
    }
}
