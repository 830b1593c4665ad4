package org.dcom4j.rpcss.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import org.dcom4j.com.scm.Launcher;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.UnixTransport;
import org.dcom4j.rpcss.RpcssException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher process (the seed's DCOMLaunch): serves IDcom4jLauncher on
 * {@code ncalrpc:[}{@value Launcher#NCALRPC_ENDPOINT}{@code ]} in its own private directory
 * {@code RUNTIME/launcher} — mode 0700, owned by the one uid allowed to call (rpcss's; the launcher
 * creates it, and as root gives it and the socket to that uid) — and starts the local servers of
 * registered classes ({@link ServerStarter}). It reads the config store itself and never writes it.
 *
 * <pre>
 *   rpcss (uid D) ──AF_UNIX, SO_PEERCRED uid == D──▶ launcher (root or D) ──setpriv──▶ server (RunAs)
 * </pre>
 *
 * <p>{@link #main} is the process entry point {@link LauncherProcess} runs and {@code dcom4j launcher}
 * delegates to {@link #start}. Thread-safe; {@link #close} is idempotent.
 */
public final class LauncherMain implements AutoCloseable {
    /** The line {@link #main} prints on stdout once it accepts calls (read by {@link LauncherProcess}). */
    public static final String READY = "dcom4j-launcher: ready";
    private static final Logger LOG = LoggerFactory.getLogger(LauncherMain.class);

    /**
     * @param runtimeDir the daemon's runtime directory; the launcher's socket goes in {@code runtimeDir/launcher}
     * @param stateDir   the config store (must exist) and {@code logs/} for the servers' output
     * @param allowedUid the only uid that may call (rpcss's)
     */
    public record Options(Path runtimeDir, Path stateDir, int allowedUid) {
        public Options {
            Objects.requireNonNull(runtimeDir, "runtimeDir");
            Objects.requireNonNull(stateDir, "stateDir");
            if (allowedUid < 0) {
                throw new IllegalArgumentException("allowedUid=" + allowedUid + ", limit=0..");
            }
        }
    }

    private final Registry registry;
    private final RpcServer server;
    private final Path socketDir;
    private final CountDownLatch closed = new CountDownLatch(1);

    private LauncherMain(Registry registry, RpcServer server, Path socketDir) {
        this.registry = registry;
        this.server = server;
        this.socketDir = socketDir;
    }

    /** The private directory holding the launcher's socket: {@code runtimeDir/launcher}. */
    public static Path socketDirectory(Path runtimeDir) {
        return runtimeDir.resolve("launcher");
    }

    /** The uid of this process. */
    public static int currentUid() {
        return Math.toIntExact(new com.sun.security.auth.module.UnixSystem().getUid());
    }

    /**
     * Opens the store, prepares the private directory and starts serving.
     *
     * @throws RpcssException no store in the state directory, or the directory or socket cannot be set up
     */
    public static LauncherMain start(Options options) {
        if (!Files.isRegularFile(options.stateDir().resolve("registry.db"))) {
            throw new RpcssException("no dcom4j store in " + options.stateDir() + " (create one with: dcom4j config init --state "
                    + options.stateDir() + ")");
        }
        int ownUid = currentUid();
        Path dir = socketDirectory(options.runtimeDir());
        Registry registry = Registry.open(options.stateDir());
        RpcServer server = new RpcServer(RpcServerConfig.defaults());
        try {
            privateDirectory(dir, ownUid, options.allowedUid());
            ServerStarter starter = new ServerStarter(options.runtimeDir(), options.stateDir(), LocalAccounts.Directory.system(), ownUid);
            server.register(new LauncherService(registry, starter, options.allowedUid()).rpcInterface());
            server.listen(new UnixTransport(dir), Launcher.NCALRPC_ENDPOINT);
            Path socket = dir.resolve(Launcher.NCALRPC_ENDPOINT);
            if (ownUid == 0 && options.allowedUid() != 0) {
                // connect(2) on a socket file needs write permission on it: give it to the caller's uid.
                Files.setAttribute(socket, "unix:uid", options.allowedUid(), LinkOption.NOFOLLOW_LINKS);
            }
            LOG.info("launcher: IDcom4jLauncher on ncalrpc:[{}] at {}, callers: uid {} only; running as uid {}; logs in {}",
                    Launcher.NCALRPC_ENDPOINT, socket, options.allowedUid(), ownUid, starter.logDir());
        } catch (IOException | RuntimeException e) {
            server.close();
            registry.close();
            throw new RpcssException("launcher: cannot serve in " + dir + ": " + e.getMessage(), e);
        }
        return new LauncherMain(registry, server, dir);
    }

    /** Creates {@code dir} (not a symlink) with mode 0700, owned by {@code allowedUid} when we are root. */
    static void privateDirectory(Path dir, int ownUid, int allowedUid) throws IOException {
        Files.createDirectories(dir.getParent());
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; the launcher's directory must be a real directory");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (ownUid == 0 && allowedUid != 0) {
            Files.setAttribute(dir, "unix:uid", allowedUid, LinkOption.NOFOLLOW_LINKS);
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != ownUid && owner != allowedUid) {
            throw new IOException(dir + " is owned by uid " + owner + ", neither this launcher's (" + ownUid
                    + ") nor the allowed caller's (" + allowedUid + ")");
        }
    }

    public Path socketDirectory() {
        return socketDir;
    }

    /** Blocks until {@link #close}. */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        server.close();
        registry.close();
        closed.countDown();
    }

    /**
     * {@code LauncherMain --runtime DIR --state DIR [--allowed-uid UID] [--exit-on-stdin-eof]}: serves
     * until SIGTERM; with {@code --exit-on-stdin-eof} also until its stdin closes (its parent, the
     * daemon, died). Prints {@link #READY} on stdout once serving. Exit 2 on bad arguments, 4 when it
     * cannot start.
     */
    public static void main(String[] args) throws InterruptedException {
        Path runtime = null;
        Path state = null;
        Integer allowed = null;
        boolean watchStdin = false;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runtime" -> runtime = Path.of(args[++i]);
                    case "--state" -> state = Path.of(args[++i]);
                    case "--allowed-uid" -> allowed = Integer.parseInt(args[++i]);
                    case "--exit-on-stdin-eof" -> watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown argument \"" + args[i] + "\"");
                }
            }
            if (runtime == null || state == null) {
                throw new IllegalArgumentException("--runtime DIR and --state DIR are required");
            }
        } catch (RuntimeException e) {
            System.err.println("dcom4j-launcher: " + e.getMessage()
                    + "; usage: LauncherMain --runtime DIR --state DIR [--allowed-uid UID] [--exit-on-stdin-eof]");
            System.exit(2);
            return;
        }
        LauncherMain launcher;
        try {
            launcher = start(new Options(runtime, state, allowed == null ? currentUid() : allowed));
        } catch (RuntimeException e) {
            System.err.println("dcom4j-launcher: " + e.getMessage());
            System.exit(4);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "launcher-shutdown"));
        if (watchStdin) {
            Thread.ofPlatform().daemon().name("launcher-parent-watch").start(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // nothing is ever sent; EOF means the parent is gone
                    }
                } catch (IOException ignored) {
                    // treated as EOF
                }
                LOG.info("launcher: stdin closed (the daemon is gone): stopping");
                System.exit(0);
            });
        }
        out.println(READY);
        launcher.awaitShutdown();
    }
}
