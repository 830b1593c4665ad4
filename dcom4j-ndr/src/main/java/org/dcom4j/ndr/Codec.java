package org.dcom4j.ndr;

/**
 * The derived codec of one NDR type, in the two passes of C706 14.3.12: the scalar pass writes
 * what lies in place (primitives, referent ids, embedded structures' scalars) and the buffer pass
 * writes deferred pointer referents. {@code ctx} holds the values (encode) or decode states of the
 * enclosing record's components, where correlation attributes ({@code size_is} …) are evaluated.
 * Decoding returns a state from the scalar pass that the buffer pass turns into the final value;
 * codecs without pointers return the final value from the scalar pass.
 */
interface Codec {
    /** Alignment of the scalar part: 1, 2, 4 or 8. */
    int align();

    /** A lower bound of the wire size of one value, for checking counts against the bytes left. */
    int minSize();

    /** Whether this type ends in a conformant array whose max_count a structure hoists. */
    default boolean conformant() {
        return false;
    }

    /** Whether the buffer pass can write or read anything (pointers inside). */
    default boolean hasBuffers() {
        return false;
    }

    /**
     * Whether this codec reads {@code ctx} (a correlation attribute, here or in what it contains); when
     * no member of a record does, its generated codec passes no {@code ctx} and boxes nothing for it.
     */
    default boolean usesContext() {
        return false;
    }

    /**
     * Whether the buffer pass of this codec reads {@code ctx} (a pointer whose referent is correlated);
     * implies {@link #usesContext()}.
     */
    default boolean usesContextInBuffers() {
        return false;
    }

    /** The max_count to hoist for {@code v} (only when {@link #conformant()}). */
    default int conformance(Object v, Object[] ctx) {
        throw new IllegalStateException("not conformant");
    }

    /** {@code hoisted}: the max_count was already written at the start of the enclosing structure. */
    void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted);

    default void writeBuffers(Writer w, Object v, Object[] ctx) {
    }

    /** {@code hoistedMax}: the max_count read at the start of the enclosing structure, or -1. */
    Object readScalars(Reader r, Object[] ctx, int hoistedMax);

    default Object readBuffers(Reader r, Object state, Object[] ctx) {
        return state;
    }

    /** Both passes at once, for a value whose referents follow it directly (a parameter, a referent). */
    default Object read(Reader r, Object[] ctx) {
        return readBuffers(r, readScalars(r, ctx, -1), ctx);
    }
}
