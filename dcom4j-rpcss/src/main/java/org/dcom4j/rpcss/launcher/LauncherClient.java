package org.dcom4j.rpcss.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.dcom4j.com.scm.Launcher;
import org.dcom4j.com.scm.Launcher.LaunchRequest;
import org.dcom4j.com.scm.Launcher.LaunchResponse;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.ServerLauncher;

/**
 * rpcss's side of IDcom4jLauncher: each {@link #launch} is one Launch call on a fresh ncalrpc
 * connection to {@code RUNTIME/launcher/}{@value Launcher#NCALRPC_ENDPOINT} (launches are rare, and
 * a fresh connection survives a restarted launcher). When made by {@link LauncherProcess#start},
 * {@link #close} also stops the launcher process; otherwise it does nothing.
 *
 * <p>Thread-safe: calls share no connection.
 */
public final class LauncherClient implements ServerLauncher, AutoCloseable {
    private final Path runtimeDir;
    private final RpcClient client;
    private final Process process;

    /** A client of a launcher already running for {@code runtimeDir} (started by someone else). */
    public LauncherClient(Path runtimeDir) {
        this(runtimeDir, null);
    }

    LauncherClient(Path runtimeDir, Process process) {
        this.runtimeDir = Objects.requireNonNull(runtimeDir, "runtimeDir");
        this.client = new RpcClient(RpcClientConfig.defaults().withRuntimeDir(LauncherMain.socketDirectory(runtimeDir))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        this.process = process;
    }

    public Path runtimeDir() {
        return runtimeDir;
    }

    /** The launcher process this client owns, when {@link LauncherProcess#start} made it. */
    public java.util.Optional<ProcessHandle> process() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    @Override
    public Result launch(UUID clsid) throws IOException {
        try (RpcBinding b = client.bind("ncalrpc:[" + Launcher.NCALRPC_ENDPOINT + "]", Launcher.INTERFACE)) {
            LaunchResponse r = b.call(Launcher.LAUNCH, new LaunchRequest(clsid), LaunchResponse.class);
            return new Result(r.pid(), r.account() == null ? "" : r.account(), r.hresult());
        }
    }

    /**
     * Stops the owned launcher process: closes its stdin (it stops at EOF, which works after rpcss
     * dropped root and may no longer signal it), then SIGTERM, then SIGKILL after 5 s; servers it started
     * keep running.
     */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (java.io.IOException ignored) {
            // already closed: the signals below remain
        }
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
