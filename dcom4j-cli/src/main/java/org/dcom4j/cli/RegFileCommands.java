package org.dcom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dcom4j.config.AccessDeniedException;
import org.dcom4j.config.RegFile;
import org.dcom4j.config.RegFileException;
import org.dcom4j.config.Registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j config import} and {@code config export}: regedit's {@code .reg} format, so a
 * Windows administrator's export of {@code HKLM\SOFTWARE\Microsoft\Ole} or of an AppID loads
 * unchanged, and what we export opens in regedit. An import is one transaction with the caller's
 * token: a syntax error ({@code FILE: line=N: …}) or a refused write applies nothing.
 */
final class RegFileCommands {
    private RegFileCommands() {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Apply a .reg file as one transaction.",
                "Reads regedit 5.00 and REGEDIT4 files, UTF-16LE or UTF-8. A syntax error",
                "(reported as FILE: line=N: ...) or a refused write applies nothing."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "FILE.reg",
                description = "A .reg file, e.g. what 'config export --output' or regedit wrote.")
        Path file;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw CliException.badInput("cannot read " + file + ": " + (Files.isDirectory(file) ? "is a directory"
                        : Files.exists(file) ? "permission denied" : "no such file"));
            }
            // Every error names the file: an administrator importing several files must know which one failed.
            String where = file + ": ";
            RegFile reg;
            try {
                reg = RegFile.read(file);
            } catch (RegFileException e) {
                throw new CliException(ExitCodes.BAD_INPUT, prefixed(where, e.getMessage()), e);
            }
            try (StoreSession s = StoreSession.open(state.dir())) {
                try {
                    reg.applyTo(s.registry(), s.caller());
                } catch (RegFileException e) {
                    throw new CliException(ExitCodes.BAD_INPUT, prefixed(where, e.getMessage()), e);
                } catch (AccessDeniedException e) {
                    throw s.refused(e, where);
                }
            }
            spec.commandLine().getOut().println("imported " + file + ": " + reg.keyCount() + " key line(s), "
                    + reg.valueCount() + " value line(s)");
            return ExitCodes.OK;
        }
    }

    /** {@code where} in front of {@code message}, unless the message already starts with it. */
    static String prefixed(String where, String message) {
        return message.startsWith(where) ? message : where + message;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export KEY (default HKLM) and everything below it in regedit's format.",
                "To stdout as UTF-8, or with --output to a file as regedit writes it",
                "(UTF-16LE with BOM, CRLF)."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", defaultValue = "HKLM",
                description = "The key to export (default: ${DEFAULT-VALUE}).")
        String key;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Write FILE in regedit's own encoding (UTF-16LE with BOM, CRLF) instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            try (StoreSession s = StoreSession.open(state.dir())) {
                Registry reg = s.registry();
                ConfigCommand.existingKey(reg, key);
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(RegFile.exportText(reg, key));
                    return ExitCodes.OK;
                }
                byte[] bytes = RegFile.export(reg, key, RegFile.Format.REGEDIT);
                try {
                    Files.write(output, bytes);
                } catch (IOException e) {
                    // The user's own path, not the state directory: bad input (exit 2), not environment (4).
                    throw new CliException(ExitCodes.BAD_INPUT, "cannot write " + output + ": " + IoReasons.reason(e), e);
                }
                spec.commandLine().getOut().println("exported " + reg.canonicalPath(key).orElse(key) + " to " + output
                        + " (" + bytes.length + " bytes, UTF-16LE)");
                return ExitCodes.OK;
            }
        }
    }
}
