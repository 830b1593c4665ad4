package org.dcom4j.config;

import java.nio.file.Path;

/**
 * The child process of {@link CrashSafetyTest}: writes values in a loop, each iteration one
 * transaction of two values, and prints the iteration's number once it has committed. Runs until killed.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        try (Registry r = Registry.open(Path.of(args[0]))) {
            for (int i = 0; ; i++) {
                int n = i;
                r.batch(Tokens.ADMIN, b -> {
                    b.set(CrashSafetyTest.KEY, RegValue.dword("v" + n, n));
                    b.set(CrashSafetyTest.KEY + "\\k" + (n % 10), RegValue.sz("w" + n, "value " + n));
                });
                r.eventLog().append(org.dcom4j.security.SecurityEvent.Level.INFORMATION, "crash-test", n, "wrote " + n,
                        java.util.Map.of());
                System.out.println(n);
                System.out.flush();
            }
        }
    }
}
