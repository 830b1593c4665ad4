package org.dcom4j.rpc;

import java.util.Objects;

/**
 * A registered server interface.
 *
 * @param operationCount opnums 0..operationCount-1 exist; others fault with nca_s_op_rng_error
 */
public record RpcInterface(InterfaceId id, int operationCount, RpcHandler handler) {
    public RpcInterface {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        if (operationCount < 0 || operationCount > 0x10000) {
            throw new IllegalArgumentException("operationCount=" + operationCount + ", limit=0..65536");
        }
    }
}
