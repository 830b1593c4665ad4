package org.dcom4j.rpc.epm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.security.Distance;

/** Drives a handler as the runtime would: NDR-encoded [in] record in, decoded [out] record back. */
final class Calls {
    private Calls() {
    }

    static CallContext ctx(Distance distance, int assocGroup) {
        return ctx(distance, assocGroup, 0x10000000);
    }

    /** {@code drep} packed as CallContext says: 0x10000000 little-endian ASCII IEEE, 0 big-endian. */
    static CallContext ctx(Distance distance, int assocGroup, int drep) {
        return new CallContext(distance, null, "test", Epm.INTERFACE, null, 1, 0, assocGroup, drep, false, null,
                org.dcom4j.rpc.CallerTokens.anonymous(org.dcom4j.security.Distance.REMOTE), 0, 1);
    }

    static CallContext remote(int assocGroup) {
        return ctx(Distance.REMOTE, assocGroup);
    }

    static CallContext local() {
        return ctx(Distance.LOCAL, 1);
    }

    static <Q extends Record, R extends Record> R call(RpcHandler h, CallContext ctx, int opnum, Q request, Class<R> response)
            throws RpcFaultException {
        byte[] stub = request == null ? new byte[0] : encode(request);
        return NdrCodec.of(response).decode(h.call(ctx, opnum, stub));
    }

    @SuppressWarnings("unchecked")
    static <Q extends Record> byte[] encode(Q request) {
        return NdrCodec.of((Class<Q>) request.getClass()).encode(request);
    }

    static void assertFault(int status, RpcHandler h, CallContext ctx, int opnum, byte[] stub) {
        RpcFaultException e = assertThrows(RpcFaultException.class, () -> h.call(ctx, opnum, stub));
        assertEquals(status, e.status(), e::getMessage);
    }
}
