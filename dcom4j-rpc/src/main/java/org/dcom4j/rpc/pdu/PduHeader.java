package org.dcom4j.rpc.pdu;

/**
 * The 16-byte common header of every connection-oriented PDU (C706 12.6.3.1; MS-RPCE 2.2.2.1),
 * decoded and checked. A hand-written seam (STYLE.md rule 3): the stream framer reads these 16
 * bytes first and must bound frag_length before it reads, or allocates, anything else.
 *
 * <pre>
 *  0       1       2       3       4                               8               10              12
 * +-------+-------+-------+-------+-------------------------------+---------------+---------------+-------------------------------+
 * | vers  | minor | PTYPE | flags | drep[4]                       | frag_length   | auth_length   | call_id (u32)                 |
 * |  = 5  | 0 / 1 |       | pfc_  | int/char, float, 0, 0         | (u16, drep)   | (u16, drep)   |                               |
 * +-------+-------+-------+-------+-------------------------------+---------------+---------------+-------------------------------+
 * drep[0]: high nibble integer order (0 big-endian, 1 little-endian), low nibble characters (0 ASCII, 1 EBCDIC)
 * drep[1]: floating point (0 IEEE, 1 VAX, 2 Cray, 3 IBM)        (C706 14.1 "Data Representation Format Label")
 * </pre>
 *
 * @param drep the four drep octets packed big-endian ({@code 0x10000000} for little-endian ASCII IEEE)
 */
public record PduHeader(int versMinor, int ptype, int flags, int drep, int fragLength, int authLength, int callId) {
    /** Bytes of the common header. */
    public static final int LENGTH = 16;
    public static final int RPC_VERS = 5;
    /** The drep this runtime sends: little-endian, ASCII, IEEE. */
    public static final int DREP_LITTLE_ENDIAN = 0x10000000;
    static final int OFFSET_PTYPE = 2;
    static final int OFFSET_FLAGS = 3;
    static final int OFFSET_DREP = 4;
    static final int OFFSET_FRAG_LENGTH = 8;
    static final int OFFSET_AUTH_LENGTH = 10;
    static final int OFFSET_CALL_ID = 12;

    /** Whether integers in this PDU are little-endian (drep[0] high nibble = 1). */
    public boolean littleEndian() {
        return (drep >>> 28) == 1;
    }

    /**
     * Decodes and checks the header at the start of {@code b} (which must hold at least 16 bytes).
     *
     * @param maxFragLength the largest fragment the receiver accepts (the negotiated max_recv_frag)
     * @throws PduFormatException naming the first field out of its limits
     */
    public static PduHeader decode(byte[] b, int maxFragLength) {
        if (b.length < LENGTH) {
            throw new PduFormatException("truncated header: length=" + b.length + ", limit=" + LENGTH);
        }
        int vers = b[0] & 0xFF;
        int minor = b[1] & 0xFF;
        if (vers != RPC_VERS || minor > 1) {
            throw new PduFormatException("unsupported protocol version: rpc_vers=" + vers + "." + minor + ", supported=5.0,5.1");
        }
        int d0 = b[OFFSET_DREP] & 0xFF;
        int d1 = b[OFFSET_DREP + 1] & 0xFF;
        if ((d0 >>> 4) > 1 || (d0 & 0x0F) > 1 || d1 > 3) {
            throw new PduFormatException(String.format("bad data representation: drep=%02x %02x, limit=int 0/1, char 0/1, float 0..3", d0, d1));
        }
        boolean little = (d0 >>> 4) == 1;
        int fragLength = u16(b, OFFSET_FRAG_LENGTH, little);
        int authLength = u16(b, OFFSET_AUTH_LENGTH, little);
        if (fragLength < LENGTH || fragLength > maxFragLength) {
            throw new PduFormatException("frag_length out of range: frag_length=" + fragLength + ", limit=" + LENGTH + ".." + maxFragLength);
        }
        if (authLength != 0 && LENGTH + AuthVerifier.TRAILER_LENGTH + authLength > fragLength) {
            throw new PduFormatException("auth_length larger than the fragment: auth_length=" + authLength
                    + ", limit=" + Math.max(0, fragLength - LENGTH - AuthVerifier.TRAILER_LENGTH));
        }
        int drep = (b[OFFSET_DREP] & 0xFF) << 24 | (b[OFFSET_DREP + 1] & 0xFF) << 16 | (b[OFFSET_DREP + 2] & 0xFF) << 8 | (b[OFFSET_DREP + 3] & 0xFF);
        int callId = new Wire.Reader(b, 0, OFFSET_CALL_ID, LENGTH, little).u32("call_id");
        return new PduHeader(minor, b[OFFSET_PTYPE] & 0xFF, b[OFFSET_FLAGS] & 0xFF, drep, fragLength, authLength, callId);
    }

    private static int u16(byte[] b, int off, boolean little) {
        return little ? (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 : (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    @Override
    public String toString() {
        return "PduHeader[rpc_vers=5." + versMinor + ", PTYPE=" + PduType.name(ptype) + ", pfc_flags=" + PfcFlags.format(flags)
                + String.format(", drep=%08x", drep) + ", frag_length=" + fragLength + ", auth_length=" + authLength
                + ", call_id=" + Integer.toUnsignedString(callId) + "]";
    }
}
