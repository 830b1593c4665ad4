package org.dcom4j.cli;

import java.util.Arrays;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import picocli.CommandLine.Option;

/** {@code --user [DOMAIN\]USER}, {@code --password-stdin}, {@code --auth-level LEVEL}: how a client command authenticates with NTLM. */
final class AuthOptions {
    @Option(names = "--auth-level", paramLabel = "LEVEL",
            description = {"NTLM authentication: none, connect, call, pkt, integrity or privacy",
                "(default: privacy with --user). Without --user: anonymous NTLM."})
    String authLevel;

    @Option(names = "--user", paramLabel = "[DOMAIN\\\\]USER", description = "Authenticate with NTLM as this account.")
    String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin (else it is asked for at the terminal).")
    boolean passwordStdin;

    /**
     * The client's authentication; without --user and --auth-level the level is {@code defaultLevel}
     * (anonymous NTLM when that is above none).
     */
    ClientAuth auth(int defaultLevel) {
        int level;
        try {
            level = authLevel != null ? AuthLevel.parse(authLevel) : user != null ? AuthLevel.PKT_PRIVACY : defaultLevel;
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("bad --auth-level: " + e.getMessage());
        }
        if (level == AuthLevel.NONE) {
            if (user != null) {
                throw CliException.badInput("--user needs an authentication level above none (--auth-level)");
            }
            return ClientAuth.NONE;
        }
        if (user == null) {
            return ClientAuth.ntlm(level, NtlmCredentials.anonymous());
        }
        int slash = user.indexOf('\\');
        String domain = slash < 0 ? "" : user.substring(0, slash);
        String name = slash < 0 ? user : user.substring(slash + 1);
        if (name.isEmpty()) {
            throw CliException.badInput("bad --user \"" + user + "\": no user name");
        }
        char[] password = passwordStdin ? PasswordInput.fromStdin(System.in) : askPassword(user);
        try {
            return ClientAuth.ntlm(level, NtlmCredentials.of(domain, name, password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] askPassword(String user) {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw CliException.badInput("no terminal to read the password from: pipe it in with --password-stdin");
        }
        char[] p = console.readPassword("Password for %s: ", user);
        if (p == null) {
            throw CliException.badInput("no password read (end of input)");
        }
        return p;
    }
}
