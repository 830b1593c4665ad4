package org.dcom4j.rpc.client;

/** A string binding that does not parse; {@link #position()} is the 0-based offset of the problem. */
public final class StringBindingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public StringBindingException(String text, int position, String problem) {
        super("bad string binding at position " + position + ": " + problem + ": " + text);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
