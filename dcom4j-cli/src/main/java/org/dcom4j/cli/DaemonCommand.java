package org.dcom4j.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.Callable;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.dcom4j.config.ComClasses;
import org.dcom4j.rpcss.PrivilegeDrop;
import org.dcom4j.config.PingSettings;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.rpcss.launcher.LauncherMain;
import org.dcom4j.rpcss.launcher.LauncherProcess;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.rpcss.RpcssException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j daemon}: runs the machine service in the foreground until SIGTERM or Ctrl-C, which
 * run the JVM's shutdown hooks: the hook closes the service (stop accepting, finish calls, remove
 * the socket files, close the store). The process then exits with the JVM's status for the signal,
 * 143 after SIGTERM and 130 after Ctrl-C (128 + the signal number; the main thread's own exit waits
 * behind the hooks and cannot change it), which is what {@code DaemonCommandTest} asserts; a service
 * manager should count 143 as a clean stop (systemd: {@code SuccessExitStatus=143}).
 *
 * <p>Started as root, rpcss becomes {@code --user} (default {@value #DEFAULT_USER}) once its ports and
 * sockets are bound and the launcher (which keeps root) is started, before it serves any request; a
 * user that does not exist is refused before anything is bound. {@code --stay-root} (or
 * {@code --user root}) keeps root, with a warning.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run rpcss (the endpoint mapper, DCOM activation and the object resolver, the",
            "Dcom4jEcho sample) and its launcher in the foreground. rpcss listens on TCP (--port)",
            "and ncalrpc:[epmapper]; an administrator's first start also registers the",
            "Dcom4j.Calculator sample, which the launcher starts on demand. Logs to stderr.",
            "SIGTERM or Ctrl-C stops it cleanly (exit status 143 or 130: the JVM's",
            "status for the signal). A port or socket that cannot be bound: exit 4."})
final class DaemonCommand implements Callable<Integer> {
    /** The user rpcss becomes when started as root without {@code --user}: present on every Debian system. */
    static final String DEFAULT_USER = "nobody";

    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Mixin
    RuntimeOption runtime;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "135",
            description = "The endpoint mapper's TCP port (default ${DEFAULT-VALUE}; below 1024 needs root; 0 = any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "The address to listen on (default ${DEFAULT-VALUE}: every interface; 127.0.0.1: this machine only).")
    String bind;

    @Option(names = "--user", paramLabel = "USER",
            description = {"Started as root, run rpcss as USER once its ports are bound (default " + DEFAULT_USER + ";",
                "a dedicated system user is better). The launcher keeps root. Not root: only your own user."})
    String user;

    @Option(names = "--stay-root", description = "Started as root, keep rpcss root (not recommended: it faces the network).")
    boolean stayRoot;

    @Override
    public Integer call() throws InterruptedException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw CliException.badInput("bad --bind address \"" + bind + "\": unknown host");
        }
        if (port < 0 || port > 0xFFFF) {
            throw CliException.badInput("--port out of range: " + port + ", allowed 0-65535");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrivilegeDrop.Target target = target(err);
        int rpcssUid = target != null ? target.uid() : LauncherMain.currentUid();
        // rpcss never starts processes: the launcher does, in a process of its own started once the ports
        // are bound and before rpcss drops root, so it keeps root; it accepts calls from rpcss's final uid only.
        AtomicReference<LauncherClient> launcher = new AtomicReference<>();
        ServerLauncher viaLauncher = new ServerLauncher() {
            @Override
            public Result launch(UUID clsid) throws IOException {
                LauncherClient l = launcher.get();
                return l != null ? l.launch(clsid) : ServerLauncher.NONE.launch(clsid);
            }

            @Override
            public void abandon(Result launched) throws IOException {
                LauncherClient l = launcher.get();
                if (l != null) {
                    l.abandon(launched);
                }
            }
        };
        PingSettings ping = pingSettings(); // HKLM\SOFTWARE\dcom4j\Dcom: the servers started with the store read the same
        Rpcss rpcss;
        try {
            rpcss = Rpcss.start(new Rpcss.Options(address, port, state.dir(), runtime.dir())
                    .withDcom(DcomOptions.defaults().withLauncher(viaLauncher).withPing(ping.period(), ping.missedPings()))
                    .withUser(target), bound -> {
                        try {
                            launcher.set(LauncherProcess.start(runtime.dir(), state.dir(), rpcssUid));
                        } catch (IOException | RuntimeException e) {
                            err.println("rpcss: WARNING: the launcher did not start (" + e.getMessage() + "); classes are"
                                    + " served only by servers already running");
                        }
                        installSampleOnce(err);
                    });
        } catch (RpcssException e) {
            LauncherClient l = launcher.get();
            if (l != null) {
                l.close();
            }
            throw CliException.environment(e.getMessage());
        }
        Thread hook = new Thread(() -> {
            rpcss.close();
            LauncherClient l = launcher.get();
            if (l != null) {
                l.close();
            }
        }, "rpcss-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("rpcss: endpoint mapper on ncacn_ip_tcp:" + address.getHostAddress() + "[" + rpcss.endpointMapperPort()
                + "] and ncalrpc:[" + Rpcss.EPM_NCALRPC + "] (runtime " + runtime.dir() + ", state " + state.dir() + ")");
        err.println("rpcss: Dcom4jEcho 3baeb06b-ae30-4a06-932c-4ec77578e619 v1.0 on ncacn_ip_tcp:" + address.getHostAddress()
                + "[" + rpcss.echoPort() + "] and ncalrpc:[" + Rpcss.ECHO_NCALRPC + "]");
        err.println("rpcss: DCOM activation and the object resolver on ncacn_ip_tcp:" + address.getHostAddress() + "["
                + rpcss.endpointMapperPort() + "] and ncalrpc:[" + Rpcss.EPM_NCALRPC + "]; launcher "
                + (launcher.get() != null ? "running" : "NOT running"));
        err.println(target != null ? "rpcss: runs as user " + target.name() + " (uid " + target.uid() + "), the launcher as root"
                : "rpcss: runs as uid " + rpcssUid + (rpcssUid == 0 ? " (WARNING: root; --user names an unprivileged user)" : ""));
        err.println("rpcss: running; SIGTERM or Ctrl-C stops it");
        err.flush();
        rpcss.awaitShutdown();
        return ExitCodes.OK;
    }

    /**
     * The user to become, resolved before anything is bound: null to stay (not root, or root told to
     * stay). A missing user, or {@code --user} naming someone else when not root, is refused.
     */
    private PrivilegeDrop.Target target(PrintWriter err) {
        if (stayRoot && user != null && !user.equals("root")) {
            throw CliException.badInput("--stay-root and --user " + user + " contradict each other: give one");
        }
        if (LauncherMain.currentUid() != 0) {
            String me = System.getProperty("user.name");
            if (user != null && !user.equals(me)) {
                throw CliException.badInput("--user " + user + ": only root can run rpcss as another user (this is " + me + ")");
            }
            return null;
        }
        if (stayRoot || "root".equals(user)) {
            err.println("rpcss: WARNING: rpcss keeps root (" + (stayRoot ? "--stay-root" : "--user root")
                    + "); a flaw in it would give away the machine");
            return null;
        }
        try {
            return PrivilegeDrop.resolve(user != null ? user : DEFAULT_USER);
        } catch (RpcssException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    /**
     * The README's main command comes with the Calculator sample registered: an administrator's start
     * registers it when it is not (a registration an administrator changed is left alone); anyone
     * else is told how.
     */
    private void installSampleOnce(PrintWriter err) {
        try (StoreSession s = StoreSession.open(state.dir())) {
            if (ComClasses.find(s.registry(), CalculatorIds.CLSID).isPresent()) {
                err.println("rpcss: sample " + CalculatorIds.PROGID + " " + Guids.braced(CalculatorIds.CLSID) + " registered");
                return;
            }
            if (!s.caller().isAdministrator()) {
                err.println("rpcss: sample " + CalculatorIds.PROGID + " not registered: run ./dcom4j samples install as an administrator");
                return;
            }
            SamplesCommand.install(s.registry(), s.caller(), SamplesCommand.defaultCommand());
            err.println("rpcss: sample " + CalculatorIds.PROGID + " " + Guids.braced(CalculatorIds.CLSID)
                    + " registered, started on demand by the launcher");
        } catch (RuntimeException e) {
            err.println("rpcss: sample " + CalculatorIds.PROGID + " not registered: " + e.getMessage());
        }
    }

    /** The store's ping timing, or the specification's when the store cannot be read yet (Rpcss reports that itself). */
    private PingSettings pingSettings() {
        try (Registry reg = Registry.open(state.dir())) {
            return PingSettings.load(reg);
        } catch (RuntimeException e) {
            return PingSettings.DEFAULT;
        }
    }
}
