package org.dcom4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code dcom4j} command lines in-process through the real picocli tree ({@link Main#run}),
 * capturing stdout and stderr, optionally against one state directory.
 */
final class Cli {
    private final Path state;

    Cli(Path state) {
        this.state = state;
    }

    /** The outcome of one command line. */
    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code args} as given. */
    static Result exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code args} with {@code --state DIR} appended (picocli accepts options after positionals). */
    Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--state");
        all.add(state.toString());
        return exec(all.toArray(String[]::new));
    }
}
