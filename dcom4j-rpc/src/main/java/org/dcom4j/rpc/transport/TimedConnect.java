package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connect bounded by a timeout on the calling thread: a non-blocking connect, a selector wait for
 * OP_CONNECT until the deadline, then the channel back in blocking mode. Connecting on the caller's
 * thread (not on a virtual thread) matters: a channel once used from a virtual thread stays
 * non-blocking underneath for good, so every later read from a platform thread would first fail
 * with EAGAIN and then poll (two more syscalls per read).
 */
final class TimedConnect {
    private TimedConnect() {
    }

    /**
     * Connects {@code ch} (freshly opened, blocking) to {@code remote} within {@code timeout}; on any
     * failure the channel is closed. {@code what} names the target in the timeout message.
     */
    static void connect(SocketChannel ch, SocketAddress remote, Duration timeout, String what) throws IOException {
        boolean ok = false;
        try {
            ch.configureBlocking(false);
            if (!ch.connect(remote)) {
                long deadline = System.nanoTime() + timeout.toNanos();
                try (Selector selector = Selector.open()) {
                    ch.register(selector, SelectionKey.OP_CONNECT);
                    while (!ch.finishConnect()) {
                        if (Thread.interrupted()) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted while connecting to " + what);
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("connect timed out: " + what + ", timeout=" + timeout.toMillis() + " ms");
                        }
                        selector.select(Math.max(1, (left + 999_999) / 1_000_000));
                        selector.selectedKeys().clear();
                    }
                }
            }
            ch.configureBlocking(true);
            ok = true;
        } finally {
            if (!ok) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // the connect failure is what the caller needs to see
                }
            }
        }
    }
}
