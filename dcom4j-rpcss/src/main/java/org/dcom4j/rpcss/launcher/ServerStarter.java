package org.dcom4j.rpcss.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Launcher.LaunchResponse;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.LocalAccounts.Directory;
import org.dcom4j.config.LocalAccounts.UnixUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one class's LocalServer32 as the right Unix user. The identity rule:
 * <table>
 * <caption>Who the server runs as</caption>
 * <tr><th>AppID RunAs</th><th>launcher is root</th><th>launcher is not root</th></tr>
 * <tr><td>absent</td><td colspan="2">the launcher's own user</td></tr>
 * <tr><td>the launcher's own user</td><td colspan="2">the launcher's own user</td></tr>
 * <tr><td>another Unix user U (also written {@code .\\U})</td><td>U, through {@code setpriv --reuid --regid --init-groups}</td>
 *     <td>refused: CO_E_RUNAS_LOGON_FAILURE (only root can switch users)</td></tr>
 * <tr><td>no such Unix user, or a Windows form (DOMAIN&#92;user, "Interactive User")</td>
 *     <td colspan="2">refused: CO_E_RUNAS_LOGON_FAILURE</td></tr>
 * </table>
 *
 * <p>The command line is split by {@link CommandLines} (no shell); its program must be an absolute
 * path or a name found on {@link #PATH}, and an executable regular file, else CO_E_SERVER_EXEC_FAILURE.
 * The child gets exactly three environment variables — {@code DCOM4J_RUNTIME}, {@code DCOM4J_STATE}
 * and {@code PATH=}{@value #PATH} — nothing of the launcher's own, {@code /} as its working
 * directory, {@code /dev/null} as stdin, and stdout and stderr appended to {@code logs/NAME-PID.log}
 * in the state directory (NAME: the ProgID, else the CLSID). Its exit is logged.
 *
 * <p>It keeps the {@link Process} of every server it started until that server exits, and
 * {@link #abandon} terminates only those: SIGTERM to the server and its descendants (as
 * {@link ProcessHandle#descendants()} sees them at that moment), SIGKILL after {@value #ABANDON_GRACE_MILLIS} ms
 * to whichever of them still runs. Any other pid is refused and logged, never signalled.
 *
 * <p>Thread-safe: immutable configuration and a concurrent map of the servers running.
 */
final class ServerStarter {
    /** The only PATH a server sees (and the only one the launcher searches for a bare program name). */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** How long an abandoned server has between SIGTERM and SIGKILL. */
    static final long ABANDON_GRACE_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(ServerStarter.class);

    private final Path runtimeDir;
    private final Path stateDir;
    private final Path logDir;
    private final Directory directory;
    private final int ownUid;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();

    ServerStarter(Path runtimeDir, Path stateDir, Directory directory, int ownUid) {
        this.runtimeDir = runtimeDir.toAbsolutePath();
        this.stateDir = stateDir.toAbsolutePath();
        this.logDir = this.stateDir.resolve("logs");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ownUid = ownUid;
    }

    Path logDir() {
        return logDir;
    }

    /** Starts {@code c}'s LocalServer32 (present) as {@code runAs} decides; never throws for a refusal. */
    LaunchResponse start(ComClass c, Optional<String> runAs) {
        String what = c.progId().orElse("{" + c.clsid() + "}");
        String ownName = directory.user(ownUid).map(UnixUser::name).orElse("uid=" + ownUid);
        UnixUser target = null;
        if (runAs.isPresent()) {
            String name = runAs.get().strip();
            if (name.startsWith(".\\")) {
                name = name.substring(2); // ".\\user": a local account, as DcomConfig reads RunAs too
            }
            Optional<UnixUser> u = name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?") ? directory.user(name) : Optional.empty();
            if (u.isEmpty()) {
                return refuse(Hresult.CO_E_RUNAS_LOGON_FAILURE, what, "RunAs \"" + name + "\" is not a Unix user of this machine");
            }
            if (u.get().uid() != ownUid) {
                if (ownUid != 0) {
                    return refuse(Hresult.CO_E_RUNAS_LOGON_FAILURE, what, "RunAs \"" + name + "\" (uid " + u.get().uid()
                            + ") needs a launcher running as root; this one runs as " + ownName + " (uid " + ownUid + ")");
                }
                target = u.get();
            }
        }
        List<String> argv;
        try {
            argv = new ArrayList<>(CommandLines.split(c.localServer32().orElseThrow()));
        } catch (IllegalArgumentException e) {
            return refuse(Hresult.CO_E_SERVER_EXEC_FAILURE, what, "bad LocalServer32: " + e.getMessage());
        }
        Optional<Path> program = executable(argv.getFirst());
        if (program.isEmpty()) {
            return refuse(Hresult.CO_E_SERVER_EXEC_FAILURE, what, "LocalServer32 program \"" + argv.getFirst()
                    + "\" is not an executable file (an absolute path, or a name on PATH=" + PATH + ")");
        }
        argv.set(0, program.get().toString());
        String account = ownName;
        if (target != null) {
            Optional<Path> setpriv = executable("setpriv");
            if (setpriv.isEmpty()) {
                return refuse(Hresult.CO_E_SERVER_EXEC_FAILURE, what, "setpriv (util-linux) not found on PATH=" + PATH
                        + ": cannot start a server as another user");
            }
            List<String> wrapped = new ArrayList<>(List.of(setpriv.get().toString(), "--reuid=" + target.uid(),
                    "--regid=" + target.gid(), "--init-groups", "--"));
            wrapped.addAll(argv);
            argv = wrapped;
            account = target.name();
        }
        return spawn(argv, what, account);
    }

    private LaunchResponse spawn(List<String> argv, String what, String account) {
        Path tmp = null;
        try {
            Files.createDirectories(logDir);
            tmp = Files.createTempFile(logDir, ".starting-", ".log");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(new File("/"))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.toFile()));
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("DCOM4J_RUNTIME", runtimeDir.toString());
            env.put("DCOM4J_STATE", stateDir.toString());
            env.put("PATH", PATH);
            Process p = pb.start();
            int pid = Math.toIntExact(p.pid());
            Path log = logDir.resolve(safe(what) + "-" + pid + ".log");
            Files.move(tmp, log, StandardCopyOption.ATOMIC_MOVE); // the child keeps writing to the open file
            LOG.info("launcher: started {} as {}: pid={}, command={}, log={}", what, account, pid, argv, log);
            running.put(pid, p);
            p.onExit().thenAccept(done -> {
                running.remove(pid, done);
                LOG.info("launcher: server {} (pid {}, {}) exited: code={}", what, pid, account, done.exitValue());
            });
            return new LaunchResponse(pid, account, Hresult.S_OK);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: an empty leftover log
                }
            }
            return refuse(Hresult.CO_E_SERVER_EXEC_FAILURE, what, "cannot start " + argv + ": " + e.getMessage());
        }
    }

    /**
     * Terminates the server {@code pid} and its descendants when this starter started it and it still
     * runs: SIGTERM now, SIGKILL after the grace to those still running. Returns at once.
     *
     * @return S_OK when signalled, E_INVALIDARG (logged, nothing signalled) for any other pid
     */
    int abandon(int pid) {
        Process p = running.get(pid);
        if (p == null || !p.isAlive()) {
            LOG.warn("launcher: refused Abandon of pid {}: not a server this launcher started that is still running", pid);
            return Hresult.E_INVALIDARG;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        LOG.warn("launcher: abandoning server pid {} (it did not register in time): SIGTERM to {} process(es), SIGKILL after {} ms",
                pid, tree.size(), ABANDON_GRACE_MILLIS);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture.runAsync(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(h -> {
            LOG.warn("launcher: pid {} (of abandoned server pid {}) ignored SIGTERM: SIGKILL", h.pid(), pid);
            h.destroyForcibly();
        }), CompletableFuture.delayedExecutor(ABANDON_GRACE_MILLIS, TimeUnit.MILLISECONDS));
        return Hresult.S_OK;
    }

    /** An absolute path or a bare name on {@link #PATH}, when it is an executable regular file. */
    static Optional<Path> executable(String program) {
        if (program.startsWith("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (program.isEmpty() || program.contains("/")) {
            return Optional.empty(); // relative paths would depend on the working directory
        }
        for (String dir : PATH.split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "");
    }

    private static LaunchResponse refuse(int hresult, String what, String why) {
        LOG.warn("launcher: not starting {}: {} ({})", what, why, Hresult.name(hresult));
        return new LaunchResponse(0, "", hresult);
    }
}
