package org.dcom4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.dcom4j.config.AccessDeniedException;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.security.Token;

/**
 * One command's use of the config store: the open {@link Registry}, the local account mapping and
 * the caller's token, closed together. Every write a command makes goes through {@link #caller()},
 * the token of the Unix user running the JVM, so the store's key security decides (a CLI flag can
 * never make a write more privileged).
 *
 * <p>A write the store refuses ({@link #write}) fails with exit 1 and ends with who may write, the
 * one thing a refused administrator-to-be needs to know next.
 *
 * <p>Only {@code config init} creates a store; every other command refuses a directory without one,
 * because silently creating an empty store there would hide a mistyped {@code --state}.
 */
final class StoreSession implements AutoCloseable {
    /** The database file {@link Registry#open} keeps in the state directory. */
    static final String DATABASE = "registry.db";

    private final Path dir;
    private final Registry registry;
    private LocalAccounts accounts;
    private Token caller;

    private StoreSession(Path dir, Registry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    /** Opens an existing store; bad input (exit 2) when {@code dir} holds none. */
    static StoreSession open(Path dir) {
        if (!exists(dir)) {
            throw CliException.badInput("no dcom4j store in " + dir + " (create one with: dcom4j config init --state "
                    + dir + ")");
        }
        return new StoreSession(dir, Registry.open(dir));
    }

    /** Opens the store in {@code dir}, creating it (and the machine SID) when missing. */
    static StoreSession create(Path dir) {
        return new StoreSession(dir, Registry.open(dir));
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(DATABASE));
    }

    Path dir() {
        return dir;
    }

    Registry registry() {
        return registry;
    }

    LocalAccounts accounts() {
        if (accounts == null) {
            accounts = LocalAccounts.open(registry);
        }
        return accounts;
    }

    /** The token of the user running this command: what every write is checked against. */
    Token caller() {
        if (caller == null) {
            caller = accounts().currentUser();
        }
        return caller;
    }

    /** Runs one write; a refusal by the store becomes exit 1 with {@link #adminHint()}. */
    void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    /** {@link #write(Runnable)} for a write that answers something. */
    <T> T write(Supplier<T> action) {
        try {
            return action.get();
        } catch (AccessDeniedException e) {
            throw refused(e, "");
        }
    }

    /** The refusal {@code e}, {@code context} in front (e.g. the {@code .reg} file), the hint behind. */
    CliException refused(AccessDeniedException e, String context) {
        return new CliException(ExitCodes.DENIED, context + e.getMessage() + " " + adminHint(), e);
    }

    /** {@code (run it as root or as a member of the Unix group dcom4j-admins)}, with the configured group. */
    String adminHint() {
        return "(run it as root or as a member of the Unix group " + accounts().adminsGroup() + ")";
    }

    @Override
    public void close() {
        registry.close();
    }
}
