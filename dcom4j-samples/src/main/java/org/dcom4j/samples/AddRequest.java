package org.dcom4j.samples;

import org.dcom4j.ndr.NdrParameters;

/**
 * The {@code [in]} parameters of {@code Add} (opnum 1): {@code [in] long a, [in] long b}.
 *
 * <pre>
 *  0  a   long
 *  4  b   long
 * </pre>
 */
@NdrParameters
public record AddRequest(int a, int b) {
}
