package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.Orpc.OrpcExtent;
import org.dcom4j.com.wire.Orpc.OrpcExtentArray;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.junit.jupiter.api.Test;

class OrpcTest {
    static final UUID CID = UUID.fromString("aabbccdd-0000-1111-2222-333344445555");
    final NdrCodec<OrpcThis> codec = NdrCodec.of(OrpcThis.class);

    @Test
    void orpcThisWithoutExtensionsMatchesImpacket() {
        byte[] wire = Vectors.hex("orpcthis_null");
        OrpcThis t = codec.decode(wire);
        assertEquals(new OrpcThis(Orpc.ComVersion.V5_7, 1, 0, CID, null), t);
        assertArrayEquals(wire, codec.encode(t));
    }

    @Test
    void unknownExtentsArePreservedThroughDecodeAndEncode() {
        UUID unknown = UUID.randomUUID();
        OrpcThis t = new OrpcThis(Orpc.ComVersion.V5_7, 0, 0, CID,
                OrpcExtentArray.of(List.of(OrpcExtent.of(unknown, new byte[] {1, 2, 3}))));
        byte[] wire = codec.encode(t);
        OrpcThis back = codec.decode(wire);
        assertEquals(1, back.extensions().size());
        assertEquals(2, back.extensions().extent().size());          // padded to an even count with NULL
        assertNull(back.extensions().extent().get(1));
        OrpcExtent e = back.extensions().extents().get(0);
        assertEquals(unknown, e.id());
        assertArrayEquals(new byte[] {1, 2, 3}, e.payload());
        assertEquals(8, e.data().length);
        assertArrayEquals(wire, codec.encode(back));
    }

    @Test
    void refusesAnExtentCountAboveTheLimit() {
        OrpcThis t = new OrpcThis(Orpc.ComVersion.V5_7, 0, 0, CID,
                OrpcExtentArray.of(List.of(OrpcExtent.of(UUID.randomUUID(), new byte[0]))));
        byte[] wire = codec.encode(t);
        wire[32] = 0x41;      // ORPC_EXTENT_ARRAY.size (after the 28-byte header and the referent id) = 65
        NdrException e = assertThrows(NdrException.class, () -> codec.decode(wire));
        assertTrue(e.getMessage().contains("ORPC_EXTENT_ARRAY.size=65, limit=64"), e.getMessage());
    }

    @Test
    void refusesAnExtentWhoseSizeDisagreesWithItsData() {
        OrpcThis t = new OrpcThis(Orpc.ComVersion.V5_7, 0, 0, CID,
                OrpcExtentArray.of(List.of(OrpcExtent.of(UUID.randomUUID(), new byte[] {1}))));
        byte[] wire = codec.encode(t);
        // header 28 | referent 4 | ORPC_EXTENT_ARRAY 12 | max_count 4 + 2 pointers | ORPC_EXTENT: max_count 56, id 60, size 76
        assertEquals(1, wire[76]);
        wire[76] = 9;       // size 9 needs 16 bytes of data, the wire has 8
        assertThrows(NdrException.class, () -> codec.decode(wire));
    }

    @Test
    void extentCountsAreBoundedOnConstructionToo() {
        assertThrows(IllegalArgumentException.class, () -> new OrpcExtentArray(65, 0, java.util.Collections.nCopies(66, null)));
    }

    @Test
    void encodesIntoAReusedBuffer() {
        NdrBuffer b = new NdrBuffer();
        codec.encode(OrpcThis.of(CID), b.reset());
        assertEquals(32, b.size());
    }
}
