package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.Decision;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Operation;
import org.dcom4j.security.Token;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j access check}: asks the one DCOM decision function — the same
 * {@link DcomAccessPolicy#decide} every enforcement point will use — what it would answer for a
 * caller, and prints the reason chain. This is the seed's "why was I denied?" answered before the
 * call is made, and the tool to verify a fix after it.
 *
 * <p>Events the decision raises (denials when CallFailureLoggingLevel is 1, invalid descriptors when
 * InvalidSecurityDescriptorLoggingLevel is 1) go to the store's event log, as they would at run time.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Ask the DCOM access decision what it answers for a caller.",
        subcommands = AccessCommand.Check.class)
final class AccessCommand {

    /** Exactly one of the three ways to name the caller. */
    static final class Who {
        @Option(names = "--user", paramLabel = "NAME", required = true,
                description = "A Unix user: its token from the local account mapping.")
        String user;

        @Option(names = "--sid", paramLabel = "SID", required = true,
                description = "Any SID (S-1-... or an alias): that SID with Everyone and Authenticated Users.")
        String sid;

        @Option(names = "--anonymous", required = true,
                description = "ANONYMOUS LOGON (S-1-5-7): neither Everyone nor Authenticated Users.")
        boolean anonymous;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Ask the DCOM access decision about one caller.",
                "Prints the token used, then ALLOW or DENY and the reason chain.",
                "Exit 0 on ALLOW, 1 on DENY, 2 for an unknown user, group or AppID.",
                "",
                "The token is built as the runtime builds it. --distance remote is a",
                "network logon: LOCAL (S-1-2-0) and INTERACTIVE (S-1-5-4) removed, NETWORK",
                "(S-1-5-2) added. --distance local has INTERACTIVE and LOCAL (not for",
                "--anonymous). --group is applied last. Without --appid the machine",
                "defaults are judged (DefaultLaunchPermission, DefaultAccessPermission)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Who who;

        @Option(names = "--group", paramLabel = "NAME|SID",
                description = "Add a group: Administrators, \"Distributed COM Users\", Everyone, an alias (BA), "
                        + "a SID or a Unix group name. Repeatable.")
        List<String> groups = List.of();

        @Option(names = "--op", required = true, paramLabel = "launch|activate|call",
                description = "launch (start the server), activate (get an object), call (call a method)")
        Operation op;

        @Option(names = "--distance", required = true, paramLabel = "local|remote",
                description = "local (ncalrpc) or remote (ncacn_ip_tcp, even from 127.0.0.1)")
        Distance distance;

        @Option(names = "--appid", paramLabel = "GUID", description = "The application (a registered AppID).")
        String appId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                Registry reg = s.registry();
                ComApplication app = appId == null ? null : DcomConfig.application(reg, Guids.parse(appId), s.accounts())
                        .orElseThrow(() -> CliException.badInput("unknown AppID " + Guids.braced(Guids.parse(appId))
                                + ": not registered under " + DcomConfig.APPID + " (see: dcom4j app register)"));
                Token token = token(s);
                DcomAccessPolicy policy = new DcomAccessPolicy(DcomConfig.load(reg), reg.eventLog());
                Decision d = policy.decide(token, op, distance, app);
                out.println("token: " + CallerToken.describe(token));
                out.println(d.explain());
                return d.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
            }
        }

        private Token token(StoreSession s) {
            Token base;
            if (who.anonymous) {
                base = CallerToken.anonymous();
            } else if (who.sid != null) {
                base = CallerToken.forSid(s.accounts(), who.sid);
            } else {
                base = CallerToken.forUser(s.accounts(), who.user);
            }
            return CallerToken.withGroups(CallerToken.atDistance(base, distance), s.accounts(), groups);
        }
    }
}
