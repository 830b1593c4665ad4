package org.dcom4j.rpcss.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Launcher;
import org.dcom4j.com.scm.Launcher.AbandonRequest;
import org.dcom4j.com.scm.Launcher.AbandonResponse;
import org.dcom4j.com.scm.Launcher.LaunchRequest;
import org.dcom4j.com.scm.Launcher.LaunchResponse;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.ServerLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpcss's side of IDcom4jLauncher: each {@link #launch} (or {@link #abandon}) is one Launch (Abandon) call on a fresh ncalrpc
 * connection to {@code RUNTIME/launcher/}{@value Launcher#NCALRPC_ENDPOINT} (launches are rare, and
 * a fresh connection survives a restarted launcher). When made by {@link LauncherProcess#start},
 * {@link #close} also stops the launcher process; otherwise it does nothing.
 *
 * <p>Thread-safe: calls share no connection.
 */
public final class LauncherClient implements ServerLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherClient.class);
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

    /** One Abandon call for a started {@code launched}; a refusal by the launcher is logged. */
    @Override
    public void abandon(Result launched) throws IOException {
        if (!launched.started()) {
            return;
        }
        int hresult = abandon(launched.pid());
        if (Hresult.isFailure(hresult)) {
            LOG.warn("launcher refused to abandon pid {}: {}", launched.pid(), Hresult.name(hresult));
        }
    }

    /** The Abandon call itself: the launcher's HRESULT. */
    int abandon(int pid) throws IOException {
        try (RpcBinding b = client.bind("ncalrpc:[" + Launcher.NCALRPC_ENDPOINT + "]", Launcher.INTERFACE)) {
            return b.call(Launcher.ABANDON, new AbandonRequest(pid), AbandonResponse.class).hresult();
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
