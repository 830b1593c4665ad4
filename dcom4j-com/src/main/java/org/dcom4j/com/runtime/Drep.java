package org.dcom4j.com.runtime;

import org.dcom4j.ndr.DataRepresentation;

/** The packed drep of {@link org.dcom4j.rpc.CallContext#drep()} as the NDR engine's {@link DataRepresentation}. */
final class Drep {
    private Drep() {
    }

    /** NDR_LOCAL packed: every dcom4j, Windows and impacket caller (little-endian, ASCII, IEEE; bytes 2-3 reserved). */
    private static final int LOCAL = 0x10000000;

    /** The representation of {@code packed}; the common one without allocating. */
    static DataRepresentation of(int packed) {
        if ((packed & 0xFFFF0000) == LOCAL) {
            return DataRepresentation.NDR_LOCAL;
        }
        byte[] d = {(byte) (packed >>> 24), (byte) (packed >>> 16), (byte) (packed >>> 8), (byte) packed};
        return DataRepresentation.of(d, 0);
    }
}
