package org.dcom4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.samples.calculator.CalculatorServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dcom4j calculator-server} (hidden): the Dcom4j.Calculator local server, what its
 * LocalServer32 runs when the launcher starts it ({@code dcom4j samples install} registers it). The
 * launcher passes {@code DCOM4J_RUNTIME} and {@code DCOM4J_STATE}, which {@code --runtime} and
 * {@code --state} default to; the store gives the server its callers' accounts and its access rules.
 */
@Command(name = "calculator-server", hidden = true, mixinStandardHelpOptions = true,
        description = {"Serve the Dcom4j.Calculator sample until SIGTERM or until rpcss stops",
            "(started by the launcher; see 'dcom4j samples install')."})
final class CalculatorServerCommand implements Callable<Integer> {
    @Mixin
    RuntimeOption runtime;

    @Mixin
    StateOption state;

    @Override
    public Integer call() throws InterruptedException {
        Path scm = runtime.dir().resolve(Dcom4jScm.NCALRPC_ENDPOINT);
        if (!Files.exists(scm)) {
            throw CliException.environment("calculator-server: rpcss is not running for " + runtime.dir() + " (no socket " + scm
                    + "); start it with: dcom4j daemon --runtime " + runtime.dir());
        }
        try {
            CalculatorServer.run(runtime.dir(), state.dir()); // the machine's accounts and the AppID's AccessPermission
        } catch (IOException e) {
            throw CliException.environment("calculator-server: cannot serve in " + runtime.dir() + ": " + e.getMessage());
        }
        return ExitCodes.OK;
    }
}
