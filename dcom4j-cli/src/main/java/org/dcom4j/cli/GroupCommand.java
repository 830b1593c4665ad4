package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.dcom4j.config.Accounts;
import org.dcom4j.security.Sid;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j group}: the account store's groups ({@link Accounts}). "Administrators" and
 * "Distributed COM Users" always exist (their BUILTIN SIDs); others get a SID under the machine SID.
 * Administrators only, as {@link UserCommand}.
 */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = {"Manage the groups of the local accounts (accounts.db).",
            "Builtin: Administrators (S-1-5-32-544), \"Distributed COM Users\"",
            "(S-1-5-32-562). Administrators only: root, or a member of the Unix",
            "group dcom4j-admins."},
        subcommands = {GroupCommand.Add.class, GroupCommand.AddMember.class, GroupCommand.RemoveMember.class,
            GroupCommand.ListGroups.class})
final class GroupCommand {
    private GroupCommand() {
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create a local group (1-256 characters, the user name rules otherwise)."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "NAME", description = "The group name.")
        String name;

        @Override
        public Integer call() {
            Sid sid = UserCommand.withAccounts(state, a -> a.addGroup(name));
            spec.commandLine().getOut().println("created group \"" + name + "\" (" + sid + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "add-member", mixinStandardHelpOptions = true,
            description = {"Add a user to a group (no change when it is a member already)."})
    static final class AddMember implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group name, e.g. \"Distributed COM Users\".")
        String group;

        @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
        String user;

        @Override
        public Integer call() {
            boolean changed = UserCommand.withAccounts(state, a -> a.addMember(group, user));
            spec.commandLine().getOut().println(changed ? "added " + user + " to \"" + group + "\""
                    : user + " is already a member of \"" + group + "\"; nothing changed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove-member", mixinStandardHelpOptions = true,
            description = {"Remove a user from a group (no change when it is not a member)."})
    static final class RemoveMember implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "GROUP", description = "The group name.")
        String group;

        @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
        String user;

        @Override
        public Integer call() {
            boolean changed = UserCommand.withAccounts(state, a -> a.removeMember(group, user));
            spec.commandLine().getOut().println(changed ? "removed " + user + " from \"" + group + "\""
                    : user + " is not a member of \"" + group + "\"; nothing changed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List groups: members, SID."})
    static final class ListGroups implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Accounts.GroupInfo> groups = UserCommand.withAccounts(state, Accounts::groups);
            int nameWidth = Math.max(5, groups.stream().mapToInt(g -> g.name().length()).max().orElse(0));
            List<String> members = groups.stream()
                    .map(g -> g.members().isEmpty() ? "-" : String.join(", ", g.members())).toList();
            int memberWidth = Math.max(7, members.stream().mapToInt(String::length).max().orElse(0));
            String format = "%-" + nameWidth + "s  %-" + memberWidth + "s  %s";
            out.println(String.format(format, "group", "members", "SID"));
            for (int i = 0; i < groups.size(); i++) {
                out.println(String.format(format, groups.get(i).name(), members.get(i), groups.get(i).sid()));
            }
            return ExitCodes.OK;
        }
    }
}
