package org.dcom4j.ndr;

import static org.dcom4j.ndr.VectorTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.FuzzTypes.Complex;
import org.dcom4j.ndr.FuzzTypes.Request;
import org.junit.jupiter.api.Test;

/**
 * The generated codecs ({@link CodecGenerator}) against the generic code they replace: they are
 * chosen for every record and parameter list, and both produce the same bytes, values and errors.
 */
class GeneratedCodecTest {
    /** One value of each golden-vector type (the values of {@code GoldenVectorTest}) and of the nested types. */
    private static final List<Record> GOLDEN = List.of(
            new Prims((byte) 1, (short) 0x0203, 0x04050607, 0x08090a0b0c0d0e0fL, true, 'A', 1.0f, -2.0),
            new PadParams((byte) 1, 2, (byte) 3, (short) 4, (byte) 5, 6),
            new Conf((short) 1, 2, new short[] {7, 8}),
            new Outer((byte) 9, new Conf((short) 1, 2, new short[] {7, 8})),
            new Conf8(1, 3, new byte[] {0xa, 0xb, 0xc}),
            new Vary(2, new int[] {5, 6}),
            new CV(5, 3, new byte[] {1, 2, 3}),
            new CVF(6, 2, 2, new short[] {0x11, 0x22}),
            new Names("ab", "Hi"), new Names("x", null),
            new VS("abc"), new CS(7, "x"),
            new Ptrs(1, null, 2, 3),
            new Top(new Mid(new Leaf(0xA), 0xB), new Leaf(0xC)),
            new P(5, 6, null, new Leaf(7), new Leaf(8)),
            new Chain(1, new Chain(2, null)),
            new Holder((short) 1, new InfoA(3)), new Holder((short) 2, new InfoB((short) 4, new Leaf(5))),
            new Holder((short) 9, new InfoOther((byte) 6)),
            new EncHolder((byte) 1, new EncHyper(-1L)),
            new Enums(Color.BLUE, Code.B, Wide.Y),
            new Handles(new ContextHandle(1, new UUID(2, 3)), UUID.fromString("01234567-89ab-cdef-0011-223344556677")),
            new Bytes(2, new byte[] {1, 2}), new PtrBytes(1, new byte[] {9}), new Floats(0.5),
            new Narrow(255, 65535, -1),
            new Items(2, List.of(new Leaf(1), new Leaf(2))),
            new LateSwitch(new InfoA(4), (short) 1), new LateSwitch(new InfoOther((byte) 2), (short) 7),
            new IntSwitch(0xFFFF_FFFF, new InfoOther((byte) 3), new Leaf(1)),
            new ByteSwitch((byte) 2, new InfoB((short) 3, null), 'z'));

    /** A union whose switch_is field follows it: not checked on decode (not decoded yet), as the generic code. */
    record LateSwitch(@SwitchIs("level") Info info, short level) {
    }

    /** A union switched on an int above 2^31 (unsigned), with a pointer after it. */
    record IntSwitch(int level, @SwitchIs("level") Info info, @Unique Leaf after) {
    }

    record ByteSwitch(byte level, @SwitchIs("level") Info info, char tail) {
    }

    private static byte[] encodeGeneric(StructCodec codec, Object value) {
        NdrBuffer out = new NdrBuffer();
        Writer w = new Writer(out);
        codec.writeScalarsGeneric(w, value, false);
        codec.writeBuffersGeneric(w, value);
        return out.toByteArray();
    }

    private static Object decodeGeneric(StructCodec codec, byte[] data, DataRepresentation drep) {
        Reader r = new Reader(data, 0, data.length, drep, NdrLimits.DEFAULT);
        Object v = codec.readBuffersGeneric(r, codec.readScalarsGeneric(r, -1));
        assertEquals(0, r.remaining());
        return v;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> NdrCodec<T> codec(T value) {
        return NdrCodec.of((Class<T>) value.getClass());
    }

    @Test
    void choosesAGeneratedHiddenNestmateCodecForEveryRecord() {
        for (Class<?> type : List.of(Prims.class, Leaf.class, Conf.class, Ptrs.class, Holder.class, InfoA.class,
                Complex.class, Request.class, Enums.class, Handles.class)) {
            GeneratedCodec g = Derivation.struct(type).generated();
            assertNotNull(g, type + ": generation skipped, the generic codec runs");
            assertTrue(g.getClass().isHidden(), g.getClass().getName());
            assertSame(type.getNestHost(), g.getClass().getNestHost(), "a nestmate of " + type);
            assertEquals(type.getPackageName(), g.getClass().getPackageName());
        }
        NdrParameterCodec params = NdrParameterCodec.of(List.of(NdrParameter.of("leaf", Leaf.class),
                NdrParameter.of("n", int.class)));
        assertNotNull(params.list().generated(), "generation skipped for a parameter list");
        assertNotNull(Derivation.struct(PadParams.class).list().generated());
    }

    @Test
    void generatedAndGenericCodecsAgreeOnTheGoldenTypes() {
        for (Record value : GOLDEN) {
            StructCodec generic = Derivation.struct(value.getClass());
            NdrCodec<Record> codec = codec(value);
            byte[] bytes = codec.encode(value);
            assertEquals(Vectors.hex(encodeGeneric(generic, value)), Vectors.hex(bytes), value.toString());
            assertTrue(Deep.equal(decodeGeneric(generic, bytes, DataRepresentation.NDR_LOCAL), codec.decode(bytes)),
                    value.toString());
        }
    }

    @Test
    void generatedAndGenericCodecsAgreeOnRandomNestedValues() {
        RoundTripTest values = new RoundTripTest();
        StructCodec complex = Derivation.struct(Complex.class);
        StructCodec request = Derivation.struct(Request.class);
        for (int i = 0; i < 200; i++) {
            Complex c = values.complex();
            byte[] b = NdrCodec.of(Complex.class).encode(c);
            assertEquals(Vectors.hex(encodeGeneric(complex, c)), Vectors.hex(b));
            assertTrue(Deep.equal(decodeGeneric(complex, b, DataRepresentation.NDR_LOCAL), NdrCodec.of(Complex.class).decode(b)));
            Request r = values.request();
            byte[] rb = NdrCodec.of(Request.class).encode(r);
            assertEquals(Vectors.hex(encodeGeneric(request, r)), Vectors.hex(rb));
            assertTrue(Deep.equal(decodeGeneric(request, rb, DataRepresentation.NDR_LOCAL), NdrCodec.of(Request.class).decode(rb)));
        }
    }

    @Test
    void generatedAndGenericCodecsAgreeOnBigEndianInput() {
        Prims p = new Prims((byte) 1, (short) 0x0203, 0x04050607, 0x08090a0b0c0d0e0fL, true, 'A', 1.0f, -2.0);
        byte[] be = Vectors.load("primitives-be");
        assertEquals(p, decodeGeneric(Derivation.struct(Prims.class), be, DataRepresentation.BIG_ENDIAN));
        assertEquals(p, NdrCodec.of(Prims.class).decode(be, DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));
    }

    @Test
    void generatedAndGenericCodecsFailAlikeOnEveryTruncation() {
        for (Record value : GOLDEN) {
            StructCodec generic = Derivation.struct(value.getClass());
            byte[] bytes = codec(value).encode(value);
            for (int len = 0; len < bytes.length; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                NdrException expected = assertThrows(NdrException.class,
                        () -> decodeGeneric(generic, cut, DataRepresentation.NDR_LOCAL), value + " cut at " + len);
                NdrException actual = assertThrows(NdrException.class, () -> codec(value).decode(cut), value + " cut at " + len);
                assertEquals(expected.getMessage(), actual.getMessage(), value + " cut at " + len);
            }
        }
    }

    /** A record whose constructor and accessor refuse, to compare the errors. */
    record Picky(int v) {
        Picky {
            if (v < 0) {
                throw new IllegalArgumentException("negative v=" + v);
            }
        }
    }

    record Nulls(int a, Leaf leaf) {
    }

    @Test
    void generatedAndGenericCodecsReportTheSameValueErrors() {
        byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        StructCodec picky = Derivation.struct(Picky.class);
        NdrException generic = assertThrows(NdrException.class, () -> decodeGeneric(picky, negative, DataRepresentation.NDR_LOCAL));
        NdrException generated = assertThrows(NdrException.class, () -> NdrCodec.of(Picky.class).decode(negative));
        assertEquals("Picky refused the decoded values: negative v=-1", generated.getMessage().replaceAll(", offset=.*", ""));
        assertEquals(generic.getMessage(), generated.getMessage());
        StructCodec nulls = Derivation.struct(Nulls.class);
        Nulls bad = new Nulls(1, null);
        NdrException genericNull = assertThrows(NdrException.class, () -> encodeGeneric(nulls, bad));
        NdrException generatedNull = assertThrows(NdrException.class, () -> NdrCodec.of(Nulls.class).encode(bad));
        assertEquals(genericNull.getMessage(), generatedNull.getMessage());
        assertTrue(generatedNull.getMessage().contains("null value for Nulls.leaf"), generatedNull.getMessage());
    }
}
