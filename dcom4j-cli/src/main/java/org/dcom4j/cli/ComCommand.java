package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.Iids;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcom4j com activate}: CoCreateInstanceEx for IUnknown, printing what the activator answered. */
@Command(name = "com", mixinStandardHelpOptions = true, description = "COM activation.", subcommands = ComCommand.Activate.class)
final class ComCommand {
    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Activate a class (CLSID or ProgID) for IUnknown and print the object exporter's",
                "bindings (OXID), the IPID of its IRemUnknown and the authentication hint; the",
                "reference is then released. Local by default (ncalrpc); --host activates remotely.",
                "A refusal (E_ACCESSDENIED, REGDB_E_CLASSNOTREG, CO_E_SERVER_EXEC_FAILURE): exit 1;",
                "no rpcss: exit 4."})
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ComTarget target;

        @Parameters(index = "0", paramLabel = "CLSID|PROGID", description = "The class, e.g. Dcom4j.Calculator.")
        String clazz;

        @Override
        public Integer call() {
            UUID clsid = target.clsid(clazz);
            ClientAuth auth = target.clientAuth();
            PrintWriter out = spec.commandLine().getOut();
            ActivationResult r;
            try {
                r = target.activator(auth).createInstance(clsid, List.of(Iids.IID_IUnknown));
            } catch (ComException e) {
                throw target.failure("activation of " + Guids.braced(clsid), e);
            }
            out.println("activated " + Guids.braced(clsid) + ": " + Hresult.name(r.hresults()[0]));
            out.println("  OXID:            " + String.format("%016x", r.oxid()));
            for (DualStringArray.StringBinding b : r.exporterBindings().stringBindings()) {
                out.println("  binding:         " + protseq(b.towerId()) + ":" + b.networkAddr());
            }
            out.println("  IRemUnknown IPID " + r.ipidRemUnknown());
            out.println("  authn hint:      " + AuthLevel.name(r.authnHint()) + " (" + r.authnHint() + ")");
            if (!Hresult.isFailure(r.hresults()[0]) && r.objRefs().getFirst() != null) {
                try (ComClient client = target.client(auth)) {
                    IUnknown unk = client.attach(r.exporterBindings(), r.ipidRemUnknown(), r.objRefs().getFirst(), IUnknown.class);
                    ((ComProxy) unk).release();
                    out.println("  released");
                } catch (ComException e) {
                    throw target.failure("release", e);
                }
            }
            return Hresult.isFailure(r.hresults()[0]) ? ExitCodes.DENIED : ExitCodes.OK;
        }

        private static String protseq(int towerId) {
            return switch (towerId) {
                case DualStringArray.NCACN_IP_TCP -> "ncacn_ip_tcp";
                case DualStringArray.NCALRPC -> "ncalrpc";
                case DualStringArray.NCACN_NP -> "ncacn_np";
                default -> "tower 0x" + Integer.toHexString(towerId);
            };
        }
    }
}
