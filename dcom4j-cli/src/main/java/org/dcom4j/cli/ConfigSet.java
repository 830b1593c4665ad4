package org.dcom4j.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;

import org.dcom4j.config.RegType;
import org.dcom4j.config.RegValue;
import org.dcom4j.security.SecurityDescriptor;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dcom4j config set KEY NAME DATA… --type T}: one typed value, written with the caller's
 * token. The data is read the way {@code reg.exe add} reads it, with two additions an administrator
 * of DCOM needs: {@code --sddl} stores an SDDL string as the self-relative REG_BINARY descriptor
 * Windows expects, and a value that DCOM reads as a COM permission is checked against the COM
 * validity rules, and every value DCOM reads is checked for its type and meaning ({@link ValueWarnings}),
 * with a warning — not a refusal, since testing fail-closed behaviour is legitimate.
 *
 * <p>REG_MULTI_SZ takes its strings as separate arguments ({@code a b c}), not as one argument with
 * {@code \0} separators: shells pass arguments verbatim, while a backslash escape would need
 * quoting rules of its own.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set a value; the key is created when missing.",
            "DATA by type:",
            "  REG_SZ, REG_EXPAND_SZ  one string",
            "  REG_MULTI_SZ           zero or more strings, one argument each",
            "  REG_DWORD, REG_QWORD   decimal or 0x hexadecimal",
            "  REG_BINARY             hex: '01 00 04 80', '01,00,04,80' or '01000480';",
            "                         with --sddl: SDDL, stored as a self-relative",
            "                         security descriptor"})
final class ConfigSet implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Parameters(index = "0", paramLabel = "KEY", description = "e.g. HKLM\\SOFTWARE\\Microsoft\\Ole (created when missing)")
    String key;

    @Parameters(index = "1", paramLabel = "NAME", description = "The value name ('@' = default value).")
    String name;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "DATA",
            description = "The data, read by --type (see above); REG_MULTI_SZ takes one argument per string.")
    List<String> data = List.of();

    @Option(names = "--type", paramLabel = "TYPE", converter = TypeConverter.class,
            description = "REG_SZ (default), REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD or REG_BINARY")
    RegType type;

    @Option(names = "--sddl", description = "DATA is SDDL; store it as a REG_BINARY self-relative security descriptor.")
    boolean sddl;

    @Override
    public Integer call() {
        RegValue value = value();
        PrintWriter out = spec.commandLine().getOut();
        String path;
        try (StoreSession s = StoreSession.open(state.dir())) {
            s.write(() -> s.registry().set(s.caller(), key, value));
            path = s.registry().canonicalPath(key).orElse(key);
            out.println("set " + path + " " + (value.name().isEmpty() ? "(Default)" : value.name()));
            ValueFormat.full(value).forEach(l -> out.println("  " + l));
        }
        ValueWarnings.of(path, value).forEach(spec.commandLine().getErr()::println);
        return ExitCodes.OK;
    }

    RegValue value() {
        String n = ConfigCommand.valueName(name);
        RegType t = type != null ? type : sddl ? RegType.REG_BINARY : RegType.REG_SZ;
        if (sddl && t != RegType.REG_BINARY) {
            throw CliException.badInput("--sddl stores a REG_BINARY descriptor; it cannot be combined with --type " + t);
        }
        if (t == RegType.REG_MULTI_SZ) {
            return RegValue.multiSz(n, data);
        }
        if (data.size() != 1) {
            throw CliException.badInput(t + " takes exactly one DATA argument, got " + data.size()
                    + (data.size() > 1 ? " (quote a string that contains spaces)" : ""));
        }
        String d = data.get(0);
        return switch (t) {
            case REG_SZ -> RegValue.sz(n, d);
            case REG_EXPAND_SZ -> RegValue.expandSz(n, d);
            case REG_DWORD -> RegValue.dword(n, (int) integer(d, 32));
            case REG_QWORD -> RegValue.qword(n, integer(d, 64));
            case REG_BINARY -> RegValue.binary(n, sddl ? SecurityDescriptor.fromSddl(d).toBytes() : Hex.parse(d));
            default -> throw CliException.badInput("cannot set " + t + " here; use 'dcom4j config import' with a .reg file");
        };
    }

    /**
     * An unsigned (or, for convenience, negative two's-complement) integer of {@code bits} bits,
     * decimal or {@code 0x} hexadecimal.
     */
    static long integer(String text, int bits) {
        String s = text.strip().replace("_", "");
        boolean hex = s.regionMatches(true, 0, "0x", 0, 2);
        BigInteger v;
        try {
            v = hex ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        } catch (NumberFormatException e) {
            throw CliException.badInput("bad number \"" + text + "\": expected decimal (e.g. 2) or hexadecimal (e.g. 0x2)");
        }
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        if (v.compareTo(max) > 0 || v.compareTo(min) < 0 || (hex && v.signum() < 0)) {
            throw CliException.badInput("number out of range for " + (bits == 32 ? "REG_DWORD" : "REG_QWORD") + ": "
                    + text + ", allowed " + min + " to " + max + " (0x" + max.toString(16) + ")");
        }
        return v.longValue();
    }

    /** {@code --type}: {@link RegType#parse}, its message kept as the error. */
    static final class TypeConverter implements ITypeConverter<RegType> {
        @Override
        public RegType convert(String value) {
            try {
                return RegType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
