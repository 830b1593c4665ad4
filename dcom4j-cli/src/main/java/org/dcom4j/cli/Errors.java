package org.dcom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import org.dcom4j.config.AccessDeniedException;
import org.dcom4j.config.ConfigStoreException;
import org.dcom4j.config.RegFileException;
import org.dcom4j.security.SecurityFormatException;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an {@link ExitCodes exit code}: an administrator
 * reading {@code dcom4j: …} must see what was wrong and where, never a stack trace
 * ({@code --verbose} prints the trace after the line, for bug reports).
 *
 * <p>The libraries' exceptions already carry precise messages ({@code position=…},
 * {@code line=…}, {@code offset=…}); this class only decides the exit code and adds the command
 * name, so the same failure reads the same everywhere.
 */
final class Errors {
    private Errors() {
    }

    /** Usage errors (unknown option, missing argument, bad enum value): exit 2. */
    static int handleParameterException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (!cl.getSubcommands().isEmpty() && String.valueOf(e.getMessage()).startsWith("Missing required subcommand")) {
            // "dcom4j config" alone: the list of subcommands is the useful answer.
            cl.usage(err);
            return ExitCodes.BAD_INPUT;
        }
        err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return ExitCodes.BAD_INPUT;
    }

    /** Failures while a command runs. */
    static int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code = exitCode(e);
        String message = message(e, code);
        err.println(rootName(cl) + ": " + message);
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof AccessDeniedException) {
            return ExitCodes.DENIED;
        }
        if (e instanceof SecurityFormatException || e instanceof RegFileException
                || e instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.ENVIRONMENT;
    }

    private static String message(Throwable e, int code) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        m = IoReasons.explain(m, e);   // "cannot create X: X" says where twice and never why
        if (code != ExitCodes.ENVIRONMENT || e instanceof CliException || e instanceof ConfigStoreException) {
            return m;   // the store's own message names the file and the cause
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof SQLException) {
            return "I/O failure: " + m;
        }
        // A bug, not bad input: say so, and how to get the detail.
        return "internal error: " + e.getClass().getName() + ": " + m + " (run with --verbose for the stack trace)";
    }

    private static String rootName(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommandName();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
