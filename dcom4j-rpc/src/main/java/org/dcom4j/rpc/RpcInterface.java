package org.dcom4j.rpc;

import java.util.Objects;

/**
 * A registered server interface.
 *
 * @param operationCount opnums 0..operationCount-1 exist; others fault with nca_s_op_rng_error
 * @param security       what it demands of remote callers; {@link InterfaceSecurity#AUTHENTICATED} unless declared
 */
public record RpcInterface(InterfaceId id, int operationCount, RpcHandler handler, InterfaceSecurity security) {
    /** An interface for authenticated callers only ({@link InterfaceSecurity#AUTHENTICATED}). */
    public RpcInterface(InterfaceId id, int operationCount, RpcHandler handler) {
        this(id, operationCount, handler, InterfaceSecurity.AUTHENTICATED);
    }

    public RpcInterface withSecurity(InterfaceSecurity s) {
        return new RpcInterface(id, operationCount, handler, s);
    }

    public RpcInterface {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(security, "security");
        if (operationCount < 0 || operationCount > 0x10000) {
            throw new IllegalArgumentException("operationCount=" + operationCount + ", limit=0..65536");
        }
    }
}
