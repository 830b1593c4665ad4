package org.dcom4j.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Token;

/**
 * What a user does with a store: opens it, reads a value, appends to the event log, and tries a
 * write as a non-administrator and as an administrator; prints one {@code name=value} line for each.
 * Run in-process, or in its own JVM as another Unix user by {@link ReadOnlyStoreTest}.
 */
final class StoreProbe {
    static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Ole";

    private StoreProbe() {
    }

    /** {@code StoreProbe STATE_DIR [VALUE_TO_WRITE]} */
    public static void main(String[] args) {
        run(Path.of(args[0]), args.length > 1 ? args[1] : "probe", System.out);
    }

    static void run(Path state, String write, PrintStream out) {
        try (Registry reg = Registry.open(state)) {
            out.println("readOnly=" + reg.readOnly());
            out.println("get=" + reg.get(KEY, "Probe").map(RegValue::asString).orElse("(absent)"));
            reg.eventLog().append(SecurityEvent.Level.WARNING, "probe", 1, "probe entry", Map.of());
            out.println("log=ok");
            out.println("alice=" + attempt(reg, Tokens.ALICE, write));
            out.println("admin=" + attempt(reg, Tokens.ADMIN, write));
        } catch (RuntimeException e) {
            out.println("failed=" + e);
        }
    }

    private static String attempt(Registry reg, Token token, String value) {
        try {
            reg.set(token, KEY, RegValue.sz("Probe", value));
            return "written";
        } catch (AccessDeniedException | ConfigStoreException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
