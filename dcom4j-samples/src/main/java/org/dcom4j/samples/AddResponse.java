package org.dcom4j.samples;

import java.util.Objects;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Ref;

/**
 * The {@code [out]} parameter and return value of {@code Add} (opnum 1):
 * {@code [out] long *sum}, {@code long} return.
 *
 * <pre>
 *  0  *sum           long (top-level [ref]: only the referent is on the wire)
 *  4  return value   long
 * </pre>
 *
 * @param sum    never null ({@code [ref]})
 * @param status the return value (0 on success)
 */
@NdrParameters
public record AddResponse(@Ref Integer sum, int status) {
    public AddResponse {
        Objects.requireNonNull(sum, "sum");
    }
}
