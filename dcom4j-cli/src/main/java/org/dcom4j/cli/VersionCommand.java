package org.dcom4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j version} (and {@code dcom4j --version}): the dcom4j version and the Java runtime it
 * runs on, the two facts a bug report needs first. The version comes from a resource Maven filters
 * at build time, so it is right whether the classes run from the jar or from {@code target/classes}.
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the dcom4j and Java versions.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : lines()) {
            spec.commandLine().getOut().println(line);
        }
        return ExitCodes.OK;
    }

    static String[] lines() {
        return new String[] {
            "dcom4j " + version(),
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ") at "
                    + System.getProperty("java.home"),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")};
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown (version.properties missing from the class path)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code --version} on the root command. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
