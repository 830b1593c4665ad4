package org.dcom4j.cli;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The {@code --state DIR} option every command that touches the config store mixes in. The
 * default follows the XDG base directory convention for state that should survive reboots but is
 * not configuration a user edits by hand: {@code $DCOM4J_STATE}, else
 * {@code $XDG_STATE_HOME/dcom4j}, else {@code /var/lib/dcom4j} for root (a machine service's state: the
 * daemon drops root, and its user must be able to reach the store, which it cannot under a {@code 0700}
 * {@code /root}), else {@code ~/.local/state/dcom4j}.
 */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR",
            description = {"The state directory (config store, event log).",
                // One short line each: picocli wraps after '.', which split "~/.local" in two.
                "Default: $DCOM4J_STATE,", "else $XDG_STATE_HOME/dcom4j,", "else /var/lib/dcom4j for root,",
                "else ~/.local/state/dcom4j"})
    Path state;

    /** The directory to use. */
    Path dir() {
        if (state != null) {
            return state;
        }
        // ~ is $HOME as the shell sees it; Java's user.home comes from the password database instead.
        String home = System.getenv("HOME");
        return defaultDir(System.getenv(), home != null && !home.isBlank() ? home : System.getProperty("user.home"),
                System.getProperty("user.name"));
    }

    /** The default for the given environment and home directory of a user other than root; pure, for tests. */
    static Path defaultDir(Map<String, String> env, String home) {
        return defaultDir(env, home, null);
    }

    /** The default for the given environment, home directory and user name; pure, for tests. */
    static Path defaultDir(Map<String, String> env, String home, String user) {
        String explicit = env.get("DCOM4J_STATE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_STATE_HOME");
        // The XDG spec: a relative XDG_STATE_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "dcom4j");
        }
        return "root".equals(user) ? Path.of("/var/lib/dcom4j") : Path.of(home, ".local", "state", "dcom4j");
    }
}
