package org.dcom4j.com.automation.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dcom4j.ndr.NdrCodec;
import org.junit.jupiter.api.Test;

/** The computed sizes of pointer-free arms and BSTRs (no trial encoding on the call path) equal their encodings. */
class WireVariantSizeTest {
    @Test
    void fixedArmSizesEqualTheirEncodedSizes() {
        NdrCodec<WireVariant> codec = NdrCodec.of(WireVariant.class);
        List<WireVariant.Body> bodies = List.of(new WireVariant.Empty(), new WireVariant.Null(), new WireVariant.Byte1((byte) 1),
                new WireVariant.Short2((short) 2), new WireVariant.Long4(3), new WireVariant.Float4(4f), new WireVariant.Long8(5L),
                new WireVariant.Double8(6.0), new WireVariant.DecimalVal(new Decimal(14, 2, 0, 0, 12345L)),
                new WireVariant.Bstr(FlaggedWordBlob.of("abc")), new WireVariant.Bstr(FlaggedWordBlob.of("")), new WireVariant.Bstr(null));
        int[] vts = {0, 1, 16, 2, 3, 4, 20, 5, 14, 8, 8, 8};
        for (int i = 0; i < bodies.size(); i++) {
            int encoded = codec.encode(new WireVariant(0, 0, vts[i], 0, 0, 0, bodies.get(i))).length;
            assertEquals(encoded, WireVariant.fixedSize(bodies.get(i)), bodies.get(i).toString());
        }
    }
}
