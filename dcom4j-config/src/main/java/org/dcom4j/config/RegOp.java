package org.dcom4j.config;

/**
 * One operation of a parsed {@code .reg} file, with the line it came from (for error messages).
 * Keys are kept as written in the file; they were checked when parsed. Immutable.
 */
sealed interface RegOp {
    int line();

    String key();

    /** {@code [KEY]}: create the key (and missing ancestors). */
    record CreateKey(int line, String key) implements RegOp {
    }

    /** {@code [-KEY]}: delete the key and everything below it. */
    record DeleteKey(int line, String key) implements RegOp {
    }

    /** {@code "name"=data} or {@code @=data}. */
    record SetValue(int line, String key, RegValue value) implements RegOp {
    }

    /** {@code "name"=-}. */
    record DeleteValue(int line, String key, String name) implements RegOp {
    }
}
