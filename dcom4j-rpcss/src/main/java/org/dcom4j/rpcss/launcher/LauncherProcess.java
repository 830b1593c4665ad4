package org.dcom4j.rpcss.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the launcher as a child process of the daemon: {@code java -cp <this JVM's class path>
 * org.dcom4j.rpcss.launcher.LauncherMain --runtime R --state S --allowed-uid <our uid>
 * --exit-on-stdin-eof}, with its log (stderr) appended to {@code S/logs/launcher.log}. Returns once
 * the child says {@link LauncherMain#READY}. The child keeps the daemon's user: started by root, it
 * is root and may start servers as their RunAs users; rpcss may then drop its own privileges — the
 * launcher accepts the uid given now, so drop them only to the uid passed as {@code allowedUid}.
 * The child exits when the returned client is closed, or when the daemon dies (its stdin closes).
 */
public final class LauncherProcess {
    private static final long READY_TIMEOUT_SECONDS = 60;

    private LauncherProcess() {
    }

    /** {@link #start(Path, Path, int)} allowing this process's own uid. */
    public static LauncherClient start(Path runtimeDir, Path stateDir) throws IOException {
        return start(runtimeDir, stateDir, LauncherMain.currentUid());
    }

    /**
     * @param allowedUid the uid the launcher will accept calls from (the daemon's, after any privilege drop)
     * @throws IOException the child could not be started or did not become ready within 60 s
     */
    public static LauncherClient start(Path runtimeDir, Path stateDir, int allowedUid) throws IOException {
        Path logs = Files.createDirectories(stateDir.resolve("logs"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LauncherMain.class.getName(), "--runtime", runtimeDir.toAbsolutePath().toString(),
                "--state", stateDir.toAbsolutePath().toString(), "--allowed-uid", Integer.toString(allowedUid), "--exit-on-stdin-eof"));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("launcher.log").toFile()))
                .directory(new File("/"))
                .start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals(LauncherMain.READY)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }, r -> Thread.ofPlatform().daemon().name("launcher-ready").start(r));
        boolean ok;
        try {
            ok = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the launcher", e);
        } catch (ExecutionException | TimeoutException e) {
            ok = false;
        }
        if (!ok) {
            p.destroyForcibly();
            throw new IOException("the launcher did not start (see " + logs.resolve("launcher.log") + ")"
                    + (p.isAlive() ? "" : ": exit " + waitExit(p)));
        }
        return new LauncherClient(runtimeDir, p);
    }

    private static String waitExit(Process p) {
        try {
            return p.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
