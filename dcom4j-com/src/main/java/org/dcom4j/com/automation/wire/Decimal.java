package org.dcom4j.com.automation.wire;

import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.U8;

/**
 * DECIMAL (MS-OAUT 2.2.26): {@code WORD wReserved; BYTE scale; BYTE sign; ULONG Hi32; ULONGLONG Lo64;} —
 * a 96-bit unsigned magnitude {@code Hi32:Lo64} scaled by 10^-scale (scale 0..28), negative when
 * {@code sign = 0x80}. Aligned to 8, 16 bytes:
 * <pre>
 * wReserved (2) | scale (1) | sign (1) | Hi32 (4) | Lo64 (8)
 * </pre>
 * In a Windows in-memory VARIANT the DECIMAL overlays the whole VARIANT, so its wReserved is where
 * {@code vt} lives; on the wire it is an ordinary arm of the union (2.2.29.1), and Windows copies it with
 * wReserved = VT_DECIMAL (14) for a by-value VT_DECIMAL (Wine's VARIANT_UserMarshal conformance test);
 * we do the same, and ignore wReserved on receipt.
 */
public record Decimal(@U16 int wReserved, @U8 int scale, @U8 int sign, int hi32, long lo64) {
    /** sign value of a negative DECIMAL. */
    public static final int DECIMAL_NEG = 0x80;
}
