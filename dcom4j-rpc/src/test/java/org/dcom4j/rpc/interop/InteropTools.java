package org.dcom4j.rpc.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the interop tests of this package share: where {@code ../shared/interop} is, whether we are
 * root, whether a tool is installed, and running a command to completion with a deadline (killed by
 * its own PID, with its descendants, if it overruns).
 */
final class InteropTools {
    static final Path DIR = Path.of(System.getProperty("dcom4j.interop.dir", "../shared/interop"));

    private InteropTools() {
    }

    /** The effective uid of this JVM: the owner of {@code /proc/self}. -1 when unknown (not Linux). */
    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    static boolean isRoot() {
        return uid() == 0;
    }

    static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    record Result(int exit, String out) {
    }

    /** Runs {@code cmd} with stdout and stderr merged; exit -1 and the process tree killed on timeout. */
    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            // Output is small; read it on this thread after the exit would risk a full pipe, so drain concurrently.
            StringBuilder out = new StringBuilder();
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.append("(output unreadable: ").append(e.getMessage()).append(')');
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                destroyTree(p.toHandle());
                drain.join(2000);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + cmd + "\n" + out);
            }
            drain.join(5000);
            return new Result(p.exitValue(), out.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(p.toHandle());
            return new Result(-1, "interrupted: " + cmd);
        }
    }

    /** SIGTERM to {@code h} and its descendants (each by PID), SIGKILL to whatever is still alive 3 s later. */
    static void destroyTree(ProcessHandle h) {
        List<ProcessHandle> all = new java.util.ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle p : all) {
            while (p.isAlive() && !isZombie(p.pid()) && System.nanoTime() < deadline) {
                sleep(50);
            }
            if (p.isAlive() && !isZombie(p.pid())) {
                p.destroyForcibly();
            }
        }
    }

    /** True when {@code pid} has exited but not been reaped (its parent is not us, e.g. a daemon re-parented to init). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return true; // gone
        }
    }

    /** Alive and not a zombie. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    /** Deletes {@code dir} and everything under it (best effort: sockets and files a dead daemon left). */
    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left behind in the temp dir
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
