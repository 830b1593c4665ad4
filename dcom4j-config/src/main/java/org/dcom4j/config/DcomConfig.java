package org.dcom4j.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.dcom4j.security.ComAcl;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.DcomSettings;
import org.dcom4j.security.DescriptorValue;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The DCOM settings in the registry, where Windows keeps them, and the Group Policy layer over them.
 *
 * <ul>
 * <li>{@code HKLM\SOFTWARE\Microsoft\Ole}: EnableDCOM (REG_SZ Y/N), MachineLaunchRestriction,
 *     MachineAccessRestriction, DefaultLaunchPermission, DefaultAccessPermission (REG_BINARY),
 *     CallFailureLoggingLevel, InvalidSecurityDescriptorLoggingLevel (REG_DWORD).</li>
 * <li>{@code HKLM\SOFTWARE\Policies\Microsoft\Windows NT\DCOM}: MachineLaunchRestriction and
 *     MachineAccessRestriction as REG_SZ SDDL — the "DCOM: Machine … Restrictions in SDDL" policies,
 *     which override the Ole values of the same name.</li>
 * <li>{@code HKLM\SOFTWARE\Classes\AppID\{appid}}: the name (default value), LaunchPermission,
 *     AccessPermission (REG_BINARY), RunAs (REG_SZ).</li>
 * </ul>
 *
 * Loading fails closed: a descriptor value of the wrong type or empty becomes a {@link DescriptorValue}
 * whose {@code parse()} fails and whose origin says why, never a missing one. Stateless and thread-safe.
 */
public final class DcomConfig {
    public static final String OLE = "HKLM\\SOFTWARE\\Microsoft\\Ole";
    public static final String POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM";
    public static final String APPID = "HKLM\\SOFTWARE\\Classes\\AppID";

    private static final Pattern GUID_KEY = Pattern.compile(
            "\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}}");
    /** SDDL that no parser accepts: stands for a policy value that cannot be used. */
    private static final String UNUSABLE_SDDL = "!unusable";

    /** The two machine-wide restrictions a policy can override. */
    public enum Restriction {
        LAUNCH("MachineLaunchRestriction", "DCOM: Machine Launch Restrictions in SDDL"),
        ACCESS("MachineAccessRestriction", "DCOM: Machine Access Restrictions in SDDL");

        private final String valueName;
        private final String policyName;

        Restriction(String valueName, String policyName) {
            this.valueName = valueName;
            this.policyName = policyName;
        }

        /** The value name, the same under Ole and under the policy key. */
        public String valueName() {
            return valueName;
        }

        /** The Group Policy setting's name. */
        public String policyName() {
            return policyName;
        }

        /** {@code launch} or {@code access}, case-insensitively. */
        public static Restriction parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "launch" -> LAUNCH;
                case "access" -> ACCESS;
                default -> throw new IllegalArgumentException("unknown restriction \"" + s + "\": expected launch or access");
            };
        }
    }

    private DcomConfig() {
    }

    /** The machine-wide settings, policy applied, read from one snapshot. */
    public static DcomSettings load(Registry registry) {
        return registry.read(c -> {
            Values ole = new Values(new KeyStore(c), OLE);
            Values pol = new Values(new KeyStore(c), POLICY);
            return new DcomSettings(enableDcom(ole.get("EnableDCOM")),
                    restriction(ole, pol, Restriction.LAUNCH),
                    restriction(ole, pol, Restriction.ACCESS),
                    binary(ole, "DefaultLaunchPermission"),
                    binary(ole, "DefaultAccessPermission"),
                    level(ole.get("CallFailureLoggingLevel"), DcomSettings.DEFAULT_CALL_FAILURE_LOGGING_LEVEL),
                    level(ole.get("InvalidSecurityDescriptorLoggingLevel"), DcomSettings.DEFAULT_INVALID_SD_LOGGING_LEVEL));
        });
    }

    /**
     * EnableDCOM as a value: absent means enabled (Windows' default); a string type is read by
     * {@link #enableDcomValue}; any other type disables (fails closed).
     */
    static boolean enableDcom(RegValue v) {
        if (v == null) {
            return true;
        }
        return v.type().isString() && enableDcomValue(v.asString());
    }

    /**
     * Whether an EnableDCOM string enables remote DCOM: exactly {@code Y} or {@code y}, surrounding
     * whitespace ignored. Everything else — {@code N}/{@code n}, empty, {@code Yes}, {@code 1} —
     * means N: Microsoft documents only "Y (or y)" and "N (or n)" (EnableDCOM, Win32 COM registry
     * reference), so an unknown value fails closed. Callers may warn when the value, stripped, is
     * neither Y nor N in either case. (An absent value is not a string: {@link #load} takes it as Y.)
     */
    public static boolean enableDcomValue(String raw) {
        String s = Objects.requireNonNull(raw, "raw").strip();
        return s.equals("Y") || s.equals("y");
    }

    /** A DWORD of 1 or 2; absent means the default; anything else means 1 (log), so the problem is seen. */
    static int level(RegValue v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v.type() == RegType.REG_DWORD && v.size() == 4 && (v.asInt() == 1 || v.asInt() == 2)) {
            return v.asInt();
        }
        return DcomSettings.LOG_ALWAYS;
    }

    private static DescriptorValue restriction(Values ole, Values pol, Restriction r) throws SQLException {
        RegValue p = pol.get(r.valueName());
        if (p == null) {
            return binary(ole, r.valueName());
        }
        String origin = "policy \"" + r.policyName() + "\" (" + POLICY + "\\" + r.valueName() + "), overrides "
                + OLE + "\\" + r.valueName();
        if (!p.type().isString()) {
            return DescriptorValue.ofSddl(origin + " [" + p.type() + " where REG_SZ SDDL belongs: fails closed]",
                    UNUSABLE_SDDL);
        }
        String sddl = p.asString().strip();
        if (sddl.isEmpty()) {
            return DescriptorValue.ofSddl(origin + " [empty: fails closed]", UNUSABLE_SDDL);
        }
        return DescriptorValue.ofSddl(origin, sddl);
    }

    private static DescriptorValue binary(Values key, String name) throws SQLException {
        return binaryDescriptor(key.get(name), key.path + "\\" + name);
    }

    /** Absent: null. REG_BINARY: its bytes. Anything else: an empty binary that fails to parse, origin saying why. */
    static DescriptorValue binaryDescriptor(RegValue v, String origin) {
        if (v == null) {
            return null;
        }
        if (v.type() != RegType.REG_BINARY) {
            return DescriptorValue.ofBinary(origin + " [" + v.type() + " where REG_BINARY belongs: fails closed]",
                    new byte[0]);
        }
        return DescriptorValue.ofBinary(origin, v.data());
    }

    /** Every registered application ({@code AppID\{GUID}} keys); RunAs mapped for well-known accounts only. */
    public static List<ComApplication> applications(Registry registry) {
        return applications(registry, null);
    }

    /** Every registered application; RunAs also mapped for local Unix users when {@code accounts} is given. */
    public static List<ComApplication> applications(Registry registry, LocalAccounts accounts) {
        List<ComApplication> out = new ArrayList<>();
        registry.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow root = ks.find(KeyPath.parse(APPID));
            if (root == null) {
                return null;
            }
            for (String name : ks.subkeyNames(root.id())) {
                if (GUID_KEY.matcher(name).matches()) {
                    out.add(application(ks, root.path() + "\\" + name, accounts));
                }
            }
            return null;
        });
        return out;
    }

    /** The application registered under {@code appId}, if any. */
    public static Optional<ComApplication> application(Registry registry, UUID appId, LocalAccounts accounts) {
        String key = appIdKey(appId);
        return registry.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow row = ks.find(KeyPath.parse(key));
            return row == null ? Optional.<ComApplication>empty() : Optional.of(application(ks, row.path(), accounts));
        });
    }

    private static ComApplication application(KeyStore ks, String path, LocalAccounts accounts) throws SQLException {
        Values v = new Values(ks, path);
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('{') + 1, path.length() - 1));
        RegValue name = v.get("");
        RegValue runAs = v.get("RunAs");
        Sid identity = runAs != null && runAs.type().isString() ? runAsSid(runAs.asString().strip(), accounts) : null;
        return new ComApplication(id, name != null && name.type().isString() ? name.asString() : "",
                binary(v, "LaunchPermission"), binary(v, "AccessPermission"), null, identity);
    }

    /**
     * The SID of a RunAs account: the service accounts (LocalSystem, LocalService, NetworkService) or a
     * Unix user; null for "Interactive User", groups and unknown names.
     */
    static Sid runAsSid(String account, LocalAccounts accounts) {
        if (account.isEmpty() || account.equalsIgnoreCase("Interactive User")) {
            return null;
        }
        String a = account.toLowerCase(Locale.ROOT);
        Sid special = switch (a) {
            case "nt authority\\localservice", "localservice" -> WellKnownSids.LOCAL_SERVICE;
            case "nt authority\\networkservice", "networkservice" -> WellKnownSids.NETWORK_SERVICE;
            case "nt authority\\system", "localsystem", "system" -> WellKnownSids.LOCAL_SYSTEM;
            default -> null;
        };
        if (special != null) {
            return special;
        }
        // Only accounts: a group name ("Users") is no identity a server can run as, and PRINCIPAL SELF
        // must never stand for a whole group.
        if (accounts != null) {
            String user = account.startsWith(".\\") ? account.substring(2) : account;
            return accounts.userSid(user).orElse(null);
        }
        return null;
    }

    /**
     * Writes a fresh machine's settings from {@code profile} in one transaction: EnableDCOM=Y and the
     * four descriptors in binary. The logging levels are left as they are (absent means the defaults).
     */
    public static void init(Registry registry, Token admin, DcomProfile profile) {
        Objects.requireNonNull(profile, "profile");
        byte[] ml = SecurityDescriptor.fromSddl(profile.machineLaunchRestriction()).toBytes();
        byte[] ma = SecurityDescriptor.fromSddl(profile.machineAccessRestriction()).toBytes();
        byte[] dl = SecurityDescriptor.fromSddl(profile.defaultLaunchPermission()).toBytes();
        byte[] da = SecurityDescriptor.fromSddl(profile.defaultAccessPermission()).toBytes();
        registry.batch(admin, b -> {
            b.set(OLE, RegValue.sz("EnableDCOM", "Y"));
            b.set(OLE, RegValue.binary("MachineLaunchRestriction", ml));
            b.set(OLE, RegValue.binary("MachineAccessRestriction", ma));
            b.set(OLE, RegValue.binary("DefaultLaunchPermission", dl));
            b.set(OLE, RegValue.binary("DefaultAccessPermission", da));
        });
    }

    /**
     * Sets the "DCOM: Machine … Restrictions in SDDL" policy.
     *
     * @throws IllegalArgumentException when the SDDL does not parse or is not a valid COM descriptor (the reason says which)
     */
    public static void setPolicy(Registry registry, Token token, Restriction kind, String sddl) {
        Objects.requireNonNull(kind, "kind");
        validate(sddl, "policy \"" + kind.policyName() + "\"");
        registry.set(token, POLICY, RegValue.sz(kind.valueName(), sddl.strip()));
    }

    /** Removes the policy; the Ole value applies again. False when it was not set. */
    public static boolean clearPolicy(Registry registry, Token token, Restriction kind) {
        return registry.deleteValue(token, POLICY, kind.valueName());
    }

    /**
     * Registers (or re-registers) an application: its key, its name and its permissions, in one
     * transaction. A permission given as null is removed, so the machine default applies.
     *
     * @throws IllegalArgumentException when an SDDL does not parse or is not a valid COM descriptor
     */
    public static void registerApplication(Registry registry, Token token, UUID appId, String name,
                                           String launchSddl, String accessSddl) {
        String key = appIdKey(appId);
        byte[] launch = launchSddl == null ? null : validate(launchSddl, "LaunchPermission").toBytes();
        byte[] access = accessSddl == null ? null : validate(accessSddl, "AccessPermission").toBytes();
        registry.batch(token, b -> {
            b.createKey(key);
            if (name != null) {
                b.set(key, RegValue.sz("", name));
            } else {
                b.deleteValue(key, "");
            }
            setOrDelete(b, key, "LaunchPermission", launch);
            setOrDelete(b, key, "AccessPermission", access);
        });
    }

    private static void setOrDelete(Registry.Batch b, String key, String name, byte[] sd) {
        if (sd != null) {
            b.set(key, RegValue.binary(name, sd));
        } else {
            b.deleteValue(key, name);
        }
    }

    /** {@code HKLM\SOFTWARE\Classes\AppID\{XXXXXXXX-…}} with the GUID upper-cased, as Windows writes it. */
    public static String appIdKey(UUID appId) {
        return APPID + "\\{" + appId.toString().toUpperCase(Locale.ROOT) + "}";
    }

    /**
     * Parses SDDL and checks it is a valid COM permission.
     *
     * @throws IllegalArgumentException naming {@code what} and the reason
     */
    public static SecurityDescriptor validate(String sddl, String what) {
        Objects.requireNonNull(sddl, what);
        SecurityDescriptor sd;
        try {
            sd = SecurityDescriptor.fromSddl(sddl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": invalid SDDL: " + e.getMessage(), e);
        }
        ComAcl.Validity v = ComAcl.validate(sd);
        if (!v.valid()) {
            throw new IllegalArgumentException(what + ": not a valid COM security descriptor: " + v.reason());
        }
        return sd;
    }

    /** The values of one key, read inside the caller's snapshot. */
    private static final class Values {
        final KeyStore ks;
        final String path;
        final KeyStore.KeyRow row;

        Values(KeyStore ks, String path) throws SQLException {
            this.ks = ks;
            this.row = ks.find(KeyPath.parse(path));
            this.path = row != null ? row.path() : path;
        }

        RegValue get(String name) throws SQLException {
            return row == null ? null : ks.value(row.id(), name).orElse(null);
        }
    }
}
