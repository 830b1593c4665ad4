package org.dcom4j.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.dcom4j.config.Accounts;
import org.dcom4j.security.Sid;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j user}: the local accounts NTLM authenticates ({@code accounts.db} next to the
 * registry; see {@link Accounts}). Administrators only, reads included: the file holds NT hashes.
 * A non-administrator gets the store's access-denied line and exit 1, as for any refused write.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Manage local accounts for NTLM (accounts.db in the state directory).",
            "Administrators only: root, or a member of the Unix group dcom4j-admins.",
            "Only NT hashes are stored, never passwords. A user named like a Unix",
            "user gets that user's SID, so its network and local identity agree."},
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Del.class, UserCommand.ListUsers.class})
final class UserCommand {
    private UserCommand() {
    }

    /** Runs {@code body} with the account store as the caller; a refusal is exit 1 with the admin hint. */
    static <T> T withAccounts(StateOption state, Function<Accounts, T> body) {
        try (StoreSession s = StoreSession.open(state.dir())) {
            return s.write(() -> {
                try (Accounts a = Accounts.open(s.registry(), s.accounts(), s.caller())) {
                    return body.apply(a);
                }
            });
        }
    }

    /** The shared options of {@code add} and {@code passwd}. */
    static final class PasswordOption {
        @Option(names = "--password-stdin",
                description = {"Read the password as one line of standard input", "(default: ask twice at the terminal)."})
        boolean stdin;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create a user. NAME: 1-20 characters, none of \" / \\ [ ] : ; | = , + * ? < > @,",
                "not only dots and spaces; case-insensitive. The password must not be empty."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Mixin
        PasswordOption password;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() {
            // The password is asked for once the caller is known to be an administrator (open refuses others).
            Sid sid = withAccounts(state, a -> {
                char[] pw = PasswordInput.read(password.stdin, name);
                try {
                    return a.addUser(name, pw);
                } finally {
                    Arrays.fill(pw, '\0');
                }
            });
            spec.commandLine().getOut().println("created user " + name + " (" + sid + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = {"Set a user's password (an administrator's reset: the old one is not asked)."})
    static final class Passwd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Mixin
        PasswordOption password;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() {
            withAccounts(state, a -> {
                a.find(name).orElseThrow(() -> new IllegalArgumentException("no such user: \"" + name + "\"")).close();
                char[] pw = PasswordInput.read(password.stdin, name);
                try {
                    a.setPassword(name, pw);
                    return null;
                } finally {
                    Arrays.fill(pw, '\0');
                }
            });
            spec.commandLine().getOut().println("changed the password of " + name);
            return ExitCodes.OK;
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true,
            description = {"Delete a user and its group memberships. Its SID is never reused."})
    static final class Del implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() {
            Sid sid = withAccounts(state, a -> a.deleteUser(name));
            spec.commandLine().getOut().println("deleted user " + name + " (" + sid + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List users: state, when the password was set, groups, SID."})
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Accounts.UserInfo> users = withAccounts(state, Accounts::users);
            if (users.isEmpty()) {
                out.println("no users");
                return ExitCodes.OK;
            }
            int nameWidth = Math.max(4, users.stream().mapToInt(u -> u.name().length()).max().orElse(0));
            List<String> groups = users.stream().map(u -> u.groups().isEmpty() ? "-" : String.join(", ", u.groups()))
                    .toList();
            int groupWidth = Math.max(6, groups.stream().mapToInt(String::length).max().orElse(0));
            String format = "%-" + nameWidth + "s  %-8s  %-20s  %-" + groupWidth + "s  %s";
            out.println(String.format(format, "user", "state", "password set", "groups", "SID"));
            for (int i = 0; i < users.size(); i++) {
                Accounts.UserInfo u = users.get(i);
                out.println(String.format(format, u.name(), u.disabled() ? "disabled" : "enabled",
                        u.passwordChanged().truncatedTo(ChronoUnit.SECONDS), groups.get(i), u.sid()));
            }
            return ExitCodes.OK;
        }
    }
}
