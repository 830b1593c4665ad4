package org.dcom4j.rpc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.dcom4j.security.Distance;

/**
 * One byte-stream connection. Reads come from one thread (the connection's read loop) and writes
 * from one thread at a time (the caller serialises them); {@link #close} may come from any thread
 * (the server's timeout reaper) and makes a blocked read fail with an {@link IOException}.
 */
public interface Connection extends Closeable {
    /** Reads up to {@code length} bytes; returns -1 at end of stream. */
    int read(byte[] b, int offset, int length) throws IOException;

    /** Reads exactly {@code length} bytes or throws {@link java.io.EOFException}. */
    default void readFully(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            int n = read(b, offset, length);
            if (n < 0) {
                throw new java.io.EOFException("connection closed: missing=" + length + " bytes");
            }
            offset += n;
            length -= n;
        }
    }

    /** Writes all of {@code b[offset, offset+length)}. */
    void write(byte[] b, int offset, int length) throws IOException;

    /**
     * Writes all of {@code head[0, headLength)} then all of {@code body[bodyOffset, bodyOffset + bodyLength)}
     * — a PDU's header and its stub — as one write where the connection can (one system call, one TCP
     * segment for a small PDU).
     */
    default void write(byte[] head, int headLength, byte[] body, int bodyOffset, int bodyLength) throws IOException {
        java.util.Objects.checkFromIndexSize(bodyOffset, bodyLength, body.length);
        byte[] b = java.util.Arrays.copyOf(head, headLength + bodyLength);
        System.arraycopy(body, bodyOffset, b, headLength, bodyLength);
        write(b, 0, b.length);
    }

    Distance distance();

    /** The peer's kernel credentials (ncalrpc only); empty on TCP. */
    Optional<PeerCredentials> peerCredentials();

    /** The peer's address for logs: {@code 127.0.0.1:53422}, or the socket path. */
    String peerAddress();

    boolean isOpen();

    /**
     * Whether the peer is on this machine, judged from the connected socket itself (never from a name
     * lookup): an AF_UNIX peer, or a TCP peer whose address is a loopback address or this socket's own
     * local address. False when unsure.
     */
    default boolean isLoopback() {
        return false;
    }

    @Override
    void close() throws IOException;
}
