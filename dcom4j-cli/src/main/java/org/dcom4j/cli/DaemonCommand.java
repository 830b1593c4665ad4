package org.dcom4j.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;

import org.dcom4j.rpcss.Rpcss;
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
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run rpcss (the endpoint mapper and the Dcom4jEcho sample) in the foreground.",
            "The endpoint mapper listens on TCP (--port) and ncalrpc:[epmapper];",
            "the Dcom4jEcho sample is registered in it. Logs to stderr.",
            "SIGTERM or Ctrl-C stops it cleanly (exit status 143 or 130: the JVM's",
            "status for the signal). A port or socket that cannot be bound: exit 4."})
final class DaemonCommand implements Callable<Integer> {
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
        Rpcss rpcss;
        try {
            rpcss = Rpcss.start(new Rpcss.Options(address, port, state.dir(), runtime.dir()));
        } catch (RpcssException e) {
            throw CliException.environment(e.getMessage());
        }
        Thread hook = new Thread(rpcss::close, "rpcss-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter err = spec.commandLine().getErr();
        err.println("rpcss: endpoint mapper on ncacn_ip_tcp:" + address.getHostAddress() + "[" + rpcss.endpointMapperPort()
                + "] and ncalrpc:[" + Rpcss.EPM_NCALRPC + "] (runtime " + runtime.dir() + ", state " + state.dir() + ")");
        err.println("rpcss: Dcom4jEcho 3baeb06b-ae30-4a06-932c-4ec77578e619 v1.0 on ncacn_ip_tcp:" + address.getHostAddress()
                + "[" + rpcss.echoPort() + "] and ncalrpc:[" + Rpcss.ECHO_NCALRPC + "]");
        err.println("rpcss: running; SIGTERM or Ctrl-C stops it");
        err.flush();
        rpcss.awaitShutdown();
        return ExitCodes.OK;
    }
}
