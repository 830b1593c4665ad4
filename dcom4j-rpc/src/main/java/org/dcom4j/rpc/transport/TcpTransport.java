package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.dcom4j.security.Distance;

/**
 * ncacn_ip_tcp (MS-RPCE 2.1.1.1): DCE/RPC over TCP, Distance REMOTE whatever the peer's address.
 * TCP_NODELAY is set on every connection: RPC is request/response and Nagle would add a delayed-ACK
 * wait to every fragmented call.
 *
 * @param bindAddress the local address to listen on (loopback, or the wildcard address)
 */
public record TcpTransport(InetAddress bindAddress) implements Transport {
    public static final String PROTOCOL_SEQUENCE = "ncacn_ip_tcp";

    /** Listens on the loopback address only. */
    public static TcpTransport loopback() {
        return new TcpTransport(InetAddress.getLoopbackAddress());
    }

    @Override
    public String protocolSequence() {
        return PROTOCOL_SEQUENCE;
    }

    @Override
    public Distance distance() {
        return Distance.REMOTE;
    }

    @Override
    public Listener listen(String endpoint) throws IOException {
        int port = endpoint == null || endpoint.isEmpty() ? 0 : parsePort(endpoint);
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(bindAddress, port), 512);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + PROTOCOL_SEQUENCE + ":" + bindAddress.getHostAddress() + "[" + port + "]: " + e.getMessage(), e);
        }
        String bound = Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort());
        return new ChannelListener(this, server, bound, ch -> {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new ChannelConnection(ch, Distance.REMOTE, null, String.valueOf(ch.getRemoteAddress()));
        }, null);
    }

    @Override
    public Connection connect(String host, String endpoint) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, parsePort(endpoint)));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new ChannelConnection(ch, Distance.REMOTE, null, String.valueOf(ch.getRemoteAddress()));
    }

    @Override
    public Connection connect(String host, String endpoint, java.time.Duration timeout) throws IOException {
        InetSocketAddress remote = new InetSocketAddress(host, parsePort(endpoint));
        SocketChannel ch = SocketChannel.open();
        TimedConnect.connect(ch, remote, timeout, PROTOCOL_SEQUENCE + ":" + host + "[" + endpoint + "]");
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new ChannelConnection(ch, Distance.REMOTE, null, String.valueOf(ch.getRemoteAddress()));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static int parsePort(String endpoint) {
        try {
            int port = Integer.parseInt(endpoint);
            if (port >= 0 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("not a TCP port: endpoint=" + endpoint + ", limit=0..65535");
    }
}
