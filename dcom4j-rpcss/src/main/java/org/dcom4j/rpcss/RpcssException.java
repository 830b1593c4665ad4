package org.dcom4j.rpcss;

/** The machine service cannot start: the message says why and what to change (e.g. {@code --port}). */
public final class RpcssException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcssException(String message, Throwable cause) {
        super(message, cause);
    }

    public RpcssException(String message) {
        super(message);
    }
}
