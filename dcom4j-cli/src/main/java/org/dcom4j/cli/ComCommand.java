package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.Iids;
import org.dcom4j.com.activation.ActivationResult;
import org.dcom4j.com.automation.DispatchException;
import org.dcom4j.com.automation.Dispatcher;
import org.dcom4j.com.automation.IDispatch;
import org.dcom4j.com.automation.Variant;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j com activate}: CoCreateInstanceEx for IUnknown, printing what the activator answered;
 * {@code dcom4j com call}: one late-bound IDispatch call;
 * {@code dcom4j com rot}: the running object table entries this user may see.
 */
@Command(name = "com", mixinStandardHelpOptions = true, description = "COM activation and the running object table.",
        subcommands = {ComCommand.Activate.class, ComCommand.Call.class, ComCommand.Rot.class})
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

    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {"Activate a class (CLSID or ProgID) for IDispatch, look MEMBER up",
                "(GetIDsOfNames) and Invoke it with the typed ARGs; print the result",
                "VARIANT with its type (e.g. VT_I4 5).",
                "ARG is TYPE:VALUE, TYPE one of i (= i4) i1 i2 i8 ui1 ui2 ui4 ui8 int",
                "uint d (= r8) r4 cy dec date s b err; or null, empty, TYPE[]:v1,v2",
                "(a SAFEARRAY); a bare value is VT_I4 if it is a 32-bit integer,",
                "VT_R8 if a number, else VT_BSTR.",
                "A failed call prints the HRESULT (with the EXCEPINFO for",
                "DISP_E_EXCEPTION) and exits 1."})
    static final class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ComTarget target;

        @picocli.CommandLine.ArgGroup(exclusive = true)
        Kind kind = new Kind();

        static final class Kind {
            @picocli.CommandLine.Option(names = "--get", description = "DISPATCH_PROPERTYGET instead of DISPATCH_METHOD.")
            boolean get;

            @picocli.CommandLine.Option(names = "--put", description = "DISPATCH_PROPERTYPUT of the one ARG.")
            boolean put;
        }

        @Parameters(index = "0", paramLabel = "CLSID|PROGID", description = "The class, e.g. Dcom4j.Calculator.")
        String clazz;

        @Parameters(index = "1", paramLabel = "MEMBER", description = "The method or property name (any case).")
        String member;

        @Parameters(index = "2..*", paramLabel = "ARG", description = "Typed arguments, left to right.")
        List<String> args = List.of();

        @Override
        public Integer call() {
            UUID clsid = target.clsid(clazz);
            Object[] values = args.stream().map(VariantArgs::parse).toArray();
            if (kind.put && values.length != 1) {
                throw new CliException(ExitCodes.BAD_INPUT, "--put takes exactly one ARG, the new value");
            }
            int flags = kind.get ? IDispatch.DISPATCH_PROPERTYGET : kind.put ? IDispatch.DISPATCH_PROPERTYPUT : IDispatch.DISPATCH_METHOD;
            ClientAuth auth = target.clientAuth();
            PrintWriter out = spec.commandLine().getOut();
            try (ComClient client = target.client(auth)) {
                IDispatch d = Com.createInstance(client, clsid, IDispatch.class, target.activator(auth));
                try {
                    Variant r = new Dispatcher(d).invoke(member, flags, values);
                    out.println(printable(r.toString()));
                } finally {
                    ((ComProxy) d).release();
                }
                return ExitCodes.OK;
            } catch (DispatchException e) {
                out.println(Hresult.name(e.hresult()) + " (0x" + String.format("%08x", e.hresult()) + ")");
                if (e.hresult() == Hresult.DISP_E_EXCEPTION) {
                    out.println(printable("  EXCEPINFO scode=" + Hresult.name(e.scode()) + " source=" + e.source()
                            + " description=" + e.exceptionDescription()));
                }
                return ExitCodes.DENIED;
            } catch (ComException e) {
                throw target.failure(clazz + " " + member, e);
            }
        }

        /** {@code s} with control and format characters (the server's text: ESC, CR, bidi overrides) as a backslash, u and 4 hex digits. */
        static String printable(String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.chars().forEach(c -> {
                if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                    b.append(String.format("\\u%04x", c));
                } else {
                    b.append((char) c);
                }
            });
            return b.toString();
        }
    }

    @Command(name = "rot", mixinStandardHelpOptions = true,
            description = {"List the display names of the running object table that this user may see (the",
                "entries of this uid, and those registered with ROTFLAGS_ALLOWANYCLIENT whose AppID's",
                "AccessPermission admits this user locally), one per line. No rpcss: exit 4."})
    static final class Rot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuntimeOption runtime;

        @Override
        public Integer call() {
            List<String> names;
            try {
                names = Com.runningObjects(runtime.dir());
            } catch (ComException e) {
                String msg = "RotEnum failed: " + Hresult.name(e.hresult()) + " (0x" + String.format("%08x", e.hresult()) + ") — "
                        + e.getMessage();
                throw e.hresult() == Hresult.RPC_S_SERVER_UNAVAILABLE
                        ? CliException.environment(msg + " — is the daemon running at ncalrpc in " + runtime.dir() + "? (./dcom4j daemon)")
                        : CliException.denied(msg);
            }
            PrintWriter out = spec.commandLine().getOut();
            names.forEach(out::println);
            return ExitCodes.OK;
        }
    }
}
