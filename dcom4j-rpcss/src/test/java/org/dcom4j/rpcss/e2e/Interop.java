package org.dcom4j.rpcss.e2e;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The interop tests' tools: {@code /usr/bin/python3} with impacket, root, {@code ../shared/interop}
 * ({@code -Ddcom4j.interop.dir}), this module's scripts under {@code src/test/resources/interop}, and
 * running a command with a deadline (its process tree killed by PID when it overruns).
 */
final class Interop {
    static final String PYTHON = "/usr/bin/python3";
    static final Path SHARED = Path.of(System.getProperty("dcom4j.interop.dir", "../../shared/interop"));

    private Interop() {
    }

    record Result(int exit, String out) {
    }

    static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean hasImpacket() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            return run(List.of(PYTHON, "-c", "import impacket.dcerpc.v5.dcomrt"), Map.of(), 30).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A script of {@code src/test/resources/interop}. */
    static Path script(String name) {
        URL u = Interop.class.getResource("/interop/" + name);
        if (u == null) {
            throw new IllegalStateException("no test resource interop/" + name);
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Result python(Path script, List<String> args, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(args);
        return run(cmd, Map.of(), timeoutSeconds);
    }

    /** Runs {@code cmd}, stdout and stderr merged; exit -1 (tree killed) on timeout. */
    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (out) {
                    out.append(s);
                }
            } catch (IOException e) {
                synchronized (out) {
                    out.append("(output unreadable: ").append(e.getMessage()).append(')');
                }
            }
        });
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                destroyTree(p.toHandle());
                drain.join(2000);
                synchronized (out) {
                    return new Result(-1, "timed out after " + timeoutSeconds + " s: " + cmd + "\n" + out);
                }
            }
            drain.join(5000);
            synchronized (out) {
                return new Result(p.exitValue(), out.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(p.toHandle());
            return new Result(-1, "interrupted: " + cmd);
        }
    }

    /** SIGTERM to {@code h} and its descendants (each by PID), SIGKILL to what still lives 3 s later. */
    static void destroyTree(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle p : all) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
