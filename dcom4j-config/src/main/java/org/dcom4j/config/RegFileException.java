package org.dcom4j.config;

/**
 * A {@code .reg} file could not be parsed or applied. The message names the line and what was
 * expected, e.g. {@code line=7: expected "string", dword:, hex:, hex(N): or - after '=' but found "dwrod:1"};
 * nothing of the file was applied. Immutable.
 */
public final class RegFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the 1-based line, or 0 when the problem concerns the whole file
     * @param message what is wrong and what was expected
     */
    public RegFileException(int line, String message) {
        super(line > 0 ? "line=" + line + ": " + message : message);
        this.line = line;
    }

    /** The 1-based line the problem is on, or 0 for the whole file (size, encoding of an empty file). */
    public int line() {
        return line;
    }
}
