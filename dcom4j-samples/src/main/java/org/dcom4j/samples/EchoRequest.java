package org.dcom4j.samples;

import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Ref;
import org.dcom4j.ndr.SizeIs;

/**
 * The {@code [in]} parameters of {@code Echo} (opnum 0):
 * {@code [in] unsigned long n, [in, size_is(n)] byte *data}.
 *
 * <pre>
 *  0  n                 unsigned long
 *  4  data: max_count   unsigned long (top-level [ref]: no referent id, C706 14.3.10-14.3.12)
 *  8  data[0..n-1]      bytes (conformant array, C706 14.3.3.2)
 * </pre>
 *
 * @param n    the element count; must equal {@code data.length} (checked both ways by the codec)
 * @param data the bytes to echo; the array belongs to the record once constructed
 */
@NdrParameters
public record EchoRequest(int n, @Ref @SizeIs("n") byte[] data) {
    /** A request echoing {@code data} ({@code n = data.length}). */
    public static EchoRequest of(byte[] data) {
        return new EchoRequest(data.length, data);
    }
}
