package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.dcom4j.config.DcomConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j app register}: records a COM application under {@code HKLM\SOFTWARE\Classes\AppID}
 * with its own launch and access permissions, so the exposure report and {@code access check}
 * can judge it. A stand-in until the COM runtime registers servers itself; the key it writes is the
 * one Windows uses, so a real registration later reads the same values.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Register COM applications (AppIDs) and their permissions.",
        subcommands = AppCommand.Register.class)
final class AppCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register (or re-register) an AppID with a name and permissions.",
                "A permission not given is removed: the application then uses the machine",
                "default (DefaultLaunchPermission / DefaultAccessPermission). Each SDDL must",
                "be a valid COM descriptor."})
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

        @Override
        public Integer call() {
            UUID id = Guids.parse(appId);
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                s.write(() -> DcomConfig.registerApplication(s.registry(), s.caller(), id, name, launchSddl, accessSddl));
                out.println("registered " + Guids.braced(id) + " \"" + name + "\" at " + DcomConfig.appIdKey(id));
                out.println("  LaunchPermission: " + (launchSddl == null
                        ? "(none: DefaultLaunchPermission applies)" : launchSddl.strip()));
                out.println("  AccessPermission: " + (accessSddl == null
                        ? "(none: DefaultAccessPermission applies)" : accessSddl.strip()));
                return ExitCodes.OK;
            }
        }
    }
}
