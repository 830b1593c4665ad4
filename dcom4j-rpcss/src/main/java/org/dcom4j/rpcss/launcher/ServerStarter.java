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
 * <p>Thread-safe: holds only immutable configuration.
 */
final class ServerStarter {
    /** The only PATH a server sees (and the only one the launcher searches for a bare program name). */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Logger LOG = LoggerFactory.getLogger(ServerStarter.class);

    private final Path runtimeDir;
    private final Path stateDir;
    private final Path logDir;
    private final Directory directory;
    private final int ownUid;

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
            p.onExit().thenAccept(done -> LOG.info("launcher: server {} (pid {}, {}) exited: code={}",
                    what, pid, account, done.exitValue()));
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
