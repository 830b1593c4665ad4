package org.dcom4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code dcom4j} command: one picocli command per group ({@code sd}, {@code access},
 * {@code config}, {@code app}, {@code class}, {@code samples}, {@code exposure}, {@code eventlog},
 * {@code user}, {@code group}, {@code daemon}, {@code launcher}, {@code rpcdump},
 * {@code rpc}, {@code version}); the
 * {@code ./dcom4j} launcher script adds {@code test}, which runs Maven and never reaches Java.
 *
 * <p>Exit codes are the contract scripts rely on (see {@link ExitCodes}): 0 success or ALLOW,
 * 1 DENY / INVALID / refused by the store, 2 bad input, 3 a flagged exposure with
 * {@code --fail-on-flag}, 4 an environment failure (store unreadable, I/O). Errors are one line on
 * stderr; {@code --verbose} adds the stack trace, for bug reports only.
 *
 * <p>Output goes to the writers given to {@link #run}, so tests drive the real command tree
 * in-process; {@link #main} binds them to stdout and stderr in UTF-8 whatever the locale says, so
 * account names and exported {@code .reg} text survive a {@code LANG=C} shell.
 */
@Command(name = "dcom4j", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = {
            "Windows DCE/RPC, COM/DCOM and the XP SP2 / Server 2003 SP1 DCOM security model, on the JVM.",
            "",
            "Run './dcom4j test' (launcher only) to run every test."},
        subcommands = {
            SdCommand.class,
            AccessCommand.class,
            ConfigCommand.class,
            AppCommand.class,
            ClassCommand.class,
            SamplesCommand.class,
            ExposureCommand.class,
            EventLogCommand.class,
            UserCommand.class,
            GroupCommand.class,
            DaemonCommand.class,
            LauncherCommand.class,
            CalculatorServerCommand.class,
            RpcdumpCommand.class,
            RpcCommand.class,
            ComCommand.class,
            CalcCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success; ALLOW; VALID (warnings, if any, on stderr)",
            "  1  DENY; INVALID; a write refused by the store (not an administrator);",
            "     rpc call: a fault or a refused bind; rpcdump: a fault",
            "     config init refused because other values are in place (see --force)",
            "  2  bad input: usage, GUID, SID, SDDL, hex, number, value type, time,",
            "     .reg syntax; no store in the state directory (\"no dcom4j store in ...\");",
            "     an unknown user, group, key, value or AppID; a file that cannot be",
            "     read (import) or written (export --output)",
            "  3  exposure --fail-on-flag found a flagged row",
            "  4  environment: the state directory or its store cannot be created, read",
            "     or written; daemon: a port or socket cannot be bound; rpcdump, rpc call:",
            "     the server cannot be reached; an internal error",
            "     (run with --verbose for the stack trace)"})
public final class Main {
    /** Read by {@link Errors} from the parse result; inherited so it works after any subcommand. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the error line (for bug reports).")
    boolean verbose;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with output to {@code out} and errors to {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(out, err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree: case-insensitive enum values, one-line errors, mapped exit codes. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Errors::handleParameterException);
        cl.setExecutionExceptionHandler(Errors::handleExecutionException);
        return cl;
    }
}
