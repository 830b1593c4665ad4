package org.dcom4j.cli;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The {@code --state DIR} option every command that touches the config store mixes in. The
 * default follows the XDG base directory convention for state that should survive reboots but is
 * not configuration a user edits by hand: {@code $DCOM4J_STATE}, else
 * {@code $XDG_STATE_HOME/dcom4j}, else {@code ~/.local/state/dcom4j}.
 */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR",
            description = {"The state directory (config store, event log).",
                // One short line each: picocli wraps after '.', which split "~/.local" in two.
                "Default: $DCOM4J_STATE,", "else $XDG_STATE_HOME/dcom4j,", "else ~/.local/state/dcom4j"})
    Path state;

    /** The directory to use. */
    Path dir() {
        if (state != null) {
            return state;
        }
        // ~ is $HOME as the shell sees it; Java's user.home comes from the password database instead.
        String home = System.getenv("HOME");
        return defaultDir(System.getenv(), home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    /** The default for the given environment and home directory; pure, for tests. */
    static Path defaultDir(Map<String, String> env, String home) {
        String explicit = env.get("DCOM4J_STATE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_STATE_HOME");
        // The XDG spec: a relative XDG_STATE_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "dcom4j");
        }
        return Path.of(home, ".local", "state", "dcom4j");
    }
}
