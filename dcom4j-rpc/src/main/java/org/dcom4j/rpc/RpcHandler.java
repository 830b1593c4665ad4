package org.dcom4j.rpc;

/**
 * The server side of one interface: unmarshals {@code stub}, runs the operation, returns the
 * marshalled response stub. Called on the connection's thread, one call at a time per connection
 * and concurrently across connections, so implementations must be thread-safe. The stub array is
 * the handler's to keep; the returned array is owned by the runtime afterwards.
 */
@FunctionalInterface
public interface RpcHandler {
    /**
     * @param opnum always below the interface's declared operation count (the runtime faults
     *              nca_s_op_rng_error before calling otherwise)
     * @param stub  the NDR-encoded [in] parameters in the caller's data representation
     *              ({@link CallContext#drep()}), verification trailer removed
     * @throws RpcFaultException to answer with a fault PDU carrying its status
     */
    byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException;
}
