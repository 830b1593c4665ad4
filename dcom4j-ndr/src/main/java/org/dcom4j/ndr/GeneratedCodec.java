package org.dcom4j.ndr;

/**
 * The superclass of the codecs {@link CodecGenerator} generates: one hidden class per record type
 * (defined in the record's package, as its nestmate, so that it calls the accessors and the canonical
 * constructor directly) and one per parameter list. Not an API: it is public only because a record's
 * generated codec lives in the record's package; its abstract protocol mentions package-private types,
 * so it cannot be implemented outside this package by source code.
 *
 * <p>The per-call methods are those of {@link Codec} (C706 14.3.12's two passes) for a record, and
 * {@link #write}/{@link #read} for a parameter list; a generated class overrides the ones of its kind.
 * The protected static helpers are what the generated code calls into this package: they are small and
 * static, so the JIT inlines them; a child codec reaches them as a {@code static final} constant of the
 * generated class, so the calls on it are devirtualised.
 */
public abstract class GeneratedCodec {
    protected GeneratedCodec() {
    }

    /** A record: the scalar pass of {@link Codec#writeScalars}. */
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        throw new IllegalStateException("not a record codec");
    }

    /** A record: the buffer pass of {@link Codec#writeBuffers}. */
    public void writeBuffers(Writer w, Object v, Object[] ctx) {
        throw new IllegalStateException("not a record codec");
    }

    /** A record: {@link Codec#readScalars}. */
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        throw new IllegalStateException("not a record codec");
    }

    /** A record: {@link Codec#readBuffers}. */
    public Object readBuffers(Reader r, Object state, Object[] ctx) {
        throw new IllegalStateException("not a record codec");
    }

    /**
     * A record: both passes at once ({@link Codec#read}); a record with pointers and no correlated
     * member overrides it with one that keeps the scalar pass's values in locals.
     */
    public Object read(Reader r, Object[] ctx) {
        return readBuffers(r, readScalars(r, ctx, -1), ctx);
    }

    /** A parameter list: writes {@code vals} ({@link ParameterList#write}). */
    public void write(Writer w, Object[] vals) {
        throw new IllegalStateException("not a parameter list codec");
    }

    /** A parameter list: reads the values ({@link ParameterList#read}). */
    public Object[] read(Reader r) {
        throw new IllegalStateException("not a parameter list codec");
    }

    // ---- helpers called by generated code ----

    protected static NdrBuffer out(Writer w) {
        return w.out;
    }

    protected static void enter(Writer w) {
        w.enter();
    }

    protected static void leave(Writer w) {
        w.leave();
    }

    protected static void enter(Reader r) {
        r.enter();
    }

    protected static void leave(Reader r) {
        r.leave();
    }

    protected static NdrException nullStruct(Writer w, String type) {
        return w.error("null structure " + type + " (not a pointer)");
    }

    protected static NdrException nullValue(Writer w, String where) {
        return w.error("null value for " + where + " (not a pointer)");
    }

    protected static NdrException cannotRead(Writer w, String where, Throwable t) {
        return new NdrException("cannot read " + where + ": " + t, w.out.size(), t);
    }

    /** The constructor of {@code type} threw {@code t}: an NdrException, except for a stack overflow or out of memory. */
    protected static NdrException refused(Reader r, String type, Throwable t) {
        if (t instanceof StackOverflowError || t instanceof OutOfMemoryError) {
            throw (Error) t;
        }
        String why = t instanceof RuntimeException || t instanceof Error ? t.getMessage() : t.toString();
        return new NdrException(type + " refused the decoded values: " + why, r.offset(), t);
    }

    protected static int u8(Writer w, int v) {
        return PrimitiveCodec.checked(w, v, 0xFF);
    }

    protected static int u16(Writer w, int v) {
        return PrimitiveCodec.checked(w, v, 0xFFFF);
    }

    protected static void align(Reader r, int n) {
        r.align(n);
    }

    protected static int count(Reader r, String field) {
        return r.count(field);
    }

    protected static int u8(Reader r) {
        return r.u8();
    }

    protected static boolean bool(Reader r) {
        return r.u8() != 0;
    }

    protected static int u16(Reader r) {
        return r.u16();
    }

    protected static int i32(Reader r) {
        return r.i32();
    }

    protected static long i64(Reader r) {
        return r.i64();
    }

    protected static float f32(Reader r) {
        r.checkFloat();
        return Float.intBitsToFloat(r.i32());
    }

    protected static double f64(Reader r) {
        r.checkFloat();
        return Double.longBitsToDouble(r.i64());
    }

    protected static void writeScalars(Object codec, Writer w, Object v, Object[] ctx, boolean hoisted) {
        ((Codec) codec).writeScalars(w, v, ctx, hoisted);
    }

    protected static void writeBuffers(Object codec, Writer w, Object v, Object[] ctx) {
        ((Codec) codec).writeBuffers(w, v, ctx);
    }

    protected static Object readScalars(Object codec, Reader r, Object[] ctx, int hoistedMax) {
        return ((Codec) codec).readScalars(r, ctx, hoistedMax);
    }

    protected static Object readBuffers(Object codec, Reader r, Object state, Object[] ctx) {
        return ((Codec) codec).readBuffers(r, state, ctx);
    }

    protected static void writeUnion(Object codec, Writer w, Object v, long field) {
        ((UnionCodec) codec).writeScalars(w, v, field);
    }

    protected static Object readUnion(Object codec, Reader r, long field) {
        return ((UnionCodec) codec).readScalars(r, field);
    }

    protected static Object read(Object codec, Reader r, Object[] ctx) {
        return ((Codec) codec).read(r, ctx);
    }

    protected static int conformance(Object codec, Object v, Object[] ctx) {
        return ((Codec) codec).conformance(v, ctx);
    }

    protected static void writeParams(Object list, Writer w, Object[] vals) {
        ((ParameterList) list).write(w, vals);
    }

    protected static Object[] readParams(Object list, Reader r) {
        return ((ParameterList) list).read(r);
    }
}
