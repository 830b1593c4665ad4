package org.dcom4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegType;
import org.dcom4j.config.RegValue;
import org.dcom4j.security.ComAcl;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.SecurityFormatException;

/**
 * What {@code config set} warns about after a write that succeeded but will not mean what the
 * administrator probably meant: a value DCOM reads, at the key DCOM reads it from, with the wrong
 * type or a value DCOM reads otherwise ({@code EnableDCOM=yes} reads as N). Warnings, not refusals:
 * the store holds whatever regedit could hold, and testing fail-closed behaviour is legitimate.
 *
 * <p>Each warning says what DCOM will do instead, in the words {@link DcomConfig#load} acts on:
 * EnableDCOM other than a string Y disables remote DCOM, a logging level other than a DWORD 1 or 2
 * counts as 1, a descriptor that is not a valid COM descriptor denies what it guards.
 */
final class ValueWarnings {
    /** The four machine-wide descriptors under {@link DcomConfig#OLE}. */
    private static final Set<String> OLE_DESCRIPTORS = Set.of("machinelaunchrestriction", "machineaccessrestriction",
            "defaultlaunchpermission", "defaultaccesspermission");
    /** An AppID's two descriptors. */
    private static final Set<String> APPID_DESCRIPTORS = Set.of("launchpermission", "accesspermission");
    /** The two SDDL policies under {@link DcomConfig#POLICY}. */
    private static final Set<String> POLICIES = Set.of("machinelaunchrestriction", "machineaccessrestriction");

    private static final String FAILS_CLOSED = "DCOM will deny everything it guards (fail closed)";

    private ValueWarnings() {
    }

    /** The warnings for {@code v} just written at {@code key} (canonical path); none for values DCOM does not read. */
    static List<String> of(String key, RegValue v) {
        String name = v.name().toLowerCase(Locale.ROOT);
        List<String> w = new ArrayList<>();
        if (key.equalsIgnoreCase(DcomConfig.OLE)) {
            switch (name) {
                case "enabledcom" -> enableDcom(v).ifPresent(w::add);
                case "callfailurelogginglevel" -> loggingLevel(v, "log every denial").ifPresent(w::add);
                case "invalidsecuritydescriptorlogginglevel" ->
                        loggingLevel(v, "log every invalid descriptor").ifPresent(w::add);
                default -> {
                    if (OLE_DESCRIPTORS.contains(name)) {
                        descriptor(v).ifPresent(w::add);
                    }
                }
            }
        } else if (isAppIdKey(key) && APPID_DESCRIPTORS.contains(name)) {
            descriptor(v).ifPresent(w::add);
        } else if (key.equalsIgnoreCase(DcomConfig.POLICY) && POLICIES.contains(name)) {
            policy(v).ifPresent(w::add);
        }
        return w;
    }

    /**
     * Whether an EnableDCOM string means what it says: Y ({@link DcomConfig#enableDcomValue}, the
     * reading DCOM acts on) or N, either case, blanks around ignored. Anything else reads as N too,
     * but hardly on purpose ({@code yes}, {@code 1}, {@code true}).
     */
    static boolean isYOrN(String s) {
        return DcomConfig.enableDcomValue(s) || s.strip().equalsIgnoreCase("N");
    }

    private static Optional<String> enableDcom(RegValue v) {
        if (!v.type().isString()) {
            return Optional.of("warning: EnableDCOM is " + v.type() + ", but DCOM reads it as REG_SZ Y or N and takes"
                    + " any other type as N: every Remote request will be refused");
        }
        if (!isYOrN(v.asString())) {
            return Optional.of("warning: EnableDCOM=\"" + v.asString() + "\" is neither Y nor N; DCOM reads it as N:"
                    + " every Remote request will be refused");
        }
        if (v.type() != RegType.REG_SZ) {
            return Optional.of("warning: EnableDCOM is " + v.type() + "; Windows stores it as REG_SZ");
        }
        return Optional.empty();
    }

    private static Optional<String> loggingLevel(RegValue v, String meaningOfOne) {
        if (v.type() != RegType.REG_DWORD || v.size() != 4) {
            return Optional.of("warning: " + v.name() + " is " + v.type() + ", but DCOM reads it as REG_DWORD 1 or 2"
                    + " and takes anything else as 1 (" + meaningOfOne + ")");
        }
        if (v.asInt() != 1 && v.asInt() != 2) {
            return Optional.of("warning: " + v.name() + "=" + Integer.toUnsignedString(v.asInt())
                    + " is neither 1 nor 2; DCOM takes it as 1 (" + meaningOfOne + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> descriptor(RegValue v) {
        if (v.type() != RegType.REG_BINARY) {
            return Optional.of("warning: " + v.name() + " is " + v.type() + ", but DCOM reads it as REG_BINARY"
                    + " (a self-relative security descriptor); " + FAILS_CLOSED
                    + (v.type().isString() ? " (--sddl stores SDDL as a descriptor)" : ""));
        }
        SecurityDescriptor sd = ValueFormat.descriptor(v).orElse(null);
        if (sd == null) {
            return Optional.of("warning: " + v.name() + " is not a self-relative security descriptor; " + FAILS_CLOSED);
        }
        return invalid(v.name(), sd);
    }

    private static Optional<String> policy(RegValue v) {
        if (!v.type().isString()) {
            return Optional.of("warning: " + v.name() + " is " + v.type() + ", but the policy is REG_SZ SDDL; "
                    + FAILS_CLOSED);
        }
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptor.fromSddl(v.asString().strip());
        } catch (SecurityFormatException e) {
            return Optional.of("warning: " + v.name() + " is not valid SDDL (" + e.getMessage() + "); " + FAILS_CLOSED);
        }
        return invalid(v.name(), sd);
    }

    private static Optional<String> invalid(String name, SecurityDescriptor sd) {
        ComAcl.Validity validity = ComAcl.validate(sd);
        return validity.valid() ? Optional.empty() : Optional.of("warning: " + name
                + " is not a valid COM security descriptor (" + validity.reason() + "); " + FAILS_CLOSED);
    }

    /** {@code HKLM\SOFTWARE\Classes\AppID\{…}}: one level below {@link DcomConfig#APPID}. */
    private static boolean isAppIdKey(String key) {
        String prefix = DcomConfig.APPID + "\\";
        return key.length() > prefix.length() && key.regionMatches(true, 0, prefix, 0, prefix.length())
                && key.indexOf('\\', prefix.length()) < 0;
    }
}
