package org.dcom4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.dcom4j.security.Token;

/**
 * A parsed {@code .reg} file (regedit's "Windows Registry Editor Version 5.00" format, or
 * "REGEDIT4"), and export of registry keys in that format. See the module README for the grammar
 * accepted and the exact output written.
 *
 * <p>Parsing checks everything it can without a registry (syntax, key paths, value names and
 * sizes) and throws {@link RegFileException} naming the line. {@link #applyTo} applies the whole
 * file as one transaction with the caller's token: every write is checked, and any refusal or error
 * leaves nothing applied. Immutable and thread-safe.
 */
public final class RegFile {
    /** How an export is encoded. */
    public enum Format {
        /** What regedit writes to a file: UTF-16LE with a byte-order mark, CRLF line ends. */
        REGEDIT,
        /** UTF-8 without a byte-order mark, LF line ends: for a terminal or a pipe. */
        UTF8
    }

    private final List<RegOp> ops;
    private final Path source;

    private RegFile(List<RegOp> ops, Path source) {
        this.ops = ops;
        this.source = source;
    }

    /** Parses a file's bytes (encoding detected by its byte-order mark; UTF-8 without one). */
    public static RegFile parse(byte[] bytes) {
        return new RegFile(RegFileParser.parse(bytes), null);
    }

    /** Parses text already decoded. */
    public static RegFile parse(String text) {
        return new RegFile(RegFileParser.parse(text), null);
    }

    /**
     * Reads and parses a file, refusing one larger than 64 MiB before reading it. A
     * {@link RegFileException}, in parsing and later in {@link #applyTo}, starts with the file's
     * name: {@code FILE: line=7: …}.
     *
     * @throws RegFileException             when the file does not parse (see {@link RegFileException#file()})
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static RegFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(RegFileParser.MAX_FILE_BYTES + 1);
            if (b.length > RegFileParser.MAX_FILE_BYTES) {
                throw new RegFileException(0, "file too large: bytes>" + RegFileParser.MAX_FILE_BYTES
                        + ", limit=" + RegFileParser.MAX_FILE_BYTES).inFile(file);
            }
            return new RegFile(RegFileParser.parse(b), file);
        } catch (RegFileException e) {
            throw e.inFile(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of {@code [KEY]} and {@code [-KEY]} lines. */
    public int keyCount() {
        return (int) ops.stream().filter(o -> o instanceof RegOp.CreateKey || o instanceof RegOp.DeleteKey).count();
    }

    /** The number of value lines (sets and deletions). */
    public int valueCount() {
        return ops.size() - keyCount();
    }

    List<RegOp> operations() {
        return ops;
    }

    /**
     * Applies the file to {@code registry} as {@code token}, in one transaction.
     *
     * @throws AccessDeniedException when a write is refused (the message starts with its {@code line=N})
     * @throws RegFileException      when an operation cannot be done (e.g. {@code [-HKEY_LOCAL_MACHINE]})
     */
    public void applyTo(Registry registry, Token token) {
        Objects.requireNonNull(registry, "registry");
        registry.batch(token, b -> {
            for (RegOp op : ops) {
                try {
                    switch (op) {
                        case RegOp.CreateKey k -> b.createKey(k.key());
                        case RegOp.DeleteKey k -> b.deleteKey(k.key());
                        case RegOp.SetValue v -> b.set(v.key(), v.value());
                        case RegOp.DeleteValue v -> b.deleteValue(v.key(), v.name());
                    }
                } catch (AccessDeniedException e) {
                    throw e.withContext("line=" + op.line() + ": ");
                } catch (IllegalArgumentException e) {
                    RegFileException r = new RegFileException(op.line(), e.getMessage());
                    throw source == null ? r : r.inFile(source);
                }
            }
        });
    }

    /** The file as regedit 5.00 text with LF line ends (what {@link #parse} reads back to the same operations). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        RegWriter.header(sb);
        String section = null;
        for (RegOp op : ops) {
            switch (op) {
                case RegOp.CreateKey k -> RegWriter.keyLine(sb, section = k.key(), false);
                case RegOp.DeleteKey k -> {
                    RegWriter.keyLine(sb, k.key(), true);
                    section = null;
                }
                case RegOp.SetValue v -> {
                    if (!v.key().equals(section)) {
                        RegWriter.keyLine(sb, section = v.key(), false);
                    }
                    RegWriter.valueLine(sb, v.value());
                }
                case RegOp.DeleteValue v -> {
                    if (!v.key().equals(section)) {
                        RegWriter.keyLine(sb, section = v.key(), false);
                    }
                    RegWriter.deleteValueLine(sb, v.name());
                }
            }
        }
        return sb.append('\n').toString();
    }

    /**
     * Exports {@code key} and everything below it as regedit does: keys depth-first with subkeys in
     * enumeration order, values in enumeration order. Paths print with long root names
     * ({@code HKEY_LOCAL_MACHINE\…}); a key asked for through {@code HKCR} prints as
     * {@code HKEY_CLASSES_ROOT\…}. Reads one consistent snapshot.
     *
     * @throws IllegalArgumentException when the key does not exist
     */
    public static byte[] export(Registry registry, String key, Format format) {
        return RegWriter.encode(exportText(registry, key), format);
    }

    /** {@link #export} as text with LF line ends. */
    public static String exportText(Registry registry, String key) {
        KeyPath p = KeyPath.parse(key);
        StringBuilder sb = new StringBuilder(4096);
        RegWriter.header(sb);
        boolean found = registry.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow row = ks.find(p);
            if (row == null) {
                return false;
            }
            exportKey(ks, row, p.viaClassesRoot(), sb);
            return true;
        });
        if (!found) {
            throw new IllegalArgumentException("no such key: " + p.canonical());
        }
        return sb.append('\n').toString();
    }

    private static void exportKey(KeyStore ks, KeyStore.KeyRow row, boolean classesRoot, StringBuilder sb)
            throws java.sql.SQLException {
        RegWriter.keyLine(sb, KeyPath.longForm(row.path(), classesRoot), false);
        for (RegValue v : ks.values(row.id())) {
            RegWriter.valueLine(sb, v);
        }
        for (String name : ks.subkeyNames(row.id())) {
            KeyStore.KeyRow child = ks.find(KeyPath.fold(row.path() + "\\" + name));
            if (child != null) {
                exportKey(ks, child, classesRoot, sb);
            }
        }
    }

    @Override
    public String toString() {
        return "RegFile[keys=" + keyCount() + ", values=" + valueCount() + "]";
    }
}
