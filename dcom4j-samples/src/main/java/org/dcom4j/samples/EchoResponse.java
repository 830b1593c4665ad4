package org.dcom4j.samples;

import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.Ref;
import org.dcom4j.ndr.SizeIs;

/**
 * The {@code [out]} parameters and return value of {@code Echo} (opnum 0):
 * {@code [out, size_is(n)] byte *out}, {@code long} return.
 *
 * <pre>
 *  0  out: max_count    unsigned long (top-level [ref]: no referent id)
 *  4  out[0..n-1]       bytes
 *     padding to 4
 *     return value      long
 * </pre>
 *
 * @param n      the request's {@code n}: sizes {@code out} on encode, not on the wire (decodes as 0)
 * @param out    the echoed bytes; the array belongs to the record once constructed
 * @param status the return value (0 on success)
 */
@NdrParameters
public record EchoResponse(@NotTransmitted int n, @Ref @SizeIs("n") byte[] out, int status) {
    /** A response carrying {@code out} ({@code n = out.length}). */
    public static EchoResponse of(byte[] out, int status) {
        return new EchoResponse(out.length, out, status);
    }
}
