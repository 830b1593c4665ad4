package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.DcomConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j class register|unregister|list}: COM classes under {@code HKLM\SOFTWARE\Classes\CLSID}
 * (name, AppID, LocalServer32, ProgID), written through dcom4j-config's {@code ComClasses}, so only
 * administrators may change them (the store's key security decides, exit 1 otherwise).
 */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = "Register COM classes (CLSIDs): name, AppID, local server command, ProgID.",
        subcommands = {ClassCommand.Register.class, ClassCommand.Unregister.class, ClassCommand.ListClasses.class})
final class ClassCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register (or re-register, replacing every value) a class.",
                "The launcher runs --server when the class is activated and not running:",
                "split into words like a shell does (quotes), but nothing is expanded."})
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "CLSID", description = "The class GUID.")
        String clsid;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name (the key's default value).")
        String name;

        @Option(names = "--appid", paramLabel = "GUID", description = "The AppID whose permissions and RunAs apply.")
        String appId;

        @Option(names = "--server", paramLabel = "CMDLINE", description = "LocalServer32: the command line of the server.")
        String server;

        @Option(names = "--progid", paramLabel = "PROGID", description = "e.g. Vendor.Class (also writes Classes\\PROGID\\CLSID).")
        String progId;

        @Override
        public Integer call() {
            UUID id = Guids.parse(clsid);
            Optional<UUID> app = Optional.ofNullable(appId).map(Guids::parse);
            ComClass c;
            try {
                c = new ComClass(id, name, app, Optional.ofNullable(server).map(String::strip).filter(s -> !s.isEmpty()),
                        Optional.ofNullable(progId).map(String::strip));
            } catch (IllegalArgumentException e) {
                throw CliException.badInput(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                s.write(() -> ComClasses.register(s.registry(), s.caller(), c));
                out.println("registered " + describe(c) + " at " + ComClasses.clsidKey(id));
                if (app.isPresent() && !s.registry().exists(DcomConfig.appIdKey(app.get()))) {
                    spec.commandLine().getErr().println("dcom4j: warning: AppID " + Guids.braced(app.get())
                            + " is not registered (dcom4j app register): the machine defaults apply");
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "unregister", mixinStandardHelpOptions = true, description = "Remove a class and its ProgID key.")
    static final class Unregister implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "CLSID", description = "The class GUID.")
        String clsid;

        @Override
        public Integer call() {
            UUID id = Guids.parse(clsid);
            try (StoreSession s = StoreSession.open(state.dir())) {
                if (ComClasses.find(s.registry(), id).isEmpty()) {
                    throw CliException.badInput("unknown class " + Guids.braced(id) + ": no key " + ComClasses.clsidKey(id));
                }
                s.write(() -> ComClasses.unregister(s.registry(), s.caller(), id));
                spec.commandLine().getOut().println("unregistered " + Guids.braced(id));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the registered classes: CLSID, name, ProgID, AppID, LocalServer32.")
    static final class ListClasses implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                List<ComClass> classes = ComClasses.list(s.registry());
                if (classes.isEmpty()) {
                    out.println("(no classes registered)");
                }
                classes.forEach(c -> out.println(describe(c)));
                return ExitCodes.OK;
            }
        }
    }

    /** {@code {CLSID} "name" ProgID=P AppID={…} LocalServer32=CMD}, the parts that are set. */
    static String describe(ComClass c) {
        StringBuilder b = new StringBuilder(Guids.braced(c.clsid())).append(" \"").append(c.name()).append('"');
        c.progId().ifPresent(p -> b.append(" ProgID=").append(p));
        c.appId().ifPresent(a -> b.append(" AppID=").append(Guids.braced(a)));
        c.localServer32().ifPresent(l -> b.append(" LocalServer32=").append(l));
        return b.toString();
    }
}
