package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dcom4j.security.Ace;
import org.dcom4j.security.AceType;
import org.dcom4j.security.ComAcl;
import org.dcom4j.security.ComRights;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.WellKnownSids;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j sd}: security descriptors without a store. {@code convert} moves a descriptor
 * between the two forms an administrator meets (SDDL in policy and documentation, self-relative
 * bytes in {@code REG_BINARY} values and {@code .reg} exports); {@code check} applies the COM
 * validity rules before a value is written, so a typo does not become a fail-closed denial later.
 */
@Command(name = "sd", mixinStandardHelpOptions = true,
        description = "Convert and check security descriptors (SDDL <-> self-relative binary).",
        subcommands = {SdCommand.Convert.class, SdCommand.Check.class})
final class SdCommand {

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {"Print a descriptor in both forms: 'SDDL: ...' and 'hex: ...'.",
                "Hex input accepts '01 00 04 80 ...', '010004...' and regedit's",
                "'01,00,04,80,...', also as a whole pasted line:",
                "'\"AccessPermission\"=hex:01,00,...' (hex: or hex(3):, with \\ continuations)."})
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        DescriptorInput input;

        @Override
        public Integer call() {
            SecurityDescriptor sd = input.descriptor();
            PrintWriter out = spec.commandLine().getOut();
            out.println("SDDL: " + sd.toSddl());
            out.println("hex: " + Hex.format(sd.toBytes()));
            return ExitCodes.OK;
        }
    }

    /** Which kind of COM permission a descriptor is, deciding how its rights read (LL LA RL RA or LC RC). */
    enum Kind { LAUNCH, ACCESS }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a descriptor against the COM validity rules.",
                "Every ACE must include COM_RIGHTS_EXECUTE (CC); an ACL is all legacy",
                "(CC only) or all new format (CC plus some of DC LC SW RP), never mixed.",
                "Prints VALID, the format and one line per ACE (allow/deny, trustee,",
                "rights as LL LA RL RA or LC RC), or INVALID: <reason>. Exit 0 / 1.",
                "A valid ACE that holds no right of --kind (SW or RP alone in an",
                "access permission) draws a warning on stderr; still VALID."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        DescriptorInput input;

        @Option(names = "--kind", required = true, paramLabel = "launch|access",
                description = "launch (LaunchPermission, MachineLaunchRestriction) or access (AccessPermission, MachineAccessRestriction)")
        Kind kind;

        @Override
        public Integer call() {
            SecurityDescriptor sd = input.descriptor();
            PrintWriter out = spec.commandLine().getOut();
            ComAcl.Validity v = ComAcl.validate(sd);
            if (!v.valid()) {
                out.println("INVALID: " + v.reason());
                return ExitCodes.DENIED;
            }
            out.println("VALID");
            out.println("format: " + formatName(v.format()));
            if (sd.dacl() != null) {
                List<Ace> aces = sd.dacl().aces();
                for (Ace ace : aces) {
                    out.println(aceLine(ace, kind == Kind.LAUNCH));
                }
                PrintWriter err = spec.commandLine().getErr();
                for (int i = 0; i < aces.size(); i++) {
                    grantsNothing(aces.get(i), i + 1, kind).ifPresent(err::println);
                }
            }
            return ExitCodes.OK;
        }
    }

    /**
     * A warning for a new-format ACE of an access permission that holds neither EXECUTE_LOCAL nor
     * EXECUTE_REMOTE: valid by the COM rules (CC plus some distance-specific bit), but SW and RP are
     * the activation rights of launch permissions, so it grants or denies nothing — an administrator
     * mixed up the two kinds. In a launch permission every bit means something (DC and LC are LL and
     * RL there), and a legacy ACE (CC alone) means every right of either kind: no warning.
     */
    static Optional<String> grantsNothing(Ace ace, int number, Kind kind) {
        int mask = ace.mask();
        if (kind != Kind.ACCESS || (mask & ComRights.SPECIFIC) == 0
                || (mask & (ComRights.EXECUTE_LOCAL | ComRights.EXECUTE_REMOTE)) != 0) {
            return Optional.empty();
        }
        return Optional.of("warning: ACE #" + number + " " + ace + " " + (ace.type() == AceType.ACCESS_DENIED
                ? "denies" : "grants") + " no access right (LC or RC): SW and RP are launch-permission rights"
                + " (LA, RA), so it has no effect in an access permission");
    }

    static String formatName(ComAcl.Format f) {
        return switch (f) {
            case LEGACY -> "legacy (COM_RIGHTS_EXECUTE only: each ACE applies to Local and Remote alike)";
            case NEW -> "new (XP SP2 / Server 2003 SP1: distance-specific rights)";
            case EMPTY -> "empty DACL (denies everything)";
            case NULL -> "null DACL (grants everything)";
        };
    }

    /** {@code   allow  BUILTIN\Administrators (S-1-5-32-544)  LL LA RL RA}. */
    static String aceLine(Ace ace, boolean launch) {
        String verb = ace.type() == AceType.ACCESS_DENIED ? "deny " : "allow";
        return "  " + verb + "  " + WellKnownSids.describe(ace.sid()) + "  " + ComAcl.describe(ace.mask(), launch);
    }
}
