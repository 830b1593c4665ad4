package org.dcom4j.rpc.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * A bound, listening endpoint. {@link #accept} blocks and is called by one thread at a time;
 * {@link #close} may be called from any thread and makes a blocked {@code accept} fail.
 */
public interface Listener extends Closeable {
    /** The next incoming connection; the caller owns it and must close it. */
    Connection accept() throws IOException;

    /** The endpoint actually bound (the TCP port number chosen for {@code "0"}, the ncalrpc name). */
    String endpoint();

    Transport transport();

    @Override
    void close() throws IOException;
}
