package org.dcom4j.rpc.client;

import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.epm.Epm;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.epm.TowerFormatException;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.UnixTransport;

/**
 * Resolves endpoints with {@code ept_map} (opnum 3 of the endpoint mapper, C706 appendix O; MS-RPCE
 * 3.1.1.5.1.x) on the binding's host: over {@code ncacn_ip_tcp} at port 135 (or the port given) for a
 * TCP binding, over {@code ncalrpc:[epmapper]} for an ncalrpc one, as Windows' runtime does.
 *
 * <p>The map tower is the interface, NDR 2.0 and the binding's protocol with an empty endpoint
 * (port 0 and address 0.0.0.0 for TCP, as impacket's {@code hept_map} and Windows send; an empty name
 * for ncalrpc); the object is the binding's object UUID or the nil UUID. The first returned tower of
 * the same protocol sequence gives the endpoint. Each resolution opens and closes one connection.
 * Thread-safe.
 */
public final class EptMapResolver implements EndpointResolver {
    public static final String DEFAULT_TCP_ENDPOINT = "135";
    public static final String DEFAULT_NCALRPC_ENDPOINT = "epmapper";
    /** Towers asked for; more would be alternatives we do not try. */
    private static final int MAX_TOWERS = 4;

    private final RpcClient client;
    private final String tcpEndpoint;
    private final String ncalrpcEndpoint;

    /** Port 135 and {@code ncalrpc:[epmapper]}. */
    public EptMapResolver(RpcClientConfig config) {
        this(config, DEFAULT_TCP_ENDPOINT, DEFAULT_NCALRPC_ENDPOINT);
    }

    /**
     * @param tcpEndpoint     the endpoint mapper's TCP port
     * @param ncalrpcEndpoint the endpoint mapper's ncalrpc name
     */
    public EptMapResolver(RpcClientConfig config, String tcpEndpoint, String ncalrpcEndpoint) {
        this.client = new RpcClient(config, EndpointResolver.explicitOnly());
        this.tcpEndpoint = Objects.requireNonNull(tcpEndpoint, "tcpEndpoint");
        this.ncalrpcEndpoint = Objects.requireNonNull(ncalrpcEndpoint, "ncalrpcEndpoint");
    }

    @Override
    public String resolve(StringBinding binding, InterfaceId iface) throws IOException {
        Tower.Protseq protseq;
        Tower mapTower;
        String epmEndpoint;
        switch (binding.protocolSequence()) {
            case TcpTransport.PROTOCOL_SEQUENCE -> {
                protseq = Tower.Protseq.NCACN_IP_TCP;
                mapTower = Tower.tcp(iface, 0, new byte[4]);
                epmEndpoint = tcpEndpoint;
            }
            case UnixTransport.PROTOCOL_SEQUENCE -> {
                protseq = Tower.Protseq.NCALRPC;
                mapTower = Tower.ncalrpc(iface, "");
                epmEndpoint = ncalrpcEndpoint;
            }
            default -> throw new IllegalArgumentException("cannot resolve endpoints for protseq=" + binding.protocolSequence()
                    + ", supported=ncacn_ip_tcp,ncalrpc");
        }
        StringBinding epm = new StringBinding(null, binding.protocolSequence(), binding.networkAddress(), epmEndpoint, null);
        UUID object = binding.object() != null ? binding.object() : new UUID(0, 0);
        Epm.EptMapResponse response;
        try (RpcBinding b = client.bind(epm, Epm.INTERFACE)) {
            response = b.call(Epm.EPT_MAP, new Epm.EptMapRequest(object, new Epm.TwrT(mapTower.encode()), ContextHandle.NULL, MAX_TOWERS),
                    Epm.EptMapResponse.class);
        }
        if (response.status() != 0 || response.towers().isEmpty()) {
            throw new IOException("endpoint not registered: interface=" + iface + ", protseq=" + binding.protocolSequence()
                    + ", endpoint mapper=" + epm + ", status=" + statusName(response.status()));
        }
        for (Epm.TwrT t : response.towers()) {
            if (t == null) {
                continue;
            }
            try {
                Tower tower = Tower.decode(t.towerOctetString());
                if (tower.protocolSequence() == protseq) {
                    return tower.endpoint();
                }
            } catch (TowerFormatException e) {
                throw new RpcProtocolException("ept_map returned a malformed tower: " + e.getMessage(), e);
            }
        }
        throw new IOException("ept_map returned no " + binding.protocolSequence() + " tower: interface=" + iface
                + ", towers=" + response.towers().size());
    }

    private static String statusName(int status) {
        return status == Epm.EPT_S_NOT_REGISTERED ? "ept_s_not_registered (0x16c9a0d6)" : RpcCallException.statusName(status);
    }
}
