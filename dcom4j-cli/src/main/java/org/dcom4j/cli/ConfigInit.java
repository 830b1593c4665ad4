package org.dcom4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dcom4j.config.AccessDeniedException;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegType;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.SecurityDescriptor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dcom4j config init}: creates the store (database, machine SID, the DCOM keys) and writes
 * the machine-wide DCOM values of a profile. Safe to re-run: when the store already holds exactly
 * the profile's values it says so and succeeds; when it holds anything else (another profile, an
 * administrator's edits) it changes nothing unless {@code --force} is given, so a script that runs
 * {@code config init} before every start cannot wipe a hardened configuration.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create the config store and write a DCOM profile's values.",
            "Writes EnableDCOM=Y, MachineLaunchRestriction, MachineAccessRestriction,",
            "DefaultLaunchPermission and DefaultAccessPermission; prints the machine SID",
            "and the profile. Re-running with other values in place needs --force."})
final class ConfigInit implements Callable<Integer> {
    /** The values a profile writes, in the order {@link DcomConfig#init} writes them. */
    private static final String[] DESCRIPTORS = {
        "MachineLaunchRestriction", "MachineAccessRestriction", "DefaultLaunchPermission", "DefaultAccessPermission"};

    @Spec
    CommandSpec spec;

    @Mixin
    StateOption state;

    @Option(names = "--profile", paramLabel = "legacy|xpsp2|ws2003sp1", defaultValue = "ws2003sp1",
            description = "legacy (pre-SP2 effective), xpsp2 (Windows XP SP2) or ws2003sp1 (Windows Server 2003 SP1, "
                    + "the default).")
    String profile;

    @Option(names = "--force", description = "Rewrite the profile's values even when the store holds other values.")
    boolean force;

    @Override
    public Integer call() {
        DcomProfile p = DcomProfile.byId(profile);
        PrintWriter out = spec.commandLine().getOut();
        boolean existed = StoreSession.exists(state.dir());
        try (StoreSession s = StoreSession.create(state.dir())) {
            Registry reg = s.registry();
            String machineSid = s.accounts().machineSid().toString();
            Optional<DcomProfile> current = currentProfile(reg);
            boolean untouched = !hasAnyProfileValue(reg);
            if (current.equals(Optional.of(p))) {
                out.println("store " + s.dir() + " already initialised with profile " + p.id() + " (nothing changed)");
            } else if (untouched || force) {
                try {
                    DcomConfig.init(reg, s.caller(), p);
                } catch (AccessDeniedException e) {
                    throw new CliException(ExitCodes.DENIED, e.getMessage() + " (config init writes " + DcomConfig.OLE
                            + ", which only administrators may change: run it as root or as a member of the Unix group "
                            + s.accounts().adminsGroup() + ")", e);
                }
                // "rewrote" only when values were replaced: a store left empty by a refused init is merely written.
                String verb = !existed ? "created " : untouched ? "wrote the DCOM values of " : "rewrote the DCOM values of ";
                out.println(verb + "store " + s.dir() + " with profile " + p.id());
            } else {
                throw CliException.denied("store " + s.dir() + " already holds DCOM values ("
                        + current.map(c -> "profile " + c.id()).orElse("edited, matching no profile")
                        + "); re-run with --force to replace them with profile " + p.id());
            }
            out.println("machine SID: " + machineSid);
            out.println("profile: " + p.id() + " (" + title(p) + ")");
            return ExitCodes.OK;
        }
    }

    static String title(DcomProfile p) {
        return switch (p) {
            case LEGACY -> "pre-SP2 effective behaviour: no machine-wide restriction";
            case XPSP2 -> "Windows XP Service Pack 2";
            case WS2003SP1 -> "Windows Server 2003 Service Pack 1";
        };
    }

    /** The profile whose values the store holds exactly (EnableDCOM=Y and the four descriptors), if any. */
    static Optional<DcomProfile> currentProfile(Registry reg) {
        Optional<RegValue> enable = reg.get(DcomConfig.OLE, "EnableDCOM");
        if (enable.isEmpty() || !enable.get().type().isString() || !enable.get().asString().equals("Y")) {
            return Optional.empty();
        }
        for (DcomProfile p : DcomProfile.values()) {
            String[] sddl = {p.machineLaunchRestriction(), p.machineAccessRestriction(), p.defaultLaunchPermission(),
                p.defaultAccessPermission()};
            boolean all = true;
            for (int i = 0; i < DESCRIPTORS.length && all; i++) {
                Optional<RegValue> v = reg.get(DcomConfig.OLE, DESCRIPTORS[i]);
                all = v.isPresent() && v.get().type() == RegType.REG_BINARY
                        && Arrays.equals(v.get().data(), SecurityDescriptor.fromSddl(sddl[i]).toBytes());
            }
            if (all) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean hasAnyProfileValue(Registry reg) {
        if (reg.get(DcomConfig.OLE, "EnableDCOM").isPresent()) {
            return true;
        }
        for (String name : DESCRIPTORS) {
            if (reg.get(DcomConfig.OLE, name).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
