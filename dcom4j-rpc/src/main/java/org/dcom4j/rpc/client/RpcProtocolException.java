package org.dcom4j.rpc.client;

import java.io.IOException;

/**
 * The server broke the connection-oriented protocol (a malformed PDU, a fragment beyond the
 * negotiated size, a response for another call, a stub over the limit). The connection is closed;
 * the binding reconnects on its next call.
 */
public final class RpcProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public RpcProtocolException(String message) {
        super(message);
    }

    public RpcProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
