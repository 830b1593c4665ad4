package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.dcom4j.security.Distance;

/** A {@link Connection} over a blocking {@link SocketChannel} (TCP or AF_UNIX). */
final class ChannelConnection implements Connection {
    private final SocketChannel channel;
    private final Distance distance;
    private final PeerCredentials credentials;
    private final String peer;

    ChannelConnection(SocketChannel channel, Distance distance, PeerCredentials credentials, String peer) {
        this.channel = channel;
        this.distance = distance;
        this.credentials = credentials;
        this.peer = peer;
    }

    @Override
    public int read(byte[] b, int offset, int length) throws IOException {
        return channel.read(ByteBuffer.wrap(b, offset, length));
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, offset, length);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public Distance distance() {
        return distance;
    }

    @Override
    public Optional<PeerCredentials> peerCredentials() {
        return Optional.ofNullable(credentials);
    }

    @Override
    public boolean isLoopback() {
        try {
            if (!(channel.getRemoteAddress() instanceof java.net.InetSocketAddress remote)) {
                return channel.getRemoteAddress() instanceof java.net.UnixDomainSocketAddress;
            }
            java.net.InetAddress a = remote.getAddress();
            return a.isLoopbackAddress()
                    || (channel.getLocalAddress() instanceof java.net.InetSocketAddress local && a.equals(local.getAddress()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String peerAddress() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "Connection[" + distance + ", peer=" + peer + (credentials == null ? "" : ", " + credentials) + "]";
    }
}
