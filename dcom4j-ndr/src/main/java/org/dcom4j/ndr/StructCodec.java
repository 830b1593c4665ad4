package org.dcom4j.ndr;

import java.lang.invoke.MethodHandle;

/**
 * A record as an NDR structure (C706 14.3.6, 14.3.7), or, for an {@link NdrParameters} record,
 * as an operation's parameter list.
 *
 * <p>A structure is aligned to its largest member. When it ends in a conformant array or string
 * (directly or through a trailing nested structure) it is a conformant structure: the array's
 * max_count is hoisted to the start of the structure (C706 14.3.7.1/14.3.7.2), aligned to 4,
 * before the structure's own alignment:
 * <pre>
 * struct { short a; long n; [size_is(n)] short s[]; }  with n = 2, s = {7, 8}:
 * 02 00 00 00 | 01 00 | 00 00 | 02 00 00 00 | 07 00 08 00
 * max_count     a       pad     n             s[0]  s[1]
 * </pre>
 *
 * <p>A parameter list is not a structure: each parameter is written in order, its deferred
 * referents right after it (C706 14.3.12.3), with no hoisting and no overall alignment
 * ({@link ParameterList}, shared with {@link NdrParameterCodec}).
 *
 * <p>The per-call work is done by the record's generated codec ({@link CodecGenerator}: direct accessor
 * and constructor calls, primitives without boxing) once {@link #generated(GeneratedCodec)} has set it;
 * until then, and when generation is not possible, by the generic code here (accessors and constructor
 * as {@code MethodHandle}s, values in an {@code Object[]}).
 *
 * <p>Immutable once {@link #init} has run (derivation is single-threaded, under the derivation lock),
 * except for the generated codec, set once right after and published through a volatile field.
 */
final class StructCodec implements Codec {
    private final Class<?> type;
    private final boolean params;
    private String[] names;
    private MethodHandle[] getters;
    private MethodHandle ctor;
    private Codec[] codecs;
    private int align = 1;
    private int minSize;
    private boolean conformant;
    private boolean hasBuffers;
    private boolean ready;
    private ParameterList list;
    private volatile GeneratedCodec fast;

    StructCodec(Class<?> type, boolean params) {
        this.type = type;
        this.params = params;
    }

    void init(String[] names, MethodHandle[] getters, MethodHandle ctor, Codec[] codecs) {
        this.names = names;
        this.getters = getters;
        this.ctor = ctor;
        this.codecs = codecs;
        int n = codecs.length;
        conformant = !params && n > 0 && codecs[n - 1].conformant();
        int a = conformant ? 4 : 1;
        long min = conformant ? 4 : 0;
        boolean buffers = false;
        for (int i = 0; i < n; i++) {
            Codec c = codecs[i];
            if (c.conformant() && i != n - 1 && !params) {
                throw new IllegalArgumentException(type.getName() + "." + names[i]
                        + ": a conformant array or string must be the last member of a structure");
            }
            a = Math.max(a, c.align());
            min += c.minSize();
            buffers |= c.hasBuffers();
        }
        align = a;
        minSize = (int) Math.min(Integer.MAX_VALUE / 2, min);
        hasBuffers = buffers;
        if (params) {
            list = new ParameterList(codecs);
        }
        ready = true;
    }

    /** Switches the per-call work to the generated codec. */
    void generated(GeneratedCodec codec) {
        fast = codec;
    }

    /** The generated codec, or null while the generic code runs. */
    GeneratedCodec generated() {
        return fast;
    }

    boolean params() {
        return params;
    }

    ParameterList list() {
        return list;
    }

    Codec[] codecs() {
        return codecs.clone();
    }

    Class<?> type() {
        return type;
    }

    private void checkReady() {
        if (!ready) {
            throw new IllegalArgumentException(type.getName() + " contains itself without a pointer");
        }
    }

    @Override
    public int align() {
        checkReady();
        return align;
    }

    @Override
    public int minSize() {
        checkReady();
        return minSize;
    }

    @Override
    public boolean conformant() {
        checkReady();
        return conformant;
    }

    @Override
    public boolean hasBuffers() {
        checkReady();
        return hasBuffers;
    }

    private Object[] values(Writer w, Object v) {
        if (v == null) {
            throw w.error("null structure " + type.getSimpleName() + " (not a pointer)");
        }
        Object[] vals = new Object[getters.length];
        for (int i = 0; i < vals.length; i++) {
            try {
                vals[i] = (Object) getters[i].invokeExact(v);
            } catch (Throwable t) {
                throw new NdrException("cannot read " + type.getSimpleName() + "." + names[i] + ": " + t, w.out.size(), t);
            }
            if (vals[i] == null && !ParameterList.nullable(codecs[i])) {
                throw w.error("null value for " + type.getSimpleName() + "." + names[i] + " (not a pointer)");
            }
        }
        return vals;
    }

    @Override
    public int conformance(Object v, Object[] ctx) {
        Object[] vals = new Object[getters.length];
        for (int i = 0; i < vals.length; i++) {
            try {
                vals[i] = (Object) getters[i].invokeExact(v);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        int last = codecs.length - 1;
        return codecs[last].conformance(vals[last], vals);
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        GeneratedCodec f = fast;
        if (f != null) {
            f.writeScalars(w, v, ctx, hoisted);
        } else {
            writeScalarsGeneric(w, v, hoisted);
        }
    }

    void writeScalarsGeneric(Writer w, Object v, boolean hoisted) {
        Object[] vals = values(w, v);
        int n = codecs.length;
        if (params) {
            list.writeGeneric(w, vals);
            return;
        }
        w.enter();
        if (conformant && !hoisted) {
            w.out.align(4);
            w.out.put32(codecs[n - 1].conformance(vals[n - 1], vals));
        }
        w.out.align(align);
        for (int i = 0; i < n; i++) {
            codecs[i].writeScalars(w, vals[i], vals, conformant && i == n - 1);
        }
        w.leave();
    }

    @Override
    public void writeBuffers(Writer w, Object v, Object[] ctx) {
        if (params || !hasBuffers) {
            return;
        }
        GeneratedCodec f = fast;
        if (f != null) {
            f.writeBuffers(w, v, ctx);
        } else {
            writeBuffersGeneric(w, v);
        }
    }

    void writeBuffersGeneric(Writer w, Object v) {
        if (params || !hasBuffers) {
            return;
        }
        Object[] vals = values(w, v);
        w.enter();
        for (int i = 0; i < codecs.length; i++) {
            if (codecs[i].hasBuffers()) {
                codecs[i].writeBuffers(w, vals[i], vals);
            }
        }
        w.leave();
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        GeneratedCodec f = fast;
        return f != null ? f.readScalars(r, ctx, hoistedMax) : readScalarsGeneric(r, hoistedMax);
    }

    Object readScalarsGeneric(Reader r, int hoistedMax) {
        if (params) {
            return construct(r, list.readGeneric(r));
        }
        int n = codecs.length;
        Object[] state = new Object[n];
        r.enter();
        int hm = hoistedMax;
        if (conformant && hm < 0) {
            hm = r.count("max_count");
        }
        r.align(align);
        for (int i = 0; i < n; i++) {
            state[i] = codecs[i].readScalars(r, state, conformant && i == n - 1 ? hm : -1);
        }
        r.leave();
        return hasBuffers ? state : construct(r, state);
    }

    @Override
    public Object readBuffers(Reader r, Object state, Object[] ctx) {
        if (params || !hasBuffers) {
            return state;
        }
        GeneratedCodec f = fast;
        return f != null ? f.readBuffers(r, state, ctx) : readBuffersGeneric(r, state);
    }

    @Override
    public Object read(Reader r, Object[] ctx) {
        GeneratedCodec f = fast;
        return f != null ? f.read(r, ctx) : readBuffers(r, readScalars(r, ctx, -1), ctx);
    }

    Object readBuffersGeneric(Reader r, Object state) {
        if (params || !hasBuffers) {
            return state;
        }
        Object[] s = (Object[]) state;
        r.enter();
        for (int i = 0; i < s.length; i++) {
            if (codecs[i].hasBuffers()) {
                s[i] = codecs[i].readBuffers(r, s[i], s);
            }
        }
        r.leave();
        return construct(r, s);
    }

    private Object construct(Reader r, Object[] vals) {
        for (int i = 0; i < vals.length; i++) {
            if (codecs[i] instanceof LocalCodec local) {
                vals[i] = local.defaultValue();
            }
        }
        try {
            return (Object) ctor.invokeExact(vals);
        } catch (RuntimeException | Error e) {
            if (e instanceof StackOverflowError || e instanceof OutOfMemoryError) {
                throw e;
            }
            throw new NdrException(type.getSimpleName() + " refused the decoded values: " + e.getMessage(), r.offset(), e);
        } catch (Throwable t) {
            throw new NdrException(type.getSimpleName() + " refused the decoded values: " + t, r.offset(), t);
        }
    }
}
