package org.dcom4j.config;

import java.util.Locale;

/**
 * Registry value types, with the numbers Windows uses (winnt.h) and regedit prints as {@code hex(N):}.
 * dcom4j stores the twelve standard types; other numbers are refused.
 */
public enum RegType {
    REG_NONE(0),
    /** A NUL-terminated UTF-16LE string. */
    REG_SZ(1),
    /** A NUL-terminated UTF-16LE string holding %VARIABLE% references. */
    REG_EXPAND_SZ(2),
    REG_BINARY(3),
    /** A 32-bit little-endian integer. */
    REG_DWORD(4),
    REG_DWORD_BIG_ENDIAN(5),
    REG_LINK(6),
    /** NUL-terminated UTF-16LE strings followed by one more NUL. */
    REG_MULTI_SZ(7),
    REG_RESOURCE_LIST(8),
    REG_FULL_RESOURCE_DESCRIPTOR(9),
    REG_RESOURCE_REQUIREMENTS_LIST(10),
    /** A 64-bit little-endian integer. */
    REG_QWORD(11);

    private static final RegType[] BY_CODE = values();

    private final int code;

    RegType(int code) {
        this.code = code;
    }

    /** The type number, as stored and as printed in {@code hex(N):}. */
    public int code() {
        return code;
    }

    /** True for the types whose data is UTF-16LE text (REG_SZ, REG_EXPAND_SZ, REG_LINK). */
    public boolean isString() {
        return this == REG_SZ || this == REG_EXPAND_SZ || this == REG_LINK;
    }

    /**
     * The type with this number.
     *
     * @throws IllegalArgumentException for numbers outside 0–11
     */
    public static RegType ofCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unsupported value type " + code + " (0x" + Long.toHexString(code)
                    + "): dcom4j stores the standard types 0-11 (REG_NONE to REG_QWORD)");
        }
        return BY_CODE[(int) code];
    }

    /** Parses {@code REG_SZ}, {@code reg_sz} or {@code SZ}; a clear error listing the names otherwise. */
    public static RegType parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (!n.startsWith("REG_")) {
            n = "REG_" + n;
        }
        for (RegType t : BY_CODE) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown value type \"" + name
                + "\": expected REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD, REG_BINARY or REG_NONE");
    }
}
