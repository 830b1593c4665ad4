package org.dcom4j.rpc;

import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * A call ends in a fault PDU with {@link #status()} (a C706 appendix E / MS-RPCE status, or a
 * Win32 error). Thrown by handlers; later also by the client runtime when a server faults.
 */
public final class RpcFaultException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public RpcFaultException(int status, String message) {
        super(FaultStatus.name(status) + (message == null ? "" : ": " + message));
        this.status = status;
    }

    public RpcFaultException(int status) {
        this(status, null);
    }

    public int status() {
        return status;
    }
}
