package org.dcom4j.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@code @SwitchIs(via = …)}: a union whose wire discriminant is a function of the switch_is field (the
 * MS-OAUT wireVARIANT case: {@code vt = VT_ARRAY|VT_I4} is sent with discriminant {@code VT_ARRAY}).
 */
class SwitchIsViaTest {
    @NdrUnion
    sealed interface Body {
        /** Flag 0x2000 set: the low 12 bits are dropped from the discriminant. */
        static long discriminant(long tag) {
            return (tag & 0x2000) != 0 ? tag & ~0x0FFFL : tag;
        }

        @Case(3)
        record Int(int value) implements Body {
        }

        @Case(0x2000)
        record Flagged(short value) implements Body {
        }
    }

    record Tagged(short tag, @SwitchIs(value = "tag", via = "discriminant") Body body) {
    }

    @NdrUnion
    sealed interface NoMethod {
        @Case(1)
        record One(int v) implements NoMethod {
        }
    }

    record BadVia(int tag, @SwitchIs(value = "tag", via = "missing") NoMethod body) {
    }

    private static final NdrCodec<Tagged> CODEC = NdrCodec.of(Tagged.class);

    @Test
    void writesTheMappedDiscriminantAndKeepsTheField() {
        byte[] wire = CODEC.encode(new Tagged((short) 0x2003, new Body.Flagged((short) 7)));
        // tag 0x2003, pad, discriminant 0x2000, the short arm
        assertEquals("0320000000200000" + "0700", HexFormat.of().formatHex(wire));
        assertEquals(new Tagged((short) 0x2003, new Body.Flagged((short) 7)), CODEC.decode(wire));
    }

    @Test
    void identityWhenTheFunctionSaysSo() {
        byte[] wire = CODEC.encode(new Tagged((short) 3, new Body.Int(42)));
        assertEquals("03000000030000002a000000", HexFormat.of().formatHex(wire));
        assertEquals(new Body.Int(42), CODEC.decode(wire).body());
    }

    @Test
    void refusesADiscriminantThatDisagreesWithTheMappedField() {
        // tag 0x2003 but discriminant 0x2003 (unmapped) on the wire
        byte[] wire = HexFormat.of().parseHex("0320000003200000" + "0700");
        NdrException e = assertThrows(NdrException.class, () -> CODEC.decode(wire));
        assertTrue(e.getMessage().contains("discriminant=8195"), e.getMessage());
    }

    @Test
    void refusesAnArmThatDoesNotMatchTheMappedDiscriminant() {
        assertThrows(NdrException.class, () -> CODEC.encode(new Tagged((short) 0x2003, new Body.Int(1))));
    }

    @Test
    void refusesAViaThatNamesNoMethod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdrCodec.of(BadVia.class));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
