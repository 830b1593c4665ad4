package org.dcom4j.rpc.client;

import java.io.IOException;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * The server answered a call with a fault PDU (C706 12.6.4.7). {@link #status()} is the fault's
 * status (C706 appendix E, MS-RPCE 2.2.2.x, or a Win32/HRESULT value the server manager chose);
 * the message names it: {@code nca_s_op_rng_error (0x1c010002)}. The binding stays usable.
 */
public final class RpcCallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final int opnum;
    private final boolean didNotExecute;

    public RpcCallException(int status, int opnum, boolean didNotExecute, String interfaceName) {
        super("fault " + statusName(status) + ": opnum=" + opnum + ", interface=" + interfaceName
                + (didNotExecute ? ", did not execute" : ""));
        this.status = status;
        this.opnum = opnum;
        this.didNotExecute = didNotExecute;
    }

    /** {@code nca_s_op_rng_error (0x1c010002)} for a known status, {@code 0x00001234} otherwise. */
    public static String statusName(int status) {
        String hex = String.format("0x%08x", status);
        String name = FaultStatus.name(status);
        return name.equals(hex) ? hex : name + " (" + hex + ")";
    }

    public int status() {
        return status;
    }

    public int opnum() {
        return opnum;
    }

    /** The fault carried PFC_DID_NOT_EXECUTE: the server guarantees the manager routine did not run. */
    public boolean didNotExecute() {
        return didNotExecute;
    }
}
