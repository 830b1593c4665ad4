package org.dcom4j.ndr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The NDR 2.0 codec of an operation's parameter list described at run time (a COM method's
 * {@code [in]} or {@code [out]} parameters), derived once by {@link #of} with the same mechanism as
 * {@link NdrCodec} for an {@link NdrParameters} record, and byte for byte equal to it.
 *
 * <p>Each parameter is top-level, exactly as a component of an {@link NdrParameters} record. A
 * top-level {@code [ref]} pointer — the default for pointer parameters in IDL — has no wire
 * representation of its own, so {@code [out] long *sum} is described as a plain {@code int} and
 * {@code [in, size_is(n)] long *a} as {@code @SizeIs("n") int[] a}; {@code @Unique} and
 * {@code @Full} add a referent id. Each parameter is followed by its own deferred referents (C706
 * 14.3.12.3); no alignment or max_count hoisting spans parameters. Correlation attributes
 * ({@code @SizeIs}, {@code @LengthIs}, {@code @FirstIs}, {@code @SwitchIs}) name other parameters.
 *
 * <p>Values are passed and returned as {@code Object[]} in parameter order, primitives boxed. Codecs
 * are immutable and thread-safe; callers cache them (derivation reflects over the types each time
 * {@link #of} is called; structures are cached globally). Decoding any input either returns the
 * values or throws {@link NdrException}.
 */
public final class NdrParameterCodec {
    private final List<NdrParameter> parameters;
    private final Codec[] codecs;
    private final ParameterList list;
    private final Class<?>[] boxed;

    private NdrParameterCodec(List<NdrParameter> parameters, Codec[] codecs, Class<?>[] boxed) {
        this.parameters = parameters;
        this.codecs = codecs;
        this.list = new ParameterList(codecs);
        this.boxed = boxed;
    }

    /**
     * Derives the codec of {@code params}, in order.
     *
     * @throws IllegalArgumentException when a description is invalid (naming the parameter)
     */
    public static NdrParameterCodec of(List<NdrParameter> params) {
        List<NdrParameter> copy = List.copyOf(params);
        List<Derivation.Member> members = new ArrayList<>(copy.size());
        for (NdrParameter p : copy) {
            members.add(new Derivation.Member(p.name(), p.declaration(), p.type()));
        }
        Codec[] codecs = Derivation.parameters(members);
        Class<?>[] boxed = new Class<?>[codecs.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = box(members.get(i).raw("parameter " + copy.get(i).name()));
        }
        return new NdrParameterCodec(copy, codecs, boxed);
    }

    public List<NdrParameter> parameters() {
        return parameters;
    }

    /** The shared wire form (generated or generic), for tests. */
    ParameterList list() {
        return list;
    }

    /** Encodes {@code values} (one per parameter, in order) into a new array. */
    public byte[] encode(Object... values) {
        NdrBuffer out = ScratchBuffers.take();
        try {
            encode(values, out);
            return out.toByteArray();
        } finally {
            ScratchBuffers.give(out);
        }
    }

    /**
     * Appends the encoding of {@code values} to {@code out}; alignment is relative to the start of
     * {@code out}, which must be the start of the NDR stream (the stub).
     *
     * @throws IllegalArgumentException when the number or the Java types of the values do not match
     * @throws NdrException             when a value cannot be represented (a null [ref] pointer, an
     *                                  array whose length disagrees with its size_is parameter, …)
     */
    public void encode(Object[] values, NdrBuffer out) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(out, "out");
        if (values.length != codecs.length) {
            throw new IllegalArgumentException("values=" + values.length + ", parameters=" + codecs.length);
        }
        Writer w = new Writer(out);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                if (!ParameterList.nullable(codecs[i])) {
                    throw w.error("null value for parameter " + parameters.get(i).name() + " (not a pointer)");
                }
            } else if (!boxed[i].isInstance(v)) {
                throw new IllegalArgumentException("parameter " + parameters.get(i).name() + ": a "
                        + v.getClass().getName() + " where " + boxed[i].getName() + " is declared");
            }
        }
        list.write(w, values);
    }

    /** Decodes NDR data sent with the local data representation and the default limits. */
    public Object[] decode(byte[] data) {
        return decode(data, 0, data.length, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT);
    }

    public Object[] decode(byte[] data, DataRepresentation drep, NdrLimits limits) {
        return decode(data, 0, data.length, drep, limits);
    }

    /**
     * Decodes the {@code length} bytes at {@code offset} (the start of the NDR stream, for
     * alignment) into one value per parameter, primitives boxed; {@link NotTransmitted} parameters
     * come back as their type's default. Bytes left over are refused unless
     * {@link NdrLimits#allowTrailing()}.
     */
    public Object[] decode(byte[] data, int offset, int length, DataRepresentation drep, NdrLimits limits) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.requireNonNull(drep, "drep");
        Objects.requireNonNull(limits, "limits");
        Reader r = new Reader(data, offset, length, drep, limits);
        Object[] values = list.read(r);
        if (r.remaining() != 0 && !limits.allowTrailing()) {
            throw r.error("trailing bytes after the parameters: trailing=" + r.remaining() + ", limit=0");
        }
        return values;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }
}
