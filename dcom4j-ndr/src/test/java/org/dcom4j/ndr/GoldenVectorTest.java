package org.dcom4j.ndr;

import static org.dcom4j.ndr.VectorTypes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Encodes and decodes every hand-written vector in {@code src/test/resources/vectors/}. */
class GoldenVectorTest {
    private static final DataRepresentation EBCDIC = new DataRepresentation(true, true, DataRepresentation.FLOAT_IEEE);

    /** Encodes to exactly the vector and decodes the vector back to a value that encodes the same. */
    private static <T extends Record> T check(Class<T> type, T value, String vector) {
        NdrCodec<T> codec = NdrCodec.of(type);
        byte[] expected = Vectors.load(vector);
        assertEquals(Vectors.hex(expected), Vectors.hex(codec.encode(value)), vector);
        T decoded = codec.decode(expected);
        assertArrayEquals(expected, codec.encode(decoded), vector + " re-encoded");
        return decoded;
    }

    @Test
    void encodesEachPrimitiveAlignedToItsSizeInBothByteOrders() {
        Prims p = new Prims((byte) 1, (short) 0x0203, 0x04050607, 0x08090a0b0c0d0e0fL, true, 'A', 1.0f, -2.0);
        assertEquals(p, check(Prims.class, p, "primitives-le"));
        assertEquals(p, NdrCodec.of(Prims.class).decode(Vectors.load("primitives-be"), DataRepresentation.BIG_ENDIAN,
                NdrLimits.DEFAULT));
    }

    @Test
    void padsParametersToTheirOwnAlignment() {
        PadParams p = new PadParams((byte) 1, 2, (byte) 3, (short) 4, (byte) 5, 6);
        assertEquals(p, check(PadParams.class, p, "padding-params"));
    }

    @Test
    void hoistsMaxCountToTheStartOfAConformantStructure() {
        Conf c = new Conf((short) 1, 2, new short[] {7, 8});
        Conf d = check(Conf.class, c, "conformant-struct");
        assertArrayEquals(c.s(), d.s());
        check(Outer.class, new Outer((byte) 9, c), "conformant-nested");
        Conf8 h = check(Conf8.class, new Conf8(1, 3, new byte[] {0xa, 0xb, 0xc}), "conformant-hyper");
        assertArrayEquals(new byte[] {0xa, 0xb, 0xc}, h.b());
    }

    @Test
    void encodesVaryingAndConformantVaryingArrays() {
        Vary v = check(Vary.class, new Vary(2, new int[] {5, 6}), "varying");
        assertArrayEquals(new int[] {5, 6}, v.v());
        CV cv = check(CV.class, new CV(5, 3, new byte[] {1, 2, 3}), "conformant-varying");
        assertArrayEquals(new byte[] {1, 2, 3}, cv.d());
        CVF f = check(CVF.class, new CVF(6, 2, 2, new short[] {0x11, 0x22}), "conformant-varying-first");
        assertEquals(2, f.first());
    }

    @Test
    void encodesCharAndWcharStringsWithTheirTerminator() {
        Names n = new Names("ab", "Hi");
        assertEquals(n, check(Names.class, n, "strings"));
        assertEquals(n, NdrCodec.of(Names.class).decode(Vectors.load("strings-ebcdic"), EBCDIC, NdrLimits.DEFAULT));
        assertEquals(new VS("abc"), check(VS.class, new VS("abc"), "varying-string"));
        assertEquals(new CS(7, "x"), check(CS.class, new CS(7, "x"), "string-in-struct"));
    }

    @Test
    void defersEmbeddedReferentsAfterTheTopLevelStructure() {
        Ptrs p = new Ptrs(1, null, 2, 3);
        assertEquals(p, check(Ptrs.class, p, "pointers"));
        Top t = new Top(new Mid(new Leaf(0xA), 0xB), new Leaf(0xC));
        assertEquals(t, check(Top.class, t, "pointer-order"));
    }

    @Test
    void sendsTopLevelRefPointersInPlaceAndFullPointerReferentsOnce() {
        Leaf x = new Leaf(7);
        P p = new P(5, 6, null, x, x);
        P d = check(P.class, p, "top-level-pointers");
        assertEquals(p, d);
        assertSame(d.f1(), d.f2(), "one referent id, one Java object");
    }

    @Test
    void encodesNonEncapsulatedUnions() {
        Holder a = new Holder((short) 1, new InfoA(0x11223344));
        assertEquals(a, check(Holder.class, a, "union-nonencapsulated"));
        Holder b = new Holder((short) 2, new InfoB((short) 7, new Leaf(9)));
        assertEquals(b, check(Holder.class, b, "union-nonencapsulated-ptr"));
        NdrCodec<Holder> codec = NdrCodec.of(Holder.class);
        assertEquals("04000400", Vectors.hex(codec.encode(new Holder((short) 4, new InfoEmpty()))));
        assertEquals("0900090005", Vectors.hex(codec.encode(new Holder((short) 9, new InfoOther((byte) 5)))));
        assertEquals(new Holder((short) 9, new InfoOther((byte) 5)), codec.decode(Vectors.hex("0900090005")));
    }

    @Test
    void picksTheRightArmWhetherTheLastLookupHitsOrMisses() {
        // each codec remembers its last arm by class and by discriminant: repeat and alternate them
        NdrCodec<Holder> codec = NdrCodec.of(Holder.class);
        Holder[] values = {new Holder((short) 1, new InfoA(5)), new Holder((short) 1, new InfoA(6)),
            new Holder((short) 2, new InfoB((short) 3, new Leaf(4))), new Holder((short) 9, new InfoOther((byte) 1)),
            new Holder((short) 8, new InfoOther((byte) 2)), new Holder((short) 1, new InfoA(7))};
        for (int round = 0; round < 3; round++) {
            for (Holder h : values) {
                assertEquals(h, codec.decode(codec.encode(h)));
            }
        }
        assertThrows(NdrException.class, () -> codec.encode(new Holder((short) 2, new InfoA(1)))); // the arm of 1, not 2
        assertEquals(values[0], codec.decode(codec.encode(values[0])));
    }

    @Test
    void encodesEncapsulatedUnionsAsAStructure() {
        EncHolder e = new EncHolder((byte) 0x7f, new EncHyper(0x0102030405060708L));
        assertEquals(e, check(EncHolder.class, e, "union-encapsulated"));
        EncHolder s = new EncHolder((byte) 0x7f, new EncShort((short) 5));
        assertEquals("7f00000000000000" + "01000000" + "00000000" + "0500",
                Vectors.hex(NdrCodec.of(EncHolder.class).encode(s)));
    }

    @Test
    void encodesEnumsIn16BitsAndV1EnumsIn32() {
        Enums e = new Enums(Color.GREEN, Code.B, Wide.Y);
        assertEquals(e, check(Enums.class, e, "enums"));
    }

    @Test
    void encodesContextHandlesAndGuids() {
        Handles h = new Handles(new ContextHandle(0, UUID.fromString("01234567-89ab-cdef-0011-223344556677")),
                UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"));
        assertEquals(h, check(Handles.class, h, "handles-guid"));
        assertEquals(new GuidOnly(UUID.fromString("01234567-89ab-cdef-0011-223344556677")),
                NdrCodec.of(GuidOnly.class).decode(Vectors.load("guid-be"), DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));
    }

    @Test
    void decodesBigEndianConformantStructuresAndPointers() {
        Conf c = NdrCodec.of(Conf.class).decode(Vectors.load("conformant-struct-be"), DataRepresentation.BIG_ENDIAN,
                NdrLimits.DEFAULT);
        assertArrayEquals(new short[] {7, 8}, c.s());
        assertEquals(1, c.a());
        assertEquals(new Top(new Mid(new Leaf(0xA), 0xB), new Leaf(0xC)), NdrCodec.of(Top.class)
                .decode(Vectors.load("pointers-be"), DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));
    }

    @Test
    void sendsAnEmbeddedFullPointerReferentOnce() {
        Leaf x = new Leaf(7);
        FullPair d = check(FullPair.class, new FullPair(x, x), "full-pointers-embedded");
        assertSame(d.a(), d.b());
    }

    @Test
    void carriesUnsignedNarrowIntegersInInts() {
        Narrow n = new Narrow(200, 65535, -1);
        assertEquals(n, check(Narrow.class, n, "narrow-ints"));
    }

    @Test
    void decodesWhatImpacketEncodes() {
        assertEquals(new Top(new Mid(new Leaf(0xA), 0xB), new Leaf(0xC)),
                NdrCodec.of(Top.class).decode(Vectors.load("impacket-pointer-order")));
        assertEquals(new Names("ab", "Hi"), NdrCodec.of(Names.class).decode(Vectors.load("impacket-strings")));
    }
}
