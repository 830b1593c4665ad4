package org.dcom4j.ndr;

import java.util.List;
import java.util.UUID;

/** The records the golden vectors in {@code src/test/resources/vectors/} describe. */
final class VectorTypes {
    private VectorTypes() {
    }

    record Prims(byte s, short h, int l, long y, boolean b, char c, float f, double d) {
    }

    @NdrParameters
    record PadParams(byte a, int b, byte c, short d, byte e, long f) {
    }

    record Conf(short a, int n, @SizeIs("n") short[] s) {
    }

    record Outer(byte x, Conf inner) {
    }

    record Conf8(long h, int n, @SizeIs("n") byte[] b) {
    }

    record Vary(int len, @FixedSize(4) @LengthIs("len") int[] v) {
    }

    record CV(int max, int len, @SizeIs("max") @LengthIs("len") byte[] d) {
    }

    record CVF(int max, int first, int len, @SizeIs("max") @FirstIs("first") @LengthIs("len") short[] d) {
    }

    record Names(@Unique @NdrString String w, @Unique @NdrString(NdrString.Kind.CHAR) String c) {
    }

    record VS(@NdrString(NdrString.Kind.CHAR) @FixedSize(8) String s) {
    }

    record CS(int id, @NdrString String name) {
    }

    record Ptrs(@Unique Integer a, @Unique Integer nul, @Ref Integer b, int tail) {
    }

    record Leaf(int v) {
    }

    record Mid(@Unique Leaf leaf, int m) {
    }

    record Top(@Unique Mid first, @Unique Leaf second) {
    }

    @NdrParameters
    record P(@Ref Integer r, @Unique Integer u, @Unique Integer n, @Full Leaf f1, @Full Leaf f2) {
    }

    record FullPair(@Full Leaf a, @Full Leaf b) {
    }

    record Node(int v, @Full Node next) {
    }

    record Chain(int v, @Unique Chain next) {
    }

    @NdrUnion(discriminantBits = 16)
    sealed interface Info permits InfoA, InfoB, InfoEmpty, InfoOther {
    }

    @Case(1)
    record InfoA(int x) implements Info {
    }

    @Case(2)
    record InfoB(short y, @Unique Leaf p) implements Info {
    }

    @Case({3, 4})
    record InfoEmpty() implements Info {
    }

    @DefaultCase
    record InfoOther(byte z) implements Info {
    }

    record Holder(short level, @SwitchIs("level") Info info) {
    }

    @NdrUnion(encapsulated = true)
    sealed interface Enc permits EncShort, EncHyper {
    }

    @Case(1)
    record EncShort(short s) implements Enc {
    }

    @Case(2)
    record EncHyper(long h) implements Enc {
    }

    record EncHolder(byte tag, Enc e) {
    }

    /** A union without a default arm. */
    @NdrUnion
    sealed interface Strict permits StrictOne {
    }

    @Case(1)
    record StrictOne(int v) implements Strict {
    }

    record StrictHolder(int level, @SwitchIs("level") Strict u) {
    }

    enum Color { RED, GREEN, BLUE }

    enum Code implements NdrEnum {
        A(5), B(0x1234);

        private final int value;

        Code(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    @V1Enum
    enum Wide { X, Y }

    record Enums(Color c, Code k, Wide w) {
    }

    record Handles(ContextHandle h, UUID g) {
    }

    record GuidOnly(UUID g) {
    }

    record Bytes(int n, @SizeIs("n") byte[] data) {
    }

    record PtrBytes(int n, @Unique @SizeIs("n") byte[] data) {
    }

    record Strs(@Unique @NdrString String s) {
    }

    record Floats(double d) {
    }

    record Narrow(@U8 int a, @U16 int b, int c) {
    }

    record Items(int count, @SizeIs("count") List<Leaf> items) {
    }
}
