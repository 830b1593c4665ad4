package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DescriptorValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j app register|unregister|list|show}: COM applications under
 * {@code HKLM\SOFTWARE\Classes\AppID}, with their own launch and access permissions and the RunAs
 * account the launcher starts their servers as. The keys are the ones Windows uses; the classes
 * that belong to an AppID are registered with {@code dcom4j class register --appid}.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Register COM applications (AppIDs), their permissions and RunAs account.",
        subcommands = {AppCommand.Register.class, AppCommand.Unregister.class, AppCommand.ListApps.class, AppCommand.Show.class})
final class AppCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register (or re-register) an AppID with a name and permissions.",
                "A permission not given is removed: the application then uses the machine",
                "default (DefaultLaunchPermission / DefaultAccessPermission). Each SDDL must",
                "be a valid COM descriptor. RunAs not given is removed too: the launcher then",
                "starts the servers as its own user."})
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Option(names = "--appid", required = true, paramLabel = "GUID", description = "e.g. {6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}")
        String appId;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name (the key's default value).")
        String name;

        @Option(names = "--launch-sddl", paramLabel = "SDDL", description = "LaunchPermission (rights LL LA RL RA).")
        String launchSddl;

        @Option(names = "--access-sddl", paramLabel = "SDDL", description = "AccessPermission (rights LC RC).")
        String accessSddl;

        @Option(names = "--run-as", paramLabel = "USER", description = {"RunAs: the Unix user the launcher starts the",
            "servers as (only a launcher running as root can)."})
        String runAs;

        @Override
        public Integer call() {
            UUID id = Guids.parse(appId);
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                s.write(() -> {
                    DcomConfig.registerApplication(s.registry(), s.caller(), id, name, launchSddl, accessSddl);
                    ComClasses.setRunAs(s.registry(), s.caller(), id, runAs);
                });
                out.println("registered " + Guids.braced(id) + " \"" + name + "\" at " + DcomConfig.appIdKey(id));
                out.println("  LaunchPermission: " + (launchSddl == null
                        ? "(none: DefaultLaunchPermission applies)" : launchSddl.strip()));
                out.println("  AccessPermission: " + (accessSddl == null
                        ? "(none: DefaultAccessPermission applies)" : accessSddl.strip()));
                if (runAs != null && !runAs.isBlank()) {
                    out.println("  RunAs: " + runAs.strip());
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "unregister", mixinStandardHelpOptions = true,
            description = {"Remove an AppID key and its values. Classes that name it keep",
                "their registration (listed on stderr) and fall back to the machine defaults."})
    static final class Unregister implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "APPID", description = "The AppID GUID.")
        String appId;

        @Override
        public Integer call() {
            UUID id = Guids.parse(appId);
            try (StoreSession s = StoreSession.open(state.dir())) {
                String key = DcomConfig.appIdKey(id);
                if (!s.registry().exists(key)) {
                    throw CliException.badInput("unknown AppID " + Guids.braced(id) + ": no key " + key);
                }
                s.write(() -> s.registry().batch(s.caller(), b -> b.deleteKey(key)));
                spec.commandLine().getOut().println("unregistered " + Guids.braced(id));
                for (ComClass c : classesOf(s.registry(), id)) {
                    spec.commandLine().getErr().println("dcom4j: warning: class " + Guids.braced(c.clsid()) + " \"" + c.name()
                            + "\" still names AppID " + Guids.braced(id));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the registered AppIDs: GUID, name, RunAs, number of classes.")
    static final class ListApps implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                List<ComApplication> apps = DcomConfig.applications(s.registry());
                if (apps.isEmpty()) {
                    out.println("(no AppIDs registered)");
                }
                for (ComApplication a : apps) {
                    int n = classesOf(s.registry(), a.appId()).size();
                    Optional<String> runAs = ComClasses.runAs(s.registry(), a.appId());
                    out.println(Guids.braced(a.appId()) + "  \"" + a.name() + "\"" + runAs.map(r -> "  RunAs=" + r).orElse("")
                            + "  " + n + (n == 1 ? " class" : " classes"));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show an AppID: name, permissions as SDDL, RunAs and its classes.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "APPID", description = "The AppID GUID.")
        String appId;

        @Override
        public Integer call() {
            UUID id = Guids.parse(appId);
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                ComApplication a = DcomConfig.application(s.registry(), id, null).orElseThrow(() -> CliException.badInput(
                        "unknown AppID " + Guids.braced(id) + ": no key " + DcomConfig.appIdKey(id)));
                out.println("AppID " + Guids.braced(id) + " \"" + a.name() + "\"");
                out.println("  key:              " + DcomConfig.appIdKey(id));
                out.println("  LaunchPermission: " + sddl(a.launchPermission(), "DefaultLaunchPermission"));
                out.println("  AccessPermission: " + sddl(a.accessPermission(), "DefaultAccessPermission"));
                out.println("  RunAs:            " + ComClasses.runAs(s.registry(), id).orElse("(none: the launcher's own user)"));
                List<ComClass> classes = classesOf(s.registry(), id);
                out.println(classes.isEmpty() ? "  classes:          (none)" : "  classes:");
                for (ComClass c : classes) {
                    out.println("    " + ClassCommand.describe(c));
                }
                return ExitCodes.OK;
            }
        }

        private static String sddl(DescriptorValue d, String dflt) {
            if (d == null) {
                return "(none: " + dflt + " applies)";
            }
            try {
                return d.parse().toSddl();
            } catch (IllegalArgumentException e) { // SecurityFormatException included
                return "(malformed: " + e.getMessage() + "; fails closed)";
            }
        }
    }

    /** The registered classes whose AppID value is {@code appId}. */
    static List<ComClass> classesOf(Registry registry, UUID appId) {
        return ComClasses.list(registry).stream().filter(c -> c.appId().equals(Optional.of(appId))).toList();
    }
}
