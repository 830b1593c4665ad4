package org.dcom4j.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code .reg} file could not be parsed or applied. The message names the line and what was
 * expected, e.g. {@code line=7: expected "string", dword:, hex:, hex(N): or - after '=' but found "dwrod:1"};
 * when the file was read with {@link RegFile#read(Path)} it starts with the file's name:
 * {@code /tmp/ole.reg: line=7: …}. Nothing of the file was applied. Immutable.
 */
public final class RegFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String file;

    /**
     * @param line    the 1-based line, or 0 when the problem concerns the whole file
     * @param message what is wrong and what was expected
     */
    public RegFileException(int line, String message) {
        super(line > 0 ? "line=" + line + ": " + message : message);
        this.line = line;
        this.file = null;
    }

    private RegFileException(RegFileException e, Path file) {
        super(file + ": " + e.getMessage(), e);
        this.line = e.line;
        this.file = file.toString();
    }

    /** This problem as found in {@code file}: the message becomes {@code FILE: line=N: …}; the line stays. */
    public RegFileException inFile(Path file) {
        return this.file != null ? this : new RegFileException(this, file);
    }

    /** The 1-based line the problem is on, or 0 for the whole file (size, encoding of an empty file). */
    public int line() {
        return line;
    }

    /** The file the problem is in, when known (see {@link #inFile}). */
    public Optional<Path> file() {
        return Optional.ofNullable(file).map(Path::of);
    }
}
