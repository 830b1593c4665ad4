package org.dcom4j.rpc.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * A connection's read-ahead buffer: each {@link Connection#read} takes whatever the kernel has (up to
 * the free space), so a whole fragment, or several, usually arrive in one system call; fragments are
 * then cut out of the buffer. It starts at {@code initialCapacity} and grows only to the size of the
 * largest fragment actually being read (which the caller has bounded by the negotiated max fragment
 * length before asking for it). Used by one thread at a time (the connection's reader).
 */
public final class ReadBuffer {
    private final Connection connection;
    private byte[] buf;
    private int start;
    private int end;

    public ReadBuffer(Connection connection, int initialCapacity) {
        this.connection = connection;
        this.buf = new byte[initialCapacity];
    }

    /** Bytes read from the connection and not yet taken. */
    public int buffered() {
        return end - start;
    }

    /**
     * Makes sure at least one byte is buffered, reading once if none is.
     *
     * @return false at end of stream with nothing buffered
     */
    public boolean awaitByte() throws IOException {
        return end > start || fill() > 0;
    }

    /** Makes sure {@code n} bytes are buffered, reading as often as needed; EOFException if the stream ends first. */
    public void require(int n) throws IOException {
        if (end - start >= n) {
            return;
        }
        if (buf.length - start < n) {
            byte[] target = buf.length < n ? new byte[n] : buf; // grow to what this fragment needs, no more
            System.arraycopy(buf, start, target, 0, end - start);
            end -= start;
            start = 0;
            buf = target;
        }
        while (end - start < n) {
            if (fill() < 0) {
                throw new EOFException("connection closed: missing=" + (n - (end - start)) + " bytes");
            }
        }
    }

    /** Copies the next {@code n} buffered bytes into {@code dst} without taking them; {@link #require} them first. */
    public void peek(byte[] dst, int n) {
        System.arraycopy(buf, start, dst, 0, n);
    }

    /** Takes the next {@code n} buffered bytes as a new array; {@link #require} them first. */
    public byte[] take(int n) {
        byte[] b = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return b;
    }

    /**
     * The buffer itself, for decoding the next {@link #require}d bytes where they lie, from {@link #start()};
     * valid until the next {@code require}, {@code awaitByte} or {@code take}. {@link #skip} them after.
     */
    public byte[] array() {
        return buf;
    }

    /** Where the next unread byte is in {@link #array()}. */
    public int start() {
        return start;
    }

    /** Drops the next {@code n} buffered bytes (decoded in place); {@link #require} them first. */
    public void skip(int n) {
        if (n < 0 || n > end - start) {
            throw new IllegalArgumentException("skip=" + n + ", buffered=" + (end - start));
        }
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** One read into the free space (after moving the unread bytes to the front when the tail is full). */
    private int fill() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        } else if (end == buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = connection.read(buf, end, buf.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }
}
