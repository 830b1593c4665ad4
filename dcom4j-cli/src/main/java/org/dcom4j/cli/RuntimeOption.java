package org.dcom4j.cli;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The {@code --runtime DIR} option: where the ncalrpc (AF_UNIX) sockets live. The default follows
 * the XDG convention for runtime files: {@code $DCOM4J_RUNTIME}, else {@code $XDG_RUNTIME_DIR/dcom4j},
 * else {@code /run/dcom4j} for root, else {@code /tmp/dcom4j-USER}. The daemon and its local
 * clients must agree on it, which the shared default makes automatic for one user.
 */
final class RuntimeOption {
    @Option(names = "--runtime", paramLabel = "DIR",
            description = {"Where the ncalrpc sockets live.", "Default: $DCOM4J_RUNTIME,", "else $XDG_RUNTIME_DIR/dcom4j,",
                "else /run/dcom4j for root,", "else /tmp/dcom4j-$USER"})
    Path runtime;

    Path dir() {
        return runtime != null ? runtime : defaultDir(System.getenv(), System.getProperty("user.name"));
    }

    /** The default for the given environment and user; pure, for tests. */
    static Path defaultDir(Map<String, String> env, String user) {
        String explicit = env.get("DCOM4J_RUNTIME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "dcom4j");
        }
        return "root".equals(user) ? Path.of("/run/dcom4j") : Path.of("/tmp", "dcom4j-" + user);
    }
}
