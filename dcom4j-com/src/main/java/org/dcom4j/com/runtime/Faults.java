package org.dcom4j.com.runtime;

import java.io.IOException;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.rpc.client.RpcBindException;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * An RPC failure as the HRESULT a COM caller sees (what Windows' proxies report): a fault whose status
 * is an HRESULT (bit 31) as itself, nca_s_unk_if as RPC_S_UNKNOWN_IF, nca_s_op_rng_error as
 * RPC_S_PROCNUM_OUT_OF_RANGE, other nca statuses as RPC_E_SERVERFAULT, a Win32 status (e.g.
 * rpc_s_access_denied 5) in facility 7; a lost or refused connection RPC_S_SERVER_UNAVAILABLE.
 */
public final class Faults {
    public static final int RPC_S_UNKNOWN_IF = 0x800706B5;
    public static final int RPC_S_PROCNUM_OUT_OF_RANGE = 0x800706D1;

    private Faults() {
    }

    public static int hresultOf(int status) {
        if (status < 0) {
            return status;
        }
        if (status == FaultStatus.NCA_S_UNK_IF) {
            return RPC_S_UNKNOWN_IF;
        }
        if (status == FaultStatus.NCA_S_OP_RNG_ERROR) {
            return RPC_S_PROCNUM_OUT_OF_RANGE;
        }
        if ((status & 0xFFFF0000) == 0x1C000000 || (status & 0xFFFF0000) == 0x1C010000) {
            return Hresult.RPC_E_SERVERFAULT;
        }
        return Hresult.fromWin32(status);
    }

    public static ComException of(IOException e, String what) {
        if (e instanceof RpcCallException f) {
            return new ComException(hresultOf(f.status()), what + ": " + e.getMessage(), e);
        }
        if (e instanceof RpcBindException) {
            return new ComException(RPC_S_UNKNOWN_IF, what + ": " + e.getMessage(), e);
        }
        return new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, what + ": " + e, e);
    }
}
