package org.dcom4j.com.automation.wire;

/**
 * SAFEARRAYBOUND (MS-OAUT 2.2.30.1): {@code ULONG cElements; LONG lLbound;} — 8 bytes. In
 * {@link WireSafeArray#rgsabound()} the bounds are in reverse order (the last dimension first).
 */
public record SafeArrayBound(int cElements, int lLbound) {
}
