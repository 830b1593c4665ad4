package org.dcom4j.rpc.transport;

import java.io.IOException;
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
}
