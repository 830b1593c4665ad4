package org.dcom4j.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A registry value: its name ({@code ""} is the key's default value, printed {@code @}), its type
 * and its data in the raw Windows encoding — strings UTF-16LE with a terminating NUL, integers
 * little-endian — so that {@code .reg} hex forms round-trip byte for byte. Any bytes are accepted
 * for any type (as {@code RegSetValueEx} accepts them); the typed accessors check the shape.
 *
 * <p>Immutable: {@code data} is copied in and {@link #data()} returns a copy.
 *
 * @param name the value name: at most {@value #MAX_NAME_LENGTH} characters, no control characters
 * @param type the value type
 * @param data the raw data, at most {@value #MAX_DATA_BYTES} bytes
 */
public record RegValue(String name, RegType type, byte[] data) {
    /** Windows' limit on a value name, in UTF-16 units. */
    public static final int MAX_NAME_LENGTH = 16_383;
    /** dcom4j's limit on a value's data (Windows allows more; nothing DCOM stores comes close). */
    public static final int MAX_DATA_BYTES = 1 << 20;

    public RegValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        checkName(name);
        if (data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("value data too large: name=\"" + name + "\", bytes=" + data.length
                    + ", limit=" + MAX_DATA_BYTES);
        }
        data = data.clone();
    }

    static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("value name too long: length=" + name.length() + ", limit="
                    + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20) {
                throw new IllegalArgumentException("value name contains control character U+"
                        + String.format("%04X", (int) name.charAt(i)) + " at index=" + i);
            }
        }
    }

    /** A value of any type from its raw bytes. */
    public static RegValue of(String name, RegType type, byte[] data) {
        return new RegValue(name, type, data);
    }

    /** REG_SZ: {@code s} in UTF-16LE plus a NUL. */
    public static RegValue sz(String name, String s) {
        return new RegValue(name, RegType.REG_SZ, utf16z(s));
    }

    /** REG_EXPAND_SZ: {@code s} (with %VARIABLE% references left unexpanded) in UTF-16LE plus a NUL. */
    public static RegValue expandSz(String name, String s) {
        return new RegValue(name, RegType.REG_EXPAND_SZ, utf16z(s));
    }

    /** REG_MULTI_SZ: each string NUL-terminated, then one more NUL (an empty list is a single NUL pair). */
    public static RegValue multiSz(String name, List<String> strings) {
        if (strings.isEmpty()) {
            return new RegValue(name, RegType.REG_MULTI_SZ, new byte[2]);
        }
        long len = 2;
        for (String s : strings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("REG_MULTI_SZ cannot hold an empty string (it would end the list)");
            }
            len += 2L * s.length() + 2;
        }
        if (len > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("value data too large: name=\"" + name + "\", bytes=" + len
                    + ", limit=" + MAX_DATA_BYTES);
        }
        byte[] out = new byte[(int) len];
        int off = 0;
        for (String s : strings) {
            byte[] b = utf16z(s);
            System.arraycopy(b, 0, out, off, b.length);
            off += b.length;
        }
        return new RegValue(name, RegType.REG_MULTI_SZ, out);
    }

    /** REG_DWORD, little-endian. */
    public static RegValue dword(String name, int value) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return new RegValue(name, RegType.REG_DWORD, b);
    }

    /** REG_QWORD, little-endian. */
    public static RegValue qword(String name, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return new RegValue(name, RegType.REG_QWORD, b);
    }

    /** REG_BINARY. */
    public static RegValue binary(String name, byte[] data) {
        return new RegValue(name, RegType.REG_BINARY, data);
    }

    /** REG_NONE with the given bytes. */
    public static RegValue none(String name, byte[] data) {
        return new RegValue(name, RegType.REG_NONE, data);
    }

    /** A copy of the raw data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The number of data bytes. */
    public int size() {
        return data.length;
    }

    /** Same as {@link #data()}. */
    public byte[] asBytes() {
        return data.clone();
    }

    /**
     * The text of a REG_SZ, REG_EXPAND_SZ or REG_LINK value, up to its first NUL (or the end, when
     * unterminated; an odd last byte is ignored, as Windows ignores it).
     *
     * @throws IllegalStateException for other types
     */
    public String asString() {
        if (!type.isString()) {
            throw wrongType("REG_SZ or REG_EXPAND_SZ");
        }
        return decodeUtf16z(data, 0, data.length & ~1);
    }

    /** The strings of a REG_MULTI_SZ value (an empty string ends the list, as Windows reads it). */
    public List<String> asStrings() {
        if (type != RegType.REG_MULTI_SZ) {
            throw wrongType("REG_MULTI_SZ");
        }
        List<String> out = new ArrayList<>();
        int end = data.length & ~1;
        int start = 0;
        for (int i = 0; i < end; i += 2) {
            if (data[i] == 0 && data[i + 1] == 0) {
                if (i == start) {
                    return out;
                }
                out.add(new String(data, start, i - start, StandardCharsets.UTF_16LE));
                start = i + 2;
            }
        }
        if (start < end) {
            out.add(new String(data, start, end - start, StandardCharsets.UTF_16LE));
        }
        return out;
    }

    /** The value of a 4-byte REG_DWORD. */
    public int asInt() {
        if (type != RegType.REG_DWORD || data.length != 4) {
            throw wrongType("REG_DWORD of 4 bytes");
        }
        return (data[0] & 0xFF) | (data[1] & 0xFF) << 8 | (data[2] & 0xFF) << 16 | (data[3] & 0xFF) << 24;
    }

    /** The value of an 8-byte REG_QWORD (or a 4-byte REG_DWORD, widened unsigned). */
    public long asLong() {
        if (type == RegType.REG_DWORD && data.length == 4) {
            return Integer.toUnsignedLong(asInt());
        }
        if (type != RegType.REG_QWORD || data.length != 8) {
            throw wrongType("REG_QWORD of 8 bytes");
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[i] & 0xFF);
        }
        return v;
    }

    private IllegalStateException wrongType(String expected) {
        return new IllegalStateException("value \"" + name + "\" is " + type + " of " + data.length
                + " bytes, not " + expected);
    }

    /** The data as an administrator reads it: text, a number, a list, or hex bytes. */
    public String displayData() {
        if (type.isString()) {
            return "\"" + asString() + "\"";
        }
        if (type == RegType.REG_DWORD && data.length == 4) {
            return String.format("0x%08x (%d)", asInt(), Integer.toUnsignedLong(asInt()));
        }
        if (type == RegType.REG_QWORD && data.length == 8) {
            return String.format("0x%016x (%s)", asLong(), Long.toUnsignedString(asLong()));
        }
        if (type == RegType.REG_MULTI_SZ) {
            return asStrings().stream().map(s -> "\"" + s + "\"").toList().toString();
        }
        return HexFormat.ofDelimiter(" ").formatHex(data);
    }

    static byte[] utf16z(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a registry string cannot hold NUL (U+0000): index=" + s.indexOf('\0'));
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        return Arrays.copyOf(b, b.length + 2);
    }

    static String decodeUtf16z(byte[] b, int from, int to) {
        for (int i = from; i + 1 < to; i += 2) {
            if (b[i] == 0 && b[i + 1] == 0) {
                return new String(b, from, i - from, StandardCharsets.UTF_16LE);
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_16LE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegValue v && name.equals(v.name) && type == v.type && Arrays.equals(data, v.data);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type.hashCode()) * 31 + Arrays.hashCode(data);
    }

    /** {@code "name" REG_SZ "text"}; the default value prints as {@code @}. */
    @Override
    public String toString() {
        return (name.isEmpty() ? "@" : "\"" + name + "\"") + " " + type + " " + displayData();
    }
}
