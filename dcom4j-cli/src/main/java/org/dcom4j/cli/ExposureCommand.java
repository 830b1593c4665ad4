package org.dcom4j.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.security.Exposure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j exposure}: the seed's "no way for an administrator to understand the exposure level
 * of the COM servers on a computer", answered in one command — for the machine defaults and every
 * registered AppID, what Everyone, ANONYMOUS LOGON, Authenticated Users, Distributed COM Users and
 * Administrators effectively get once the machine limits are intersected, with anything anyone can
 * reach from the network flagged.
 *
 * <p>A report, so it exits 0 even when it flags something; {@code --fail-on-flag} makes it a gate
 * (exit 3) for deployment scripts and CI.
 */
@Command(name = "exposure", mixinStandardHelpOptions = true,
        description = {"Report who may launch, activate and call each COM application.",
            "For the machine defaults and every registered AppID: the effective LL LA RL RA",
            "LC RC of Everyone, ANONYMOUS LOGON, Authenticated Users, Distributed COM Users",
            "and Administrators after the machine-wide limits. Anything Everyone or",
            "ANONYMOUS LOGON gets remotely is flagged (!). Exit 0 (a report), or 3 with",
            "--fail-on-flag when something is flagged. The report names the store,",
            "its machine SID, the time (UTC) and the profile in force."})
final class ExposureCommand implements Callable<Integer> {
    /** The three renderings. */
    enum Format { TEXT, JSON, HTML }

    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text",
            description = "text (default), json (stable keys, for scripts) or html (a self-contained page)")
    Format format;

    @Option(names = "--fail-on-flag", description = "Exit 3 when anything is flagged (for scripts and CI).")
    boolean failOnFlag;

    @Override
    public Integer call() {
        Exposure.Report report;
        ExposureReports.Context context;
        try (StoreSession s = StoreSession.open(state.dir())) {
            Registry reg = s.registry();
            report = Exposure.compute(DcomConfig.load(reg), DcomConfig.applications(reg, s.accounts()));
            List<String> policies = new ArrayList<>();
            for (DcomConfig.Restriction r : DcomConfig.Restriction.values()) {
                if (reg.get(DcomConfig.POLICY, r.valueName()).isPresent()) {
                    policies.add(r.valueName());
                }
            }
            java.util.Map<java.util.UUID, List<String>> classes = new java.util.HashMap<>();
            for (org.dcom4j.config.ComClasses.ComClass c : org.dcom4j.config.ComClasses.list(reg)) {
                c.appId().ifPresent(a -> classes.computeIfAbsent(a, k -> new ArrayList<>())
                        .add(c.progId().map(p -> p + " ").orElse("") + Guids.braced(c.clsid())));
            }
            context = new ExposureReports.Context(s.dir().toAbsolutePath(), s.accounts().machineSid(), Instant.now(),
                    ConfigInit.currentProfile(reg), policies, classes);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case TEXT -> ExposureText.print(report, context, out);
            case JSON -> ExposureJson.print(report, context, out);
            case HTML -> ExposureHtml.print(report, context, out);
        }
        return failOnFlag && report.anyFlagged() ? ExitCodes.FLAGGED : ExitCodes.OK;
    }
}
