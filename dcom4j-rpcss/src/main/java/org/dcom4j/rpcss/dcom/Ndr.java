package org.dcom4j.rpcss.dcom;

import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;

/** Decoding a request stub in the caller's data representation, encoding a response (NDR 2.0). */
final class Ndr {
    /** 1 MiB bounds every allocation one request can cause; trailing padding is tolerated (impacket pads). */
    static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true).withMaxAllocation(1L << 20);

    private Ndr() {
    }

    static <T extends Record> T decode(Class<T> type, CallContext ctx, byte[] stub) {
        int d = ctx.drep();
        byte[] drep = {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d};
        return NdrCodec.of(type).decode(stub, DataRepresentation.of(drep, 0), LIMITS);
    }

    @SuppressWarnings("unchecked")
    static <T extends Record> byte[] encode(T value) {
        return NdrCodec.of((Class<T>) value.getClass()).encode(value);
    }
}
