package org.dcom4j.ndr;

/**
 * The wire form of an operation's parameter list, shared by {@link NdrParameters} records and
 * {@link NdrParameterCodec}. Each parameter is written in order, aligned relative to the start of
 * the stub, and is followed directly by its own deferred referents (C706 14.3.12.3: the referents
 * of a top-level construction follow it; a parameter is top-level). There is no structure
 * alignment and no max_count hoisting: a conformant array parameter carries its max_count in
 * place.
 * <pre>
 * op([in] long n, [in, size_is(n)] short *a, [in, unique] S *s)  with S = struct { [unique] long *p; }
 * n(4) | max_count(4) a[0..n-1] | referent_id(4) | S: referent_id(4) | *p(4)
 * </pre>
 */
final class ParameterList {
    private final Codec[] codecs;
    /** The generated code of this list ({@link CodecGenerator#parameters}), or null: the generic loop. */
    private final GeneratedCodec generated;

    ParameterList(Codec[] codecs) {
        this.codecs = codecs.clone();
        this.generated = CodecGenerator.parameters(this.codecs);
    }

    /** The generated codec, or null when generation was not possible (the generic loop runs). */
    GeneratedCodec generated() {
        return generated;
    }

    /** Whether {@code codec} accepts a Java {@code null} (a pointer, or a value not on the wire). */
    static boolean nullable(Codec codec) {
        return codec instanceof PointerCodec || codec instanceof LocalCodec;
    }

    void write(Writer w, Object[] vals) {
        if (generated != null) {
            generated.write(w, vals);
        } else {
            writeGeneric(w, vals);
        }
    }

    /** The generic loop (also what the generated code is compared with in tests). */
    void writeGeneric(Writer w, Object[] vals) {
        for (int i = 0; i < codecs.length; i++) {
            codecs[i].writeScalars(w, vals[i], vals, false);
            codecs[i].writeBuffers(w, vals[i], vals);
        }
    }

    /**
     * Reads the parameters in order; later parameters' correlations see the earlier ones' values.
     * {@link NotTransmitted} parameters come back as their type's default value.
     */
    Object[] read(Reader r) {
        return generated != null ? generated.read(r) : readGeneric(r);
    }

    Object[] readGeneric(Reader r) {
        Object[] vals = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            vals[i] = codecs[i].read(r, vals);
        }
        for (int i = 0; i < codecs.length; i++) {
            if (codecs[i] instanceof LocalCodec local) {
                vals[i] = local.defaultValue();
            }
        }
        return vals;
    }
}
