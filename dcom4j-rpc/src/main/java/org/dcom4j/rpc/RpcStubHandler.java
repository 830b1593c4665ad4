package org.dcom4j.rpc;

import java.util.Arrays;
import org.dcom4j.ndr.NdrBuffer;

/**
 * An {@link RpcHandler} that reads its request stub where it lies and writes its response stub into the
 * runtime's buffer, so that a call makes no stub array on the server: the server calls
 * {@link #call(CallContext, int, byte[], int, int, NdrBuffer)} for every request, whether it arrived in
 * one fragment (the stub is then a range of the connection's read buffer) or was reassembled or unsealed.
 * Same threading and fault rules as {@link RpcHandler}.
 */
public interface RpcStubHandler extends RpcHandler {
    /**
     * @param stub     holds the NDR-encoded [in] parameters at {@code [offset, offset + length)} in the
     *                 caller's data representation ({@link CallContext#drep()}), verification trailer
     *                 removed; valid only during the call and never to be modified or kept
     * @param response empty; receives the response stub (its start is the start of the NDR stream)
     * @throws RpcFaultException to answer with a fault PDU carrying its status (what was written to
     *                           {@code response} is dropped)
     */
    void call(CallContext ctx, int opnum, byte[] stub, int offset, int length, NdrBuffer response) throws RpcFaultException;

    /** The same call with the stub as its own array and the response as a new one. */
    @Override
    default byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        NdrBuffer out = new NdrBuffer();
        call(ctx, opnum, stub, 0, stub.length, out);
        return Arrays.copyOf(out.array(), out.size());
    }
}
