package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process in a write loop loses no committed value and leaves a sound database. */
class CrashSafetyTest {
    static final String KEY = "HKLM\\SOFTWARE\\CrashTest";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigkillLosesNoCommittedValue() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString())
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        List<Integer> committed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                committed.add(Integer.parseInt(line.strip()));
                if (committed.size() == 100) {
                    // SIGKILL: no shutdown hooks, no finally blocks. Through the ProcessHandle, because
                    // Process.destroyForcibly() also closes our end of the pipe and we want the lines
                    // the child wrote before it died.
                    p.toHandle().destroyForcibly();
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(committed.size() >= 100, "child reported " + committed.size() + " commits; see child-stderr.txt");
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        try (Registry r = Registry.open(dir)) {
            assertEquals("ok", r.integrityCheck());
            for (int n : committed) {
                assertEquals(n, r.get(KEY, "v" + n).orElseThrow(() -> new AssertionError("lost v" + n)).asInt());
                assertEquals("value " + n, r.get(KEY + "\\k" + (n % 10), "w" + n).orElseThrow().asString());
            }
            // A transaction is all or nothing even when the kill lands inside it.
            for (var v : r.values(KEY)) {
                int n = Integer.parseInt(v.name().substring(1));
                assertTrue(r.get(KEY + "\\k" + (n % 10), "w" + n).isPresent(), "half a transaction for " + n);
            }
        }
    }
}
