package org.dcom4j.com;

/**
 * The holder of an {@code [out]} parameter of a {@link ComMethod}: a method parameter declared
 * {@code Out<X>} is an {@code [out]} parameter of NDR type {@code X} (the type argument carries the
 * type annotations: {@code Out<@Unique WireVariant>}, {@code Out<int[]>}; the Java parameter carries
 * the declaration ones: {@code @SizeIs("cNames") Out<int[]> rgDispId}). {@link InOut} marks
 * {@code [in, out]}. A client passes a holder and reads it after the call (also when the call throws
 * {@link ComException} for a failure HRESULT); a server's method finds a fresh holder and sets it.
 * {@code Out<Integer>} (and the other boxed primitives) without a pointer annotation is the plain
 * {@code long}: the server's holder starts at zero. Not thread-safe: it belongs to one call.
 *
 * @param <T> the Java type of the parameter's value
 */
public sealed class Out<T> permits InOut {
    private T value;

    /** A holder without a value (null). */
    public Out() {
    }

    /** A holder of {@code value}. */
    public Out(T value) {
        this.value = value;
    }

    public T get() {
        return value;
    }

    public void set(T value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + value + "]";
    }
}
