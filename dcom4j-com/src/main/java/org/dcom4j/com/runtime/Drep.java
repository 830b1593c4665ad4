package org.dcom4j.com.runtime;

import org.dcom4j.ndr.DataRepresentation;

/** The packed drep of {@link org.dcom4j.rpc.CallContext#drep()} as the NDR engine's {@link DataRepresentation}. */
final class Drep {
    private Drep() {
    }

    static DataRepresentation of(int packed) {
        byte[] d = {(byte) (packed >>> 24), (byte) (packed >>> 16), (byte) (packed >>> 8), (byte) packed};
        return DataRepresentation.of(d, 0);
    }
}
