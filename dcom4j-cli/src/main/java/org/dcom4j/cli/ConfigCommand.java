package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j config}: the registry of the config store, where the DCOM settings live at the
 * paths Windows uses. Reads are open to everyone; every write acts with the token of the user
 * running the command, and the store refuses writes to the DCOM keys by non-administrators
 * (exit 1, the store's own message).
 *
 * <p>This class holds the group and the two smallest subcommands; {@link ConfigInit},
 * {@link ConfigSet}, {@link RegFileCommands} and {@link PolicyCommand} hold the others.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Read and change the config store (registry, policy, .reg files).",
            "KEY is a full path such as 'HKLM\\SOFTWARE\\Microsoft\\Ole'",
            "(HKCR = HKLM\\SOFTWARE\\Classes); NAME '@' (or '') is the default value.",
            "Writes need an administrator: root, or a member of the Unix group",
            "dcom4j-admins."},
        subcommands = {
            ConfigInit.class,
            ConfigCommand.Get.class,
            ConfigSet.class,
            ConfigCommand.Delete.class,
            RegFileCommands.Import.class,
            RegFileCommands.Export.class,
            PolicyCommand.class})
final class ConfigCommand {

    /** {@code @} and {@code ""} both name the default value, as in {@code .reg} files. */
    static String valueName(String name) {
        return name.equals("@") ? "" : name;
    }

    /** The key as stored, or bad input naming it. */
    static String existingKey(Registry reg, String key) {
        return reg.canonicalPath(key).orElseThrow(() -> CliException.badInput("no such key: " + key));
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print a value's type and data; without NAME, list values and subkeys.",
                "REG_BINARY prints as hex, plus its SDDL when it is a security descriptor;",
                "REG_DWORD as 0x... (decimal); REG_MULTI_SZ one string per line."})
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "KEY", description = "e.g. HKLM\\SOFTWARE\\Microsoft\\Ole")
        String key;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The value name ('@' = default value).")
        String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                Registry reg = s.registry();
                String path = existingKey(reg, key);
                if (name != null) {
                    String n = valueName(name);
                    RegValue v = reg.get(path, n).orElseThrow(() -> CliException.badInput(
                            "no value " + (n.isEmpty() ? "(Default)" : "\"" + n + "\"") + " in " + path));
                    ValueFormat.full(v).forEach(out::println);
                    return ExitCodes.OK;
                }
                out.println(path);
                List<RegValue> values = reg.values(path);
                if (values.isEmpty()) {
                    out.println("  (no values)");
                }
                values.forEach(v -> out.println(ValueFormat.listed(v)));
                List<String> subkeys = reg.subkeys(path);
                out.println(subkeys.isEmpty() ? "subkeys: none" : "subkeys:");
                subkeys.forEach(k -> out.println("  " + k));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete a value, or without NAME the key and everything below it.",
                "Exit 2 when there is nothing to delete."})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "KEY", description = "e.g. HKLM\\SOFTWARE\\dcom4j\\Notes")
        String key;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The value name ('@' = default value).")
        String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                Registry reg = s.registry();
                String path = existingKey(reg, key);
                if (name == null) {
                    s.write(() -> reg.deleteKey(s.caller(), path));
                    out.println("deleted key " + path);
                    return ExitCodes.OK;
                }
                String n = valueName(name);
                if (!s.write(() -> reg.deleteValue(s.caller(), path, n))) {
                    throw CliException.badInput("no value " + (n.isEmpty() ? "(Default)" : "\"" + n + "\"") + " in " + path);
                }
                out.println("deleted " + path + " " + (n.isEmpty() ? "(Default)" : n));
                return ExitCodes.OK;
            }
        }
    }
}
