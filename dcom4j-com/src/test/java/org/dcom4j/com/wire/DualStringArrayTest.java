package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dcom4j.ndr.NdrCodec;
import org.junit.jupiter.api.Test;

class DualStringArrayTest {
    @Test
    void packedFormMatchesTheMockServersBytes() {
        byte[] wire = Vectors.hex("dualstringarray_packed");
        DualStringArray d = DualStringArray.decode(wire);
        assertEquals(ObjRefCodecTest.DSA, d);
        assertArrayEquals(wire, d.encode());
    }

    @Test
    void ndrFormMatchesImpacketsConformantStructure() {
        byte[] wire = Vectors.hex("dualstringarray_ndr");
        NdrCodec<DualStringArray.Ndr> codec = NdrCodec.of(DualStringArray.Ndr.class);
        DualStringArray d = DualStringArray.fromNdr(codec.decode(wire));
        assertEquals(ObjRefCodecTest.DSA, d);
        assertArrayEquals(wire, codec.encode(d.toNdr()));
    }

    @Test
    void emptyRegionsAreTwoZeroWordsAndDecodeBack() {
        DualStringArray empty = new DualStringArray(List.of(), List.of());
        assertEquals("04000200" + "0000000000000000", Vectors.hex(empty.encode()));
        assertEquals(empty, DualStringArray.decode(empty.encode()));
    }

    @Test
    void refusesANetworkAddressWithoutTerminator() {
        // wNumEntries=3, wSecurityOffset=3: tower 7, 'a', 'b' and no NUL before the security region
        byte[] wire = {3, 0, 3, 0, 7, 0, 'a', 0, 'b', 0};
        assertTrue(assertThrows(WireFormatException.class, () -> DualStringArray.decode(wire)).getMessage()
                .contains("aNetworkAddr has no NUL"));
    }

    @Test
    void refusesASecurityBindingCutAfterItsService() {
        byte[] wire = {2, 0, 1, 0, 0, 0, 10, 0};
        assertTrue(assertThrows(WireFormatException.class, () -> DualStringArray.decode(wire)).getMessage()
                .contains("SECURITYBINDING truncated"));
    }
}
