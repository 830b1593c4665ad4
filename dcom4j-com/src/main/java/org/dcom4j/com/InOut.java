package org.dcom4j.com;

/**
 * The holder of an {@code [in, out]} parameter: a client sends {@link #get()} and finds the value the
 * server left after the call; a server's method finds the holder set to the value it received.
 *
 * @param <T> the Java type of the parameter's value
 * @see Out
 */
public final class InOut<T> extends Out<T> {
    /** A holder without a value (null). */
    public InOut() {
    }

    /** A holder of {@code value}. */
    public InOut(T value) {
        super(value);
    }
}
