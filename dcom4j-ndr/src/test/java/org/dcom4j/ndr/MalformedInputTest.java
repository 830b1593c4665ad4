package org.dcom4j.ndr;

import static org.dcom4j.ndr.VectorTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every bound the decoder enforces, each refused with an {@link NdrException} naming it. */
class MalformedInputTest {
    record Positive(int n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    private static <T extends Record> NdrException refused(Class<T> type, String hex, String message) {
        return refused(type, hex, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT, message);
    }

    private static <T extends Record> NdrException refused(Class<T> type, String hex, DataRepresentation drep,
                                                           NdrLimits limits, String message) {
        byte[] b = Vectors.hex(hex);
        NdrException e = assertThrows(NdrException.class, () -> NdrCodec.of(type).decode(b, drep, limits));
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
        return e;
    }

    @Test
    void refusesAnArrayCountLargerThanTheBytesLeftBeforeAllocating() {
        NdrException e = refused(Bytes.class, "ffffff7f ffffff7f 0102", "larger than the bytes left");
        assertTrue(e.getMessage().contains("count=2147483647"), e.getMessage());
        assertEquals(8, e.offset());
        refused(Items.class, "10000000 10000000 01000000", "larger than the bytes left: needs=64, bytes left=4");
    }

    @Test
    void refusesOffsetPlusActualCountBeyondMaxCount() {
        refused(CV.class, "05000000 05000000 03000000 03000000 03000000 010203", "offset + actual_count > max_count: offset=3, actual_count=3, max_count=5");
        refused(Vary.class, "02000000 00000000 05000000", "offset + actual_count > max_count");
    }

    @Test
    void refusesAVaryingOffsetThatDisagreesWithFirstIs() {
        refused(Vary.class, "02000000 01000000 02000000 05000000 06000000", "offset=1, limit=0 (no first_is)");
        refused(CVF.class, "06000000 06000000 02000000 02000000 03000000 02000000 11002200",
                "offset=3 does not match first_is=2");
    }

    @Test
    void refusesCountsOf2To31OrMore() {
        NdrException e = refused(Bytes.class, "00000080 00000080", "max_count=2147483648, limit=2147483647");
        assertEquals(0, e.offset());
        refused(Strs.class, "00000200 03000000 00000000 ffffffff", "actual_count=4294967295, limit=2147483647");
    }

    @Test
    void refusesAStringLongerThanTheBytesLeft() {
        refused(Strs.class, "00000200 ffffff7f 00000000 ffffff7f 6100", "actual_count=2147483647 larger than the bytes left");
    }

    @Test
    void refusesMalformedStrings() {
        refused(Strs.class, "00000200 03000000 00000000 03000000 610062006300", "string not terminated");
        refused(Strs.class, "00000200 03000000 01000000 02000000 61000000", "string offset must be 0: offset=1");
        refused(Strs.class, "00000200 03000000 00000000 00000000", "string without terminator: actual_count=0");
        refused(Strs.class, "00000200 01000000 00000000 02000000 61000000", "offset + actual_count > max_count");
    }

    @Test
    void refusesAMaxCountThatDisagreesWithItsSizeIsField() {
        refused(Bytes.class, "03000000 02000000 010203", "max_count=3 does not match size_is field=2");
        refused(PtrBytes.class, "02000000 00000200 03000000 010203", "max_count=3 does not match size_is field=2");
    }

    @Test
    void refusesAnUnknownUnionDiscriminantWithoutDefault() {
        NdrException e = refused(StrictHolder.class, "02000000 02000000 07000000", "unknown union discriminant=2");
        assertEquals(4, e.offset());
    }

    @Test
    void refusesAUnionDiscriminantThatDisagreesWithItsSwitchField() {
        refused(Holder.class, "0100 0200 44332211", "union discriminant=2 does not match switch_is field=1");
    }

    @Test
    void refusesNestingBeyondTheDepthLimit() {
        Chain c = null;
        for (int i = 0; i < 200; i++) {
            c = new Chain(i, c);
        }
        byte[] b = NdrCodec.of(Chain.class).encode(c);
        String hex = Vectors.hex(b);
        refused(Chain.class, hex, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT, "nesting too deep: depth=129, limit=128");
        assertEquals(c, NdrCodec.of(Chain.class).decode(b, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT.withMaxDepth(1000)));
    }

    @Test
    void refusesAFullPointerCycle() {
        refused(Node.class, "01000000 00000200 02000000 00000200", "full pointer cycle: referent_id=0x20000");
    }

    @Test
    void refusesTrailingBytesUnlessAllowed() {
        refused(Leaf.class, "07000000 00", "trailing bytes after Leaf: trailing=1, limit=0");
        assertEquals(new Leaf(7), NdrCodec.of(Leaf.class).decode(Vectors.hex("07000000 00"), DataRepresentation.NDR_LOCAL,
                NdrLimits.DEFAULT.withTrailingAllowed(true)));
    }

    @Test
    void refusesTruncatedData() {
        NdrException e = refused(Prims.class, "01000302 07060504 0f0e0d0c", "hyper truncated: needs=8, bytes left=4");
        assertEquals(8, e.offset());
        refused(Leaf.class, "", "long truncated: needs=4, bytes left=0");
    }

    @Test
    void refusesANullRefPointer() {
        refused(Ptrs.class, "00000000 00000000 00000000 03000000", "null [ref] pointer Ptrs.b: referent_id=0");
    }

    @Test
    void refusesNonIeeeFloats() {
        refused(Floats.class, "0000000000000000", new DataRepresentation(true, false, DataRepresentation.FLOAT_VAX),
                NdrLimits.DEFAULT, "float representation not supported: floatFormat=VAX, supported=IEEE");
    }

    @Test
    void refusesUnknownEnumValues() {
        refused(Enums.class, "0700 3412 01000000", "unknown Color value: value=7");
    }

    @Test
    void refusesAllocationsBeyondTheLimit() {
        refused(Bytes.class, "10000000 10000000 00000000000000000000000000000000", DataRepresentation.NDR_LOCAL,
                NdrLimits.DEFAULT.withMaxAllocation(8), "decoded data too large: allocation=16, limit=8");
    }

    @Test
    void reportsARecordThatRefusesItsValuesAsNdrException() {
        refused(Positive.class, "ffffffff", "Positive refused the decoded values: n must be positive");
    }

    @Test
    void refusesUnknownDrepValues() {
        NdrException e = assertThrows(NdrException.class, () -> DataRepresentation.of(new byte[] {0x20, 0, 0, 0}, 0));
        assertEquals("unknown integer representation: intRep=2, limit=1, offset=0", e.getMessage());
        assertThrows(NdrException.class, () -> DataRepresentation.of(new byte[] {0x12, 0, 0, 0}, 0));
        assertThrows(NdrException.class, () -> DataRepresentation.of(new byte[] {0x10, 4, 0, 0}, 0));
        assertEquals(DataRepresentation.NDR_LOCAL, DataRepresentation.of(new byte[] {0x10, 0, 0, 0}, 0));
    }

    @Test
    void refusesValuesThatCannotBeEncoded() {
        NdrException len = assertThrows(NdrException.class, () -> NdrCodec.of(Bytes.class).encode(new Bytes(3, new byte[2])));
        assertTrue(len.getMessage().contains("size_is field=3 does not match the array length=2"), len.getMessage());
        NdrException ref = assertThrows(NdrException.class, () -> NdrCodec.of(Ptrs.class).encode(new Ptrs(1, null, null, 0)));
        assertTrue(ref.getMessage().contains("[ref] pointer Ptrs.b is null"), ref.getMessage());
        NdrException chr = assertThrows(NdrException.class, () -> NdrCodec.of(Names.class).encode(new Names("a", "\u20ac")));
        assertTrue(chr.getMessage().contains("char=U+20ac"), chr.getMessage());
        NdrException arm = assertThrows(NdrException.class,
                () -> NdrCodec.of(Holder.class).encode(new Holder((short) 2, new InfoA(1))));
        assertTrue(arm.getMessage().contains("arm InfoA does not match switch_is discriminant=2"), arm.getMessage());
        NdrException fixed = assertThrows(NdrException.class, () -> NdrCodec.of(VS.class).encode(new VS("12345678")));
        assertTrue(fixed.getMessage().contains("string too long: actual_count=9, limit=8"), fixed.getMessage());
    }

    @Test
    void refusesInvalidTypeDescriptionsNamingTheComponent() {
        record NoString(String s) {
        }
        record BadSize(@SizeIs("missing") byte[] b) {
        }
        record NotLast(@SizeIs("n") byte[] b, int n) {
        }
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> NdrCodec.of(NoString.class));
        assertTrue(a.getMessage().contains("NoString.s: a String needs @NdrString"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> NdrCodec.of(BadSize.class));
        assertTrue(b.getMessage().contains("@SizeIs(\"missing\") names no component"), b.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> NdrCodec.of(NotLast.class));
        assertTrue(c.getMessage().contains("must be the last member"), c.getMessage());
    }
}
