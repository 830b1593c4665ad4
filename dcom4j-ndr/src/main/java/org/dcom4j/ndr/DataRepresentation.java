package org.dcom4j.ndr;

/**
 * The NDR format label, the 4 {@code drep} bytes of every PDU (C706 14.1, figure 14-1).
 *
 * <pre>
 *   byte 0                 byte 1            byte 2..3
 * +-----------+-----------+-----------------+-----------+
 * | int rep   | char rep  | float rep       | reserved  |
 * | hi nibble | lo nibble | 0 IEEE 1 VAX    |   (0)     |
 * | 0 BE 1 LE | 0 ASCII   | 2 Cray 3 IBM    |           |
 * |           | 1 EBCDIC  |                 |           |
 * +-----------+-----------+-----------------+-----------+
 * </pre>
 *
 * Receiver makes right: dcom4j always sends {@link #NDR_LOCAL} ({@code 10 00 00 00}) and decodes
 * either integer byte order and either character set; only IEEE floats can be decoded.
 */
public record DataRepresentation(boolean littleEndian, boolean ebcdic, int floatFormat) {
    public static final int FLOAT_IEEE = 0;
    public static final int FLOAT_VAX = 1;
    public static final int FLOAT_CRAY = 2;
    public static final int FLOAT_IBM = 3;

    /** Little-endian integers, ASCII characters, IEEE floats: {@code 10 00 00 00}. */
    public static final DataRepresentation NDR_LOCAL = new DataRepresentation(true, false, FLOAT_IEEE);
    /** Big-endian integers, ASCII, IEEE: {@code 00 00 00 00}. */
    public static final DataRepresentation BIG_ENDIAN = new DataRepresentation(false, false, FLOAT_IEEE);

    public DataRepresentation {
        if (floatFormat < FLOAT_IEEE || floatFormat > FLOAT_IBM) {
            throw new NdrException("unknown float representation: floatFormat=" + floatFormat + ", limit=3", -1);
        }
    }

    /**
     * Parses the label at {@code offset}; refuses integer or character representations other than
     * 0 and 1 and float representations above 3 (C706 table 14-1 defines no others). Bytes 2 and 3
     * are reserved and ignored.
     */
    public static DataRepresentation of(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < 4) {
            throw new NdrException("drep truncated: bytes left=" + Math.max(0, bytes.length - offset) + ", needs=4", offset);
        }
        int intRep = (bytes[offset] >>> 4) & 0xF;
        int charRep = bytes[offset] & 0xF;
        int floatRep = bytes[offset + 1] & 0xFF;
        if (intRep > 1) {
            throw new NdrException("unknown integer representation: intRep=" + intRep + ", limit=1", offset);
        }
        if (charRep > 1) {
            throw new NdrException("unknown character representation: charRep=" + charRep + ", limit=1", offset);
        }
        if (floatRep > FLOAT_IBM) {
            throw new NdrException("unknown float representation: floatRep=" + floatRep + ", limit=3", offset + 1);
        }
        return new DataRepresentation(intRep == 1, charRep == 1, floatRep);
    }

    /** The 4 label bytes. */
    public byte[] toBytes() {
        return new byte[] {(byte) ((littleEndian ? 0x10 : 0) | (ebcdic ? 1 : 0)), (byte) floatFormat, 0, 0};
    }
}
