package org.dcom4j.cli;

import java.util.concurrent.Callable;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcom4j calc add A B}: the Calculator sample through DCOM, activated locally or on --host. */
@Command(name = "calc", mixinStandardHelpOptions = true, description = "Use the Dcom4j.Calculator sample.",
        subcommands = CalcCommand.Add.class)
final class CalcCommand {
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Activate Dcom4j.Calculator (the launcher starts it when it is not running),",
                "call ICalculator::Add(A, B) and print the sum. Local by default; --host H remote."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ComTarget target;

        @Parameters(index = "0", paramLabel = "A", description = "A 32-bit integer.")
        int a;

        @Parameters(index = "1", paramLabel = "B", description = "A 32-bit integer.")
        int b;

        @Override
        public Integer call() {
            ClientAuth auth = target.clientAuth();
            try (ComClient client = target.client(auth)) {
                ICalculator calc = Com.createInstance(client, CalculatorIds.CLSID, ICalculator.class, target.activator(auth));
                try {
                    spec.commandLine().getOut().println(calc.add(a, b));
                } finally {
                    ((ComProxy) calc).release();
                }
                return ExitCodes.OK;
            } catch (ComException e) {
                throw target.failure("Dcom4j.Calculator Add", e);
            }
        }
    }
}
