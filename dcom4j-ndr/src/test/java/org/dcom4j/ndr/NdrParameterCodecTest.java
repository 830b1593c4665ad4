package org.dcom4j.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.dcom4j.ndr.VectorTypes.Info;
import org.dcom4j.ndr.VectorTypes.InfoA;
import org.dcom4j.ndr.VectorTypes.InfoB;
import org.dcom4j.ndr.VectorTypes.InfoOther;
import org.dcom4j.ndr.VectorTypes.Leaf;
import org.dcom4j.ndr.VectorTypes.Mid;
import org.dcom4j.ndr.VectorTypes.Top;
import org.junit.jupiter.api.Test;

/**
 * {@link NdrParameterCodec}: a parameter list described by a Java method encodes byte for byte as
 * the equivalent {@link NdrParameters} record, and decodes back.
 */
class NdrParameterCodecTest {

    /** A COM-style interface: each method's parameters are one parameter list. */
    interface Ops {
        void pad(byte a, int b, byte c, short d, byte e, long f);

        void prims(byte s, short h, int l, long y, boolean b, char c, float f, double d, @U8 int u8,
                   @U16 int u16, VectorTypes.Color color, UUID id, ContextHandle handle);

        void strings(@NdrString String w, @Unique @NdrString(NdrString.Kind.CHAR) String c,
                     @Ref @NdrString String r, @NdrString(NdrString.Kind.CHAR) @FixedSize(8) String fixed);

        void sum(int count, @SizeIs("count") int[] values);

        void sumAfter(@SizeIs("count") int[] values, int count);

        void varying(int max, int len, @SizeIs("max") @LengthIs("len") short[] d, @Unique @SizeIs("max") byte[] p,
                     @SizeIs("len") List<@Unique Leaf> leaves);

        void pointers(@Ref Integer r, @Unique Integer u, @Unique Integer n, @Full Leaf f1, @Full Leaf f2);

        void nested(@Unique Top first, Top byValue, int tail, @Ref Mid mid);

        void union(short level, @SwitchIs("level") Info info, @Unique Leaf after);

        void unnamed(@Named("count") int n, @Named("data") @SizeIs("count") byte[] bytes);

        int add(int a, int b);

        @Unique @NdrString String name(int id);

        @SizeIs("count") int[] values(int count);

        @SizeIs("max") byte[] read(@NotTransmitted int max);
    }

    @NdrParameters
    record PadP(byte a, int b, byte c, short d, byte e, long f) {
    }

    @NdrParameters
    record PrimsP(byte s, short h, int l, long y, boolean b, char c, float f, double d, @U8 int u8, @U16 int u16,
                  VectorTypes.Color color, UUID id, ContextHandle handle) {
    }

    @NdrParameters
    record StringsP(@NdrString String w, @Unique @NdrString(NdrString.Kind.CHAR) String c, @Ref @NdrString String r,
                    @NdrString(NdrString.Kind.CHAR) @FixedSize(8) String fixed) {
    }

    @NdrParameters
    record SumP(int count, @SizeIs("count") int[] values) {
    }

    @NdrParameters
    record SumAfterP(@SizeIs("count") int[] values, int count) {
    }

    @NdrParameters
    record VaryingP(int max, int len, @SizeIs("max") @LengthIs("len") short[] d, @Unique @SizeIs("max") byte[] p,
                    @SizeIs("len") List<@Unique Leaf> leaves) {
    }

    @NdrParameters
    record NestedP(@Unique Top first, Top byValue, int tail, @Ref Mid mid) {
    }

    @NdrParameters
    record UnionP(short level, @SwitchIs("level") Info info, @Unique Leaf after) {
    }

    @NdrParameters
    record ValuesOut(int count, @SizeIs("count") int[] result) {
    }

    @NdrParameters
    record ReadOut(@NotTransmitted int max, @SizeIs("max") byte[] result) {
    }

    /** ORPCTHIS-like leading record and a trailing HRESULT around a method's parameters. */
    record Header(short major, short minor, int flags, UUID cid, @Unique Leaf extensions) {
    }

    @NdrParameters
    record AddRequest(Header orpcThis, int a, int b) {
    }

    @NdrParameters
    record AddResponse(Header orpcThat, int sum, int hresult) {
    }

    private static Method method(String name) {
        for (Method m : Ops.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    private static List<NdrParameter> params(String method) {
        List<NdrParameter> list = new ArrayList<>();
        for (var p : method(method).getParameters()) {
            list.add(NdrParameter.of(p));
        }
        return list;
    }

    private static Object[] values(Record r) {
        RecordComponent[] rcs = r.getClass().getRecordComponents();
        Object[] v = new Object[rcs.length];
        for (int i = 0; i < v.length; i++) {
            try {
                var acc = rcs[i].getAccessor();
                acc.setAccessible(true);
                v[i] = acc.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return v;
    }

    /** Encodes {@code r} both ways, compares the bytes and decodes the parameter list back. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <R extends Record> byte[] sameAsRecord(List<NdrParameter> params, R r) {
        byte[] expected = ((NdrCodec) NdrCodec.of(r.getClass())).encode(r);
        NdrParameterCodec codec = NdrParameterCodec.of(params);
        byte[] actual = codec.encode(values(r));
        assertEquals(Vectors.hex(expected), Vectors.hex(actual));
        NdrBuffer buf = new NdrBuffer();
        codec.encode(values(r), buf);
        assertArrayEquals(expected, buf.toByteArray());
        Object[] decoded = codec.decode(actual, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT);
        assertArrayEquals(actual, codec.encode(decoded), "re-encoding the decoded values");
        Object[] viaRecord = values(((NdrCodec<R>) NdrCodec.of(r.getClass())).decode(expected));
        assertEquals(Vectors.hex(actual), Vectors.hex(codec.encode(viaRecord)), "the record codec's decode, re-encoded");
        return actual;
    }

    @Test
    void encodesAlignedPrimitivesAsTheGoldenParameterVector() {
        byte[] b = sameAsRecord(params("pad"), new PadP((byte) 1, 2, (byte) 3, (short) 4, (byte) 5, 6L));
        assertArrayEquals(Vectors.load("padding-params"), b);
        Object[] d = NdrParameterCodec.of(params("pad")).decode(b);
        assertArrayEquals(new Object[] {(byte) 1, 2, (byte) 3, (short) 4, (byte) 5, 6L}, d);
    }

    @Test
    void returnsArraysThatLaterEncodesOnTheSameThreadLeaveUnchanged() {
        NdrParameterCodec pad = NdrParameterCodec.of(params("pad"));
        byte[] first = pad.encode((byte) 1, 2, (byte) 3, (short) 4, (byte) 5, 6L);
        byte[] big = NdrParameterCodec.of(params("sum")).encode(30_000, new int[30_000]); // grows past the kept size
        byte[] second = pad.encode((byte) 9, 9, (byte) 9, (short) 9, (byte) 9, 9L);
        assertArrayEquals(Vectors.load("padding-params"), first);
        assertEquals(4 + 4 + 4 * 30_000, big.length);
        assertArrayEquals(pad.encode((byte) 9, 9, (byte) 9, (short) 9, (byte) 9, 9L), second);
        assertEquals(first.length, second.length);
    }

    @Test
    void encodesPrimitivesEnumsAndGuidsAsTheRecord() {
        PrimsP p = new PrimsP((byte) -1, (short) 0x1234, 0x89abcdef, 0x0102030405060708L, true, 'é', 1.5f, -2.25,
                200, 65000, VectorTypes.Color.BLUE, UUID.fromString("23203412-63cd-4530-9dd1-fc8e888ef55d"),
                new ContextHandle(0, UUID.fromString("00000001-0002-0003-0405-060708090a0b")));
        byte[] b = sameAsRecord(params("prims"), p);
        assertArrayEquals(values(p), NdrParameterCodec.of(params("prims")).decode(b));
    }

    @Test
    void encodesStringsAsTheRecord() {
        sameAsRecord(params("strings"), new StringsP("wide", "narrow", "ref", "fixed"));
        byte[] b = sameAsRecord(params("strings"), new StringsP("", null, "x", ""));
        Object[] d = NdrParameterCodec.of(params("strings")).decode(b);
        assertArrayEquals(new Object[] {"", null, "x", ""}, d);
    }

    @Test
    void sizesAConformantArrayByAnotherParameterInEitherOrder() {
        byte[] b = sameAsRecord(params("sum"), new SumP(3, new int[] {1, 2, 3}));
        // count | max_count | values: the max_count stays in place, nothing is hoisted across parameters
        assertEquals("03000000" + "03000000" + "010000000200000003000000", Vectors.hex(b));
        sameAsRecord(params("sumAfter"), new SumAfterP(new int[] {4, 5}, 2));
        Object[] d = NdrParameterCodec.of(params("sum")).decode(b);
        assertArrayEquals(new Object[] {3, new int[] {1, 2, 3}}, d);
        NdrException e = assertThrows(NdrException.class, () -> NdrParameterCodec.of(params("sum")).encode(2, new int[] {1}));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }

    @Test
    void encodesVaryingArraysAndPointerArraysAsTheRecord() {
        sameAsRecord(params("varying"), new VaryingP(3, 2, new short[] {7, 8}, new byte[] {1, 2, 3},
                List.of(new Leaf(1), new Leaf(2))));
        sameAsRecord(params("varying"), new VaryingP(0, 0, new short[0], null, List.of()));
        List<Leaf> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add(new Leaf(9));
        sameAsRecord(params("varying"), new VaryingP(4, 2, new short[] {1, 2}, new byte[4], withNull));
    }

    @Test
    void encodesTopLevelPointersAsTheGoldenParameterVector() {
        Leaf x = new Leaf(7);
        byte[] b = sameAsRecord(params("pointers"), new VectorTypes.P(5, 6, null, x, x));
        assertArrayEquals(Vectors.load("top-level-pointers"), b);
        Object[] d = NdrParameterCodec.of(params("pointers")).decode(b);
        assertEquals(5, d[0]);
        assertEquals(6, d[1]);
        assertNull(d[2]);
        assertEquals(x, d[3]);
        assertTrue(d[3] == d[4], "one object per full-pointer referent id");
    }

    @Test
    void writesNestedDeferredReferentsAfterEachParameter() {
        Top t = new Top(new Mid(new Leaf(1), 2), new Leaf(3));
        NestedP n = new NestedP(t, new Top(null, new Leaf(4)), 5, new Mid(new Leaf(6), 7));
        byte[] b = sameAsRecord(params("nested"), n);
        assertArrayEquals(values(n), NdrParameterCodec.of(params("nested")).decode(b));
        sameAsRecord(params("nested"), new NestedP(null, new Top(null, null), 0, new Mid(null, 0)));
    }

    @Test
    void switchesAUnionOnAnotherParameter() {
        for (UnionP u : List.of(new UnionP((short) 1, new InfoA(42), new Leaf(1)),
                new UnionP((short) 2, new InfoB((short) 3, new Leaf(4)), null),
                new UnionP((short) 3, new VectorTypes.InfoEmpty(), null),
                new UnionP((short) 9, new InfoOther((byte) 5), new Leaf(6)))) {
            byte[] b = sameAsRecord(params("union"), u);
            assertArrayEquals(values(u), NdrParameterCodec.of(params("union")).decode(b));
        }
        assertThrows(NdrException.class,
                () -> NdrParameterCodec.of(params("union")).encode((short) 2, new InfoA(1), null));
    }

    @Test
    void namesParametersWithNamedWhenTheyAreAnnotated() {
        List<NdrParameter> ps = params("unnamed");
        assertEquals(List.of("count", "data"), ps.stream().map(NdrParameter::name).toList());
        byte[] b = NdrParameterCodec.of(ps).encode(2, new byte[] {9, 8});
        assertEquals("02000000" + "02000000" + "0908", Vectors.hex(b));
    }

    @Test
    void marshalsACallBetweenAnOrpcHeaderAndAnHresult() {
        Header h = new Header((short) 5, (short) 7, 0, UUID.fromString("11111111-2222-3333-4444-555555555555"),
                new Leaf(1));
        List<NdrParameter> in = new ArrayList<>();
        in.add(NdrParameter.of("orpcThis", Header.class));
        in.addAll(params("add"));
        sameAsRecord(in, new AddRequest(h, 2, 3));
        List<NdrParameter> out = List.of(NdrParameter.of("orpcThat", Header.class),
                NdrParameter.returnOf(method("add"), "sum"), NdrParameter.of("hresult", int.class));
        byte[] b = sameAsRecord(out, new AddResponse(h, 5, 0));
        assertArrayEquals(new Object[] {h, 5, 0}, NdrParameterCodec.of(out).decode(b));
    }

    @Test
    void describesReturnValuesWithTheMethodsAnnotations() {
        NdrParameterCodec name = NdrParameterCodec.of(List.of(NdrParameter.returnOf(method("name"), "name")));
        assertEquals("00000200" + "03000000" + "00000000" + "03000000" + "68006900" + "0000",
                Vectors.hex(name.encode("hi")));
        assertArrayEquals(new byte[4], name.encode((Object) null));
        assertArrayEquals(new Object[] {"hi"}, name.decode(name.encode("hi")));

        Method values = method("values");
        sameAsRecord(List.of(NdrParameter.of(values.getParameters()[0]), NdrParameter.returnOf(values, "result")),
                new ValuesOut(2, new int[] {10, 20}));

        Method read = method("read");
        List<NdrParameter> out = List.of(NdrParameter.of(read.getParameters()[0]), NdrParameter.returnOf(read, "result"));
        NdrParameterCodec codec = NdrParameterCodec.of(out);
        byte[] b = codec.encode(3, new byte[] {1, 2, 3});
        assertArrayEquals(NdrCodec.of(ReadOut.class).encode(new ReadOut(3, new byte[] {1, 2, 3})), b);
        assertEquals("03000000" + "010203", Vectors.hex(b));
        assertArrayEquals(new Object[] {0, new byte[] {1, 2, 3}}, codec.decode(b));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdrParameter.returnOf(method("pad"), "r"));
        assertTrue(e.getMessage().contains("void"), e.getMessage());
    }

    @Test
    void decodesBigEndianParameters() throws Exception {
        NdrParameterCodec sum = NdrParameterCodec.of(params("sum"));
        byte[] be = Vectors.hex("00000002" + "00000002" + "0000000a" + "fffffffe");
        assertArrayEquals(new Object[] {2, new int[] {10, -2}},
                sum.decode(be, DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));

        NdrParameterCodec ptrs = NdrParameterCodec.of(params("pointers"));
        byte[] le = Vectors.load("top-level-pointers");
        byte[] swapped = new byte[le.length];
        for (int i = 0; i < le.length; i += 4) {
            for (int j = 0; j < 4; j++) {
                swapped[i + j] = le[i + 3 - j];
            }
        }
        Object[] d = ptrs.decode(swapped, DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT);
        assertEquals(5, d[0]);
        assertEquals(6, d[1]);
        assertNull(d[2]);
        assertEquals(new Leaf(7), d[3]);

        NdrParameterCodec name = NdrParameterCodec.of(List.of(NdrParameter.returnOf(method("name"), "name")));
        byte[] beName = Vectors.hex("00020000" + "00000003" + "00000000" + "00000003" + "00680069" + "0000");
        assertArrayEquals(new Object[] {"hi"}, name.decode(beName, DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));

        byte[] data = new byte[] {(byte) 0xab, 0, 0, 0, 2, 0, 0, 0, 1};
        NdrParameterCodec add = NdrParameterCodec.of(params("add"));
        assertArrayEquals(new Object[] {2, 1}, add.decode(data, 1, 8, DataRepresentation.BIG_ENDIAN, NdrLimits.DEFAULT));
        assertArrayEquals(new Object[] {0x0200_0000, 0x0100_0000},
                add.decode(data, 1, 8, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT));
    }

    @Test
    void refusesMalformedInputWithNdrExceptionOnly() {
        NdrParameterCodec sum = NdrParameterCodec.of(params("sum"));
        assertMessage(sum, "02000000" + "03000000" + "01000000" + "02000000" + "03000000", "max_count");
        assertMessage(sum, "ffffff0f" + "ffffff0f", "larger than the bytes left");
        assertMessage(sum, "02000000", "truncated");
        assertMessage(sum, "01000000" + "01000000" + "05000000" + "00", "trailing");
        assertMessage(NdrParameterCodec.of(params("union")), "0700" + "0000" + "00000000", "");
        assertMessage(NdrParameterCodec.of(params("strings")), "01000000" + "00000000" + "01000000" + "4100", "");

        UnionP u = new UnionP((short) 2, new InfoB((short) 3, new Leaf(4)), new Leaf(5));
        VaryingP v = new VaryingP(3, 2, new short[] {7, 8}, new byte[] {1, 2, 3}, List.of(new Leaf(1), new Leaf(2)));
        Random random = new Random(20261122);
        int failures = 0;
        for (var c : List.of(new Object[] {params("union"), values(u)}, new Object[] {params("varying"), values(v)},
                new Object[] {params("nested"), values(new NestedP(new Top(new Mid(new Leaf(1), 2), null),
                        new Top(null, new Leaf(3)), 4, new Mid(new Leaf(5), 6)))})) {
            @SuppressWarnings("unchecked")
            NdrParameterCodec codec = NdrParameterCodec.of((List<NdrParameter>) c[0]);
            byte[] good = codec.encode((Object[]) c[1]);
            for (int i = 0; i < 3000; i++) {
                byte[] bad = Arrays.copyOf(good, random.nextInt(good.length + 8));
                for (int k = random.nextInt(4); k >= 0 && bad.length > 0; k--) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                DataRepresentation drep = random.nextBoolean() ? DataRepresentation.NDR_LOCAL : DataRepresentation.BIG_ENDIAN;
                try {
                    codec.decode(bad, drep, NdrLimits.DEFAULT);
                } catch (NdrException e) {
                    failures++;
                } catch (RuntimeException | Error e) {
                    fail("input " + Vectors.hex(bad) + " threw " + e, e);
                }
            }
        }
        assertTrue(failures > 1000, "failures=" + failures);
    }

    private static void assertMessage(NdrParameterCodec codec, String hex, String part) {
        NdrException e = assertThrows(NdrException.class, () -> codec.decode(Vectors.hex(hex)));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void refusesAParameterWithoutANameFromOf() throws Exception {
        // JDK classes are compiled without -parameters: the names are synthesized arg0, arg1, ...
        Method m = String.class.getMethod("regionMatches", int.class, String.class, int.class, int.class);
        assertFalse(m.getParameters()[0].isNamePresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdrParameter.of(m.getParameters()[0]));
        assertTrue(e.getMessage().contains("javac -parameters") && e.getMessage().contains("@Named"), e.getMessage());
    }

    @Test
    void reportsDescriptionErrorsNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdrParameterCodec.of(
                List.of(NdrParameter.of("n", int.class), NdrParameter.returnOf(method("values"), "result"))));
        assertTrue(e.getMessage().contains("parameter result: @SizeIs(\"count\") names no parameter; parameters=[n, result]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdrParameterCodec.of(
                List.of(NdrParameter.of("n", int.class), NdrParameter.of("n", int.class))));
        assertTrue(e.getMessage().contains("parameter n: the name appears twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdrParameterCodec.of(
                List.of(NdrParameter.of("s", String.class))));
        assertTrue(e.getMessage().contains("parameter s: a String needs @NdrString"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdrParameterCodec.of(
                List.of(NdrParameter.of("p", PadP.class))));
        assertTrue(e.getMessage().contains("cannot be embedded"), e.getMessage());

        NdrParameterCodec add = NdrParameterCodec.of(params("add"));
        assertThrows(IllegalArgumentException.class, () -> add.encode(1));
        e = assertThrows(IllegalArgumentException.class, () -> add.encode(1, "two"));
        assertTrue(e.getMessage().contains("parameter b"), e.getMessage());
        NdrException n = assertThrows(NdrException.class, () -> add.encode(1, null));
        assertTrue(n.getMessage().contains("parameter b"), n.getMessage());
        assertThrows(NdrException.class, () -> NdrParameterCodec.of(params("pointers")).encode(null, 1, null, null, null));
    }
}
