package org.dcom4j.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegValue;
import org.dcom4j.samples.calculator.CalculatorIds;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j samples install}: registers the Dcom4j.Calculator sample so that activating it makes
 * the launcher start {@code /path/to/dcom4j calculator-server}. Idempotent: the class is rewritten
 * each time, the AppID gets its name and keeps whatever permissions and RunAs an administrator set.
 */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Install the sample COM servers.",
        subcommands = SamplesCommand.Install.class)
final class SamplesCommand {
    /** The system property naming the repository (the directory holding the {@code dcom4j} script). */
    static final String HOME_PROPERTY = "dcom4j.home";

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Register Dcom4j.Calculator: CLSID {DFD9FD6B-7834-44CC-9311-760A14F0D774},",
                "AppID {C0795241-7FC0-420F-85F1-4CABB2FA1EA5} \"Dcom4j Calculator\", started on demand",
                "by the launcher as '/path/to/dcom4j calculator-server'. Safe to run again."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Option(names = "--server", paramLabel = "CMDLINE", description = {"LocalServer32 to register instead of",
            "'<this repository>/dcom4j calculator-server'."})
        String server;

        @Override
        public Integer call() {
            String command = server != null ? server.strip() : defaultCommand();
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                s.write(() -> install(s.registry(), s.caller(), command));
                out.println("installed " + CalculatorIds.PROGID + ": AppID " + Guids.braced(CalculatorIds.APPID) + " \""
                        + CalculatorIds.NAME + "\", class " + Guids.braced(CalculatorIds.CLSID));
                out.println("  LocalServer32: " + command);
                return ExitCodes.OK;
            }
        }
    }

    /** The Calculator's LocalServer32: this repository's script with the hidden server command. */
    static String defaultCommand() {
        return quote(script().toString()) + " " + CalculatorIds.SERVER_COMMAND;
    }

    /** Registers the Calculator's AppID name and class (keeping the AppID's permissions and RunAs); idempotent. */
    static void install(org.dcom4j.config.Registry registry, org.dcom4j.security.Token caller, String command) {
        ComClass c = new ComClass(CalculatorIds.CLSID, CalculatorIds.NAME, Optional.of(CalculatorIds.APPID),
                Optional.of(command), Optional.of(CalculatorIds.PROGID));
        String appKey = DcomConfig.appIdKey(CalculatorIds.APPID);
        registry.batch(caller, b -> b.set(appKey, RegValue.sz("", CalculatorIds.NAME)));
        ComClasses.register(registry, caller, c);
    }

    /**
     * The {@code dcom4j} script: {@code $dcom4j.home/dcom4j} when the property is set, else the first
     * directory above this class's jar (or classes directory) that holds an executable {@code dcom4j}
     * next to a {@code pom.xml} — the repository, for {@code dcom4j-cli/target/dcom4j-cli-*.jar}.
     */
    static Path script() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            Path p = Path.of(home, "dcom4j").toAbsolutePath();
            if (!Files.isExecutable(p)) {
                throw CliException.environment("-D" + HOME_PROPERTY + "=" + home + " holds no executable dcom4j script");
            }
            return p;
        }
        Path from = codeSource();
        for (Path d = from; d != null; d = d.getParent()) {
            Path candidate = d.resolve("dcom4j");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw CliException.environment("cannot find the dcom4j script above " + from + ": run ./dcom4j from the repository, set -D"
                + HOME_PROPERTY + "=DIR, or give --server CMDLINE");
    }

    private static Path codeSource() {
        CodeSource cs = SamplesCommand.class.getProtectionDomain().getCodeSource();
        try {
            return cs == null ? Path.of("").toAbsolutePath() : Path.of(cs.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** A word the launcher's splitter reads back unchanged: as is when plain, else in single quotes. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9/._+,:@%=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
