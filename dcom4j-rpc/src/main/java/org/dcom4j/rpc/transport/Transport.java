package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.time.Duration;
import org.dcom4j.security.Distance;

/**
 * A connection-oriented protocol sequence (C706 6.1 "protocol sequence"; MS-RPCE 2.1.1): a way to
 * listen on an endpoint and to connect to one, delivering an ordered byte stream. The RPC layer
 * frames PDUs on top; a transport knows nothing about them. The {@link Distance} of everything that
 * arrives is a property of the transport alone (DESIGN.md: ncalrpc is LOCAL, ncacn_ip_tcp REMOTE,
 * even from 127.0.0.1). Implementations are immutable and thread-safe.
 */
public interface Transport {
    /** The protocol sequence name as in string bindings: {@code ncacn_ip_tcp}, {@code ncalrpc}. */
    String protocolSequence();

    /** The distance of every caller that arrives over this transport. */
    Distance distance();

    /**
     * Starts listening on {@code endpoint} (a TCP port, {@code "0"} or empty for a dynamic one; an
     * ncalrpc name). The returned listener reports the endpoint actually bound.
     */
    Listener listen(String endpoint) throws IOException;

    /** Connects to {@code endpoint} on {@code host} (ignored by local transports). */
    Connection connect(String host, String endpoint) throws IOException;

    /**
     * {@link #connect(String, String)} within {@code timeout}, throwing
     * {@link java.net.SocketTimeoutException} ("connect timed out: ...") when it passes. The default
     * connects on a virtual thread and abandons it at the deadline; the built-in transports override
     * it to connect on the calling thread, which leaves their channels plainly blocking.
     */
    default Connection connect(String host, String endpoint, Duration timeout) throws IOException {
        java.util.concurrent.FutureTask<Connection> task = new java.util.concurrent.FutureTask<>(() -> connect(host, endpoint));
        Thread.ofVirtual().name("rpc-connect").start(task);
        try {
            return task.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            if (!task.cancel(true) && task.state() == java.util.concurrent.Future.State.SUCCESS) {
                try {
                    task.resultNow().close(); // it connected just after the deadline
                } catch (IOException ignored) {
                    // best effort
                }
            }
            throw new java.net.SocketTimeoutException("connect timed out: " + protocolSequence() + ":" + host + "[" + endpoint
                    + "], timeout=" + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while connecting to " + host + "[" + endpoint + "]");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("connect failed: " + cause, cause);
        }
    }
}
