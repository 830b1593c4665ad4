package org.dcom4j.cli;

/**
 * A failure a command reports to the user as one line on stderr with a chosen exit code. Commands
 * throw it instead of printing and returning so that the message format and the exit code are
 * decided in one place ({@link Errors}).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input (exit 2): the message names the value and what was expected. */
    static CliException badInput(String message) {
        return new CliException(ExitCodes.BAD_INPUT, message);
    }

    /** A refusal (exit 1). */
    static CliException denied(String message) {
        return new CliException(ExitCodes.DENIED, message);
    }

    /** The environment does not allow it (exit 4): a port taken, a directory not writable. */
    static CliException environment(String message) {
        return new CliException(ExitCodes.ENVIRONMENT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
