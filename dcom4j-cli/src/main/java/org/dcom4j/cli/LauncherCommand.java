package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.dcom4j.com.scm.Launcher;
import org.dcom4j.rpcss.RpcssException;
import org.dcom4j.rpcss.launcher.LauncherMain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j launcher}: runs the launcher (the seed's DCOMLaunch) in the foreground, as
 * {@link LauncherMain} does when the daemon starts it. Stops on SIGTERM or Ctrl-C (exit 143 / 130, as
 * {@code daemon}).
 */
@Command(name = "launcher", mixinStandardHelpOptions = true,
        description = {"Run the launcher in the foreground: it starts the local servers of",
            "registered classes when rpcss asks, as the AppID's RunAs user when it runs",
            "as root. It listens on ncalrpc:[dcom4j-launcher] in RUNTIME/launcher/",
            "(mode 0700) and serves only --allowed-uid. The daemon normally starts it",
            "itself. Logs to stderr; servers' output to STATE/logs/NAME-PID.log."})
final class LauncherCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Mixin
    RuntimeOption runtime;

    @Option(names = "--allowed-uid", paramLabel = "UID",
            description = {"The only uid that may ask for launches: rpcss's", "(default: the launcher's own uid)."})
    Integer allowedUid;

    @Override
    public Integer call() throws InterruptedException {
        if (allowedUid != null && allowedUid < 0) {
            throw CliException.badInput("--allowed-uid out of range: " + allowedUid + ", allowed 0 or more");
        }
        if (!StoreSession.exists(state.dir())) {
            throw CliException.badInput("no dcom4j store in " + state.dir() + " (create one with: dcom4j config init --state "
                    + state.dir() + ")");
        }
        int uid = allowedUid != null ? allowedUid : LauncherMain.currentUid();
        LauncherMain launcher;
        try {
            launcher = LauncherMain.start(new LauncherMain.Options(runtime.dir(), state.dir(), uid));
        } catch (RpcssException e) {
            throw CliException.environment(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "launcher-shutdown"));
        PrintWriter err = spec.commandLine().getErr();
        err.println("launcher: ncalrpc:[" + Launcher.NCALRPC_ENDPOINT + "] in " + launcher.socketDirectory() + ", callers: uid "
                + uid + " only; running as uid " + LauncherMain.currentUid() + " (state " + state.dir() + ")");
        err.println("launcher: running; SIGTERM or Ctrl-C stops it");
        err.flush();
        launcher.awaitShutdown();
        return ExitCodes.OK;
    }
}
