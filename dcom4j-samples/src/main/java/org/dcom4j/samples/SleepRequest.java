package org.dcom4j.samples;

import org.dcom4j.ndr.NdrParameters;

/**
 * The {@code [in]} parameter of {@code Sleep} (opnum 2): {@code [in] unsigned long ms}.
 *
 * <pre>
 *  0  ms   unsigned long
 * </pre>
 *
 * @param ms milliseconds, unsigned ({@link Integer#toUnsignedLong} to read it)
 */
@NdrParameters
public record SleepRequest(int ms) {
}
