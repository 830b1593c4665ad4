package org.dcom4j.security;

import java.util.UUID;

/**
 * GUIDs as object ACEs carry them (MS-DTYP 2.3.4.1 GUID, 2.4.4.3 ObjectType): the mixed-endian
 * Windows layout, and the 36-character string form SDDL uses (MS-DTYP 2.3.4.3). Stateless.
 *
 * <pre>
 *  0               4       6       8                               16
 * +---------------+-------+-------+-------------------------------+
 * | Data1 (LE 4)  | Data2 | Data3 | Data4 (8 bytes, in order)     |
 * |               | (LE 2)| (LE 2)|                               |
 * +---------------+-------+-------+-------------------------------+
 * </pre>
 *
 * {@code 01234567-89ab-cdef-0123-456789abcdef} is therefore stored as
 * {@code 67 45 23 01 ab 89 ef cd 01 23 45 67 89 ab cd ef}.
 */
final class Guids {
    /** Bytes of a GUID in binary form. */
    static final int LENGTH = 16;
    /** Characters of a GUID in string form. */
    static final int STRING_LENGTH = 36;

    private Guids() {
    }

    /** Reads the GUID at {@code off}; the caller has checked that 16 bytes are there. */
    static UUID read(byte[] b, int off) {
        long data1 = Integer.toUnsignedLong(Bytes.readInt(b, off));
        long data2 = Bytes.readShort(b, off + 4);
        long data3 = Bytes.readShort(b, off + 6);
        long msb = data1 << 32 | data2 << 16 | data3;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (b[off + 8 + i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    /** Writes {@code guid} at {@code off}; returns the offset after it. */
    static int write(UUID guid, byte[] b, int off) {
        long msb = guid.getMostSignificantBits();
        long lsb = guid.getLeastSignificantBits();
        Bytes.writeInt(b, off, (int) (msb >>> 32));
        Bytes.writeShort(b, off + 4, (int) (msb >>> 16));
        Bytes.writeShort(b, off + 6, (int) msb);
        for (int i = 0; i < 8; i++) {
            b[off + 8 + i] = (byte) (lsb >>> (8 * (7 - i)));
        }
        return off + LENGTH;
    }

    /**
     * Parses exactly {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} (hex digits of either case).
     * Unlike {@link UUID#fromString}, shortened groups are refused.
     *
     * @param position where {@code text} starts in the enclosing string, for the error message
     */
    static UUID parse(String text, int position) {
        if (text.length() != STRING_LENGTH) {
            throw new SecurityFormatException("GUID must have 36 characters (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): length="
                    + text.length() + " at position=" + position);
        }
        long msb = 0;
        long lsb = 0;
        int digits = 0;
        for (int i = 0; i < STRING_LENGTH; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw new SecurityFormatException("GUID expects '-' at position=" + (position + i));
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                throw new SecurityFormatException("GUID expects a hex digit at position=" + (position + i));
            }
            if (digits < 16) {
                msb = msb << 4 | d;
            } else {
                lsb = lsb << 4 | d;
            }
            digits++;
        }
        return new UUID(msb, lsb);
    }

    /** The lowercase string form, as Windows prints GUIDs in SDDL. */
    static String format(UUID guid) {
        return guid.toString();
    }
}
