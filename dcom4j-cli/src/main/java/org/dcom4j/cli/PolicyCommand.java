package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.DcomConfig.Restriction;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dcom4j config policy}: the two Group Policy settings "DCOM: Machine Launch/Access
 * Restrictions in SDDL", which override MachineLaunchRestriction / MachineAccessRestriction without
 * touching them — the seed's way to impose a machine-wide minimum over weak application settings,
 * and to undo it by clearing the policy.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Set or clear the DCOM machine restriction policies (SDDL overrides).",
        subcommands = {PolicyCommand.Set.class, PolicyCommand.Clear.class})
final class PolicyCommand {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set \"DCOM: Machine Launch|Access Restrictions in SDDL\".",
                "It overrides MachineLaunchRestriction|MachineAccessRestriction of",
                "HKLM\\SOFTWARE\\Microsoft\\Ole. The SDDL must be a valid COM descriptor."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "launch|access", converter = RestrictionConverter.class,
                description = "launch (overrides MachineLaunchRestriction) or access (MachineAccessRestriction)")
        Restriction kind;

        @Parameters(index = "1", paramLabel = "SDDL", description = {"The limit, e.g.",
            "O:BAG:BAD:(A;;CCDCLC;;;BA)(A;;CCDC;;;WD)"})
        String sddl;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                s.write(() -> DcomConfig.setPolicy(s.registry(), s.caller(), kind, sddl));
                out.println("policy \"" + kind.policyName() + "\" set: " + sddl.strip());
                out.println("  it overrides " + DcomConfig.OLE + "\\" + kind.valueName()
                        + " (stored at " + DcomConfig.POLICY + "\\" + kind.valueName() + ")");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Remove the policy.",
                "The registry's MachineLaunchRestriction|MachineAccessRestriction applies again."})
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateOption state;

        @Parameters(index = "0", paramLabel = "launch|access", converter = RestrictionConverter.class,
                description = "launch or access: the policy to remove")
        Restriction kind;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (StoreSession s = StoreSession.open(state.dir())) {
                boolean was = s.write(() -> DcomConfig.clearPolicy(s.registry(), s.caller(), kind));
                out.println(was ? "policy \"" + kind.policyName() + "\" cleared: " + DcomConfig.OLE + "\\"
                        + kind.valueName() + " applies again"
                        : "policy \"" + kind.policyName() + "\" was not set (nothing changed)");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code launch} or {@code access}, with the config module's own message on anything else. */
    static final class RestrictionConverter implements ITypeConverter<Restriction> {
        @Override
        public Restriction convert(String value) {
            try {
                return Restriction.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
