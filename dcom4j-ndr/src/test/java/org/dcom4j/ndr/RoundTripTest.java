package org.dcom4j.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.dcom4j.ndr.FuzzTypes.Complex;
import org.dcom4j.ndr.FuzzTypes.Entry;
import org.dcom4j.ndr.FuzzTypes.Request;
import org.dcom4j.ndr.VectorTypes.*;
import org.junit.jupiter.api.Test;

/** Random values of nested types survive encode → decode → encode. */
class RoundTripTest {
    private final Random rnd = new Random(20261122);

    private String string(int max, boolean latin1) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append((char) (latin1 ? 1 + rnd.nextInt(0xFF) : 1 + rnd.nextInt(0xD7FF)));
        }
        return sb.toString();
    }

    private Holder holder() {
        return switch (rnd.nextInt(4)) {
            case 0 -> new Holder((short) 1, new InfoA(rnd.nextInt()));
            case 1 -> new Holder((short) 2, new InfoB((short) rnd.nextInt(), rnd.nextBoolean() ? null : new Leaf(rnd.nextInt())));
            case 2 -> new Holder((short) (3 + rnd.nextInt(2)), new InfoEmpty());
            default -> new Holder((short) (5 + rnd.nextInt(1000)), new InfoOther((byte) rnd.nextInt()));
        };
    }

    Complex complex() {
        List<Leaf> shared = List.of(new Leaf(1), new Leaf(2));
        List<Entry> entries = new ArrayList<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            byte[] tag = new byte[3];
            rnd.nextBytes(tag);
            entries.add(new Entry((short) rnd.nextInt(), rnd.nextBoolean() ? null : shared.get(rnd.nextInt(2)),
                    rnd.nextBoolean() ? null : string(8, true), tag, holder()));
        }
        List<Leaf> tail = new ArrayList<>();
        int len = rnd.nextInt(4);
        for (int i = 0; i < len; i++) {
            tail.add(rnd.nextBoolean() ? null : new Leaf(rnd.nextInt()));
        }
        EncHolder enc = new EncHolder((byte) rnd.nextInt(),
                rnd.nextBoolean() ? new EncShort((short) rnd.nextInt()) : new EncHyper(rnd.nextLong()));
        boolean nullEntries = rnd.nextInt(5) == 0;
        return new Complex(nullEntries ? 0 : n, nullEntries ? null : entries, rnd.nextBoolean() ? null : string(10, false),
                new UUID(rnd.nextLong(), rnd.nextLong()), enc, rnd.nextDouble(), len + rnd.nextInt(3), len, tail);
    }

    Request request() {
        int[] values = rnd.ints(rnd.nextInt(6)).toArray();
        return new Request(new Names(string(5, false), rnd.nextBoolean() ? null : string(5, true)),
                rnd.nextBoolean() ? null : complex(), new ContextHandle(rnd.nextInt(), UUID.randomUUID()),
                new Enums(Color.values()[rnd.nextInt(3)], Code.values()[rnd.nextInt(2)], Wide.values()[rnd.nextInt(2)]),
                values.length, values);
    }

    @Test
    void randomValuesOfNestedTypesSurviveARoundTrip() {
        NdrCodec<Complex> complex = NdrCodec.of(Complex.class);
        NdrCodec<Request> request = NdrCodec.of(Request.class);
        for (int i = 0; i < 400; i++) {
            Complex c = complex();
            byte[] b = complex.encode(c);
            Complex d = complex.decode(b);
            assertTrue(Deep.equal(c, d), () -> c + " decoded as " + d);
            assertArrayEquals(b, complex.encode(d));
            Request r = request();
            byte[] rb = request.encode(r);
            Request rd = request.decode(rb);
            assertTrue(Deep.equal(r, rd), () -> r + " decoded as " + rd);
            assertArrayEquals(rb, request.encode(rd));
        }
    }

    @Test
    void keepsFullPointerIdentityAcrossNestedStructures() {
        Leaf shared = new Leaf(42);
        Holder h = new Holder((short) 1, new InfoA(0));
        Entry a = new Entry((short) 1, shared, null, new byte[3], h);
        Entry b = new Entry((short) 2, shared, "x", new byte[3], h);
        Complex c = new Complex(2, List.of(a, b), null, new UUID(0, 0), new EncHolder((byte) 0, new EncShort((short) 0)),
                0, 0, 0, List.of());
        Complex d = NdrCodec.of(Complex.class).decode(NdrCodec.of(Complex.class).encode(c));
        assertSame(d.entries().get(0).shared(), d.entries().get(1).shared());
    }

    record StringList(int n, @SizeIs("n") List<@Unique @NdrString String> names) {
    }

    @Test
    void encodesAnArrayOfStringPointers() {
        StringList v = new StringList(3, java.util.Arrays.asList("a", null, "bc"));
        NdrCodec<StringList> codec = NdrCodec.of(StringList.class);
        byte[] b = codec.encode(v);
        assertTrue(Vectors.hex(b).startsWith("03000000" + "03000000" + "00000200" + "00000000" + "04000200"
                + "02000000" + "00000000" + "02000000" + "61000000"), Vectors.hex(b));
        assertTrue(Deep.equal(v, codec.decode(b)));
    }

    @Test
    void reusesAnOutputBuffer() {
        NdrBuffer buffer = new NdrBuffer(16);
        NdrCodec<Leaf> codec = NdrCodec.of(Leaf.class);
        for (int i = 0; i < 3; i++) {
            codec.encode(new Leaf(i), buffer.reset());
            assertArrayEquals(new byte[] {(byte) i, 0, 0, 0}, buffer.toByteArray());
        }
    }
}
