package org.dcom4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dcom4j.config.RegType;
import org.dcom4j.config.RegValue;
import org.dcom4j.security.SecurityDescriptor;

/**
 * How {@code config get} shows registry values. The first line is always {@code TYPE data} so a
 * script can {@code read type data}; what follows only adds: the strings of a REG_MULTI_SZ one per
 * line, and for a REG_BINARY that decodes as a self-relative security descriptor its SDDL, because
 * nobody can read an ACL from hex.
 */
final class ValueFormat {
    /** A listing shows at most this many bytes of a binary that is not a descriptor. */
    private static final int LIST_HEX_BYTES = 24;

    private ValueFormat() {
    }

    /** The full form of one value, for {@code config get KEY NAME}. */
    static List<String> full(RegValue v) {
        List<String> lines = new ArrayList<>();
        switch (v.type()) {
            case REG_SZ, REG_EXPAND_SZ, REG_LINK -> lines.add(v.type() + " " + v.asString());
            case REG_DWORD, REG_QWORD -> lines.add(v.type() + " " + number(v));
            case REG_MULTI_SZ -> {
                List<String> items = v.asStrings();
                lines.add(v.type() + " (" + items.size() + (items.size() == 1 ? " string)" : " strings)"));
                lines.addAll(items);
            }
            default -> {
                lines.add(v.type() + " " + Hex.format(v.data()));
                descriptor(v).ifPresent(sd -> lines.add("SDDL: " + sd.toSddl()));
            }
        }
        return lines;
    }

    /** One line per value, for {@code config get KEY}: name, type, a short form of the data. */
    static String listed(RegValue v) {
        String name = v.name().isEmpty() ? "(Default)" : v.name();
        String data = switch (v.type()) {
            case REG_SZ, REG_EXPAND_SZ, REG_LINK -> v.asString();
            case REG_DWORD, REG_QWORD -> number(v);
            case REG_MULTI_SZ -> String.join(" | ", v.asStrings());
            default -> descriptor(v).map(sd -> sd.toSddl() + "  (" + v.size() + " bytes)").orElseGet(() -> shortHex(v));
        };
        return String.format("  %-38s %-13s %s", name, v.type(), data);
    }

    /** {@code 0x00000002 (2)}; a DWORD or QWORD of the wrong size shows as hex bytes. */
    static String number(RegValue v) {
        if (v.type() == RegType.REG_DWORD && v.size() == 4) {
            return String.format("0x%08x (%d)", v.asInt(), Integer.toUnsignedLong(v.asInt()));
        }
        if (v.type() == RegType.REG_QWORD && v.size() == 8) {
            return String.format("0x%016x (%s)", v.asLong(), Long.toUnsignedString(v.asLong()));
        }
        return Hex.format(v.data()) + "  (" + v.size() + " bytes: not a valid " + v.type() + ")";
    }

    private static String shortHex(RegValue v) {
        byte[] d = v.data();
        if (d.length <= LIST_HEX_BYTES) {
            return Hex.format(d);
        }
        return Hex.format(Arrays.copyOf(d, LIST_HEX_BYTES)) + " ... (" + d.length + " bytes)";
    }

    /** The descriptor a REG_BINARY value holds, if it decodes as one. */
    static Optional<SecurityDescriptor> descriptor(RegValue v) {
        if (v.type() != RegType.REG_BINARY || v.size() < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecurityDescriptor.fromBytes(v.data()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
