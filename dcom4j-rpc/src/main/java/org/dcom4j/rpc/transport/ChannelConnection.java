package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.dcom4j.security.Distance;

/**
 * A {@link Connection} over a blocking {@link SocketChannel} (TCP or AF_UNIX).
 *
 * <p>Reads and writes go through two direct buffers of this connection (one per direction: one reader,
 * one writer at a time, as {@link Connection} says). A heap buffer handed to a channel makes the JDK
 * borrow a temporary direct buffer from a per-thread cache and copy into it on every call; the
 * connection's own buffers skip that bookkeeping on the call path (measured in
 * {@code CallBenchmark}). Each starts small and grows with the largest transfer up to {@link #MAX_DIRECT};
 * a longer transfer takes several system calls.
 */
final class ChannelConnection implements Connection {
    /** The largest direct buffer per direction (a whole fragment at the default maximum of 5840 bytes, and more). */
    static final int MAX_DIRECT = 16 * 1024;
    private static final int INITIAL_DIRECT = 1024;
    private final SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocateDirect(INITIAL_DIRECT);
    private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL_DIRECT);
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
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        in = fitted(in, length);
        ByteBuffer d = in;
        d.clear().limit(Math.min(length, d.capacity()));
        int n = channel.read(d);
        if (n > 0) {
            d.get(0, b, offset, n);
        }
        return n;
    }

    @Override
    public void write(byte[] b, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, b.length);
        out = fitted(out, length);
        ByteBuffer d = out;
        while (length > 0) {
            int n = Math.min(length, d.capacity());
            d.clear();
            d.put(b, offset, n).flip();
            while (d.hasRemaining()) {
                channel.write(d);
            }
            offset += n;
            length -= n;
        }
    }

    @Override
    public void write(byte[] head, int headLength, byte[] body, int bodyOffset, int bodyLength) throws IOException {
        java.util.Objects.checkFromIndexSize(0, headLength, head.length);
        java.util.Objects.checkFromIndexSize(bodyOffset, bodyLength, body.length);
        int total = headLength + bodyLength;
        if (total > MAX_DIRECT) {
            write(head, 0, headLength);
            write(body, bodyOffset, bodyLength);
            return;
        }
        out = fitted(out, total);
        ByteBuffer d = out;
        d.clear();
        d.put(head, 0, headLength).put(body, bodyOffset, bodyLength).flip();
        while (d.hasRemaining()) {
            channel.write(d);
        }
    }

    /** {@code d}, or a larger direct buffer (doubling, at most {@link #MAX_DIRECT}) when {@code needed} does not fit. */
    private static ByteBuffer fitted(ByteBuffer d, int needed) {
        if (d.capacity() >= needed || d.capacity() >= MAX_DIRECT) {
            return d;
        }
        return ByteBuffer.allocateDirect(Math.min(MAX_DIRECT, Math.max(needed, 2 * d.capacity())));
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
