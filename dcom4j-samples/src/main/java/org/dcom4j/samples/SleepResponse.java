package org.dcom4j.samples;

import org.dcom4j.ndr.NdrParameters;

/**
 * The return value of {@code Sleep} (opnum 2); there is no {@code [out]} parameter.
 *
 * <pre>
 *  0  return value   long
 * </pre>
 */
@NdrParameters
public record SleepResponse(int status) {
}
