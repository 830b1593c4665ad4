package org.dcom4j.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Well-known SIDs and the SDDL SID aliases of MS-DTYP 2.5.1.1 that stand for a fixed SID. The
 * domain-relative aliases (DA, DG, DU, DD, DC, LA, LG, SA, CA, RS, EA, PA, RO, CN, AP, KA, EK) name a
 * SID only relative to a machine, domain or forest and are refused with a clear error rather than
 * guessed. The table follows MS-DTYP 2.5.1.1 and Windows' sddl.h (which adds AS, SS, AP, KA, EK).
 */
public final class WellKnownSids {
    private WellKnownSids() {
    }

    public static final Sid EVERYONE = Sid.of(1, 0);
    public static final Sid LOCAL = Sid.of(2, 0);
    public static final Sid CREATOR_OWNER = Sid.of(3, 0);
    public static final Sid CREATOR_GROUP = Sid.of(3, 1);
    public static final Sid OWNER_RIGHTS = Sid.of(3, 4);
    public static final Sid NETWORK = Sid.of(5, 2);
    public static final Sid INTERACTIVE = Sid.of(5, 4);
    public static final Sid SERVICE = Sid.of(5, 6);
    public static final Sid ANONYMOUS = Sid.of(5, 7);
    public static final Sid PRINCIPAL_SELF = Sid.of(5, 10);
    public static final Sid AUTHENTICATED_USERS = Sid.of(5, 11);
    public static final Sid LOCAL_SYSTEM = Sid.of(5, 18);
    public static final Sid LOCAL_SERVICE = Sid.of(5, 19);
    public static final Sid NETWORK_SERVICE = Sid.of(5, 20);
    public static final Sid BUILTIN_ADMINISTRATORS = Sid.of(5, 32, 544);
    public static final Sid BUILTIN_USERS = Sid.of(5, 32, 545);
    public static final Sid BUILTIN_GUESTS = Sid.of(5, 32, 546);
    /** BUILTIN\Distributed COM Users: the Windows Server 2003 SP1 group for DCOM machine limits. */
    public static final Sid DISTRIBUTED_COM_USERS = Sid.of(5, 32, 562);

    private static final Map<String, Sid> ALIASES;
    private static final Map<Sid, String> ALIAS_OF;
    private static final Map<Sid, String> NAMES;
    private static final Set<String> DOMAIN_RELATIVE = Set.of(
            "DA", "DG", "DU", "DD", "DC", "LA", "LG", "SA", "CA", "RS", "EA", "PA", "RO", "CN", "AP", "KA", "EK");

    static {
        Map<String, Sid> a = new LinkedHashMap<>();
        Map<Sid, String> n = new LinkedHashMap<>();
        // alias, SID, account name (as Windows displays it)
        add(a, n, "WD", EVERYONE, "Everyone");
        add(a, n, null, LOCAL, "LOCAL");
        add(a, n, "CO", CREATOR_OWNER, "CREATOR OWNER");
        add(a, n, "CG", CREATOR_GROUP, "CREATOR GROUP");
        add(a, n, "OW", OWNER_RIGHTS, "OWNER RIGHTS");
        add(a, n, "NU", NETWORK, "NT AUTHORITY\\NETWORK");
        add(a, n, "IU", INTERACTIVE, "NT AUTHORITY\\INTERACTIVE");
        add(a, n, "SU", SERVICE, "NT AUTHORITY\\SERVICE");
        add(a, n, "AN", ANONYMOUS, "NT AUTHORITY\\ANONYMOUS LOGON");
        add(a, n, "ED", Sid.of(5, 9), "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS");
        add(a, n, "PS", PRINCIPAL_SELF, "NT AUTHORITY\\SELF");
        add(a, n, "AU", AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users");
        add(a, n, "RC", Sid.of(5, 12), "NT AUTHORITY\\RESTRICTED");
        add(a, n, "SY", LOCAL_SYSTEM, "NT AUTHORITY\\SYSTEM");
        add(a, n, "LS", LOCAL_SERVICE, "NT AUTHORITY\\LOCAL SERVICE");
        add(a, n, "NS", NETWORK_SERVICE, "NT AUTHORITY\\NETWORK SERVICE");
        add(a, n, "WR", Sid.of(5, 33), "NT AUTHORITY\\WRITE RESTRICTED");
        add(a, n, "BA", BUILTIN_ADMINISTRATORS, "BUILTIN\\Administrators");
        add(a, n, "BU", BUILTIN_USERS, "BUILTIN\\Users");
        add(a, n, "BG", BUILTIN_GUESTS, "BUILTIN\\Guests");
        add(a, n, "PU", Sid.of(5, 32, 547), "BUILTIN\\Power Users");
        add(a, n, "AO", Sid.of(5, 32, 548), "BUILTIN\\Account Operators");
        add(a, n, "SO", Sid.of(5, 32, 549), "BUILTIN\\Server Operators");
        add(a, n, "PO", Sid.of(5, 32, 550), "BUILTIN\\Print Operators");
        add(a, n, "BO", Sid.of(5, 32, 551), "BUILTIN\\Backup Operators");
        add(a, n, "RE", Sid.of(5, 32, 552), "BUILTIN\\Replicator");
        add(a, n, "RU", Sid.of(5, 32, 554), "BUILTIN\\Pre-Windows 2000 Compatible Access");
        add(a, n, "RD", Sid.of(5, 32, 555), "BUILTIN\\Remote Desktop Users");
        add(a, n, "NO", Sid.of(5, 32, 556), "BUILTIN\\Network Configuration Operators");
        add(a, n, "MU", Sid.of(5, 32, 558), "BUILTIN\\Performance Monitor Users");
        add(a, n, "LU", Sid.of(5, 32, 559), "BUILTIN\\Performance Log Users");
        add(a, n, null, DISTRIBUTED_COM_USERS, "BUILTIN\\Distributed COM Users");
        add(a, n, "IS", Sid.of(5, 32, 568), "BUILTIN\\IIS_IUSRS");
        add(a, n, "CY", Sid.of(5, 32, 569), "BUILTIN\\Cryptographic Operators");
        add(a, n, "ER", Sid.of(5, 32, 573), "BUILTIN\\Event Log Readers");
        add(a, n, "CD", Sid.of(5, 32, 574), "BUILTIN\\Certificate Service DCOM Access");
        add(a, n, "RA", Sid.of(5, 32, 575), "BUILTIN\\RDS Remote Access Servers");
        add(a, n, "ES", Sid.of(5, 32, 576), "BUILTIN\\RDS Endpoint Servers");
        add(a, n, "MS", Sid.of(5, 32, 577), "BUILTIN\\RDS Management Servers");
        add(a, n, "HA", Sid.of(5, 32, 578), "BUILTIN\\Hyper-V Administrators");
        add(a, n, "AA", Sid.of(5, 32, 579), "BUILTIN\\Access Control Assistance Operators");
        add(a, n, "RM", Sid.of(5, 32, 580), "BUILTIN\\Remote Management Users");
        add(a, n, "UD", Sid.of(5, 84, 0, 0, 0, 0, 0), "NT AUTHORITY\\USER MODE DRIVERS");
        add(a, n, "AC", Sid.of(15, 2, 1), "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES");
        add(a, n, "LW", Sid.of(16, 4096), "Mandatory Label\\Low Mandatory Level");
        add(a, n, "ME", Sid.of(16, 8192), "Mandatory Label\\Medium Mandatory Level");
        add(a, n, "MP", Sid.of(16, 8448), "Mandatory Label\\Medium Plus Mandatory Level");
        add(a, n, "HI", Sid.of(16, 12288), "Mandatory Label\\High Mandatory Level");
        add(a, n, "SI", Sid.of(16, 16384), "Mandatory Label\\System Mandatory Level");
        // sddl.h SDDL_AUTHORITY_ASSERTED / SDDL_SERVICE_ASSERTED (MS-DTYP 2.4.2.4: S-1-18-1, S-1-18-2)
        add(a, n, "AS", Sid.of(18, 1), "Authentication authority asserted identity");
        add(a, n, "SS", Sid.of(18, 2), "Service asserted identity");
        ALIASES = Collections.unmodifiableMap(a);
        Map<Sid, String> inverse = new LinkedHashMap<>();
        a.forEach((alias, sid) -> inverse.put(sid, alias));
        ALIAS_OF = Collections.unmodifiableMap(inverse);
        NAMES = Collections.unmodifiableMap(n);
    }

    private static void add(Map<String, Sid> a, Map<Sid, String> n, String alias, Sid sid, String name) {
        if (alias != null) {
            a.put(alias, sid);
        }
        n.put(sid, name);
    }

    /** Every fixed-SID SDDL alias, in MS-DTYP order of appearance here. */
    public static Map<String, Sid> aliases() {
        return ALIASES;
    }

    /** The SDDL alias of {@code sid}, if it has one (BA, WD, …). */
    public static Optional<String> alias(Sid sid) {
        return Optional.ofNullable(ALIAS_OF.get(sid));
    }

    /** The account name Windows shows for a well-known SID, if this is one. */
    public static Optional<String> name(Sid sid) {
        return Optional.ofNullable(NAMES.get(sid));
    }

    /** {@code BUILTIN\Administrators (S-1-5-32-544)} or the bare SID string. */
    public static String describe(Sid sid) {
        String name = NAMES.get(sid);
        return name == null ? sid.toString() : name + " (" + sid + ")";
    }

    /**
     * Resolves an SDDL SID string: a two-letter alias (case-sensitive, as Windows) or {@code S-1-…}.
     *
     * @throws SecurityFormatException for unknown or domain-relative aliases and bad SID strings
     */
    public static Sid parse(String text) {
        Sid sid = ALIASES.get(text);
        if (sid != null) {
            return sid;
        }
        if (DOMAIN_RELATIVE.contains(text)) {
            throw new SecurityFormatException("SID alias \"" + text + "\" is relative to a domain; give the SID as S-1-5-21-…");
        }
        if (text.length() == 2 && Character.isLetter(text.charAt(0))) {
            throw new SecurityFormatException("unknown SID alias \"" + text + "\"");
        }
        return Sid.parse(text);
    }

    /**
     * Resolves a group or account name as an administrator types it: an alias, a SID string, or a
     * display name with or without its domain ({@code Administrators}, {@code "Distributed COM Users"},
     * {@code Everyone}, {@code NT AUTHORITY\ANONYMOUS LOGON}), case-insensitively.
     */
    public static Optional<Sid> lookupName(String text) {
        if (ALIASES.containsKey(text)) {
            return Optional.of(ALIASES.get(text));
        }
        if (text.regionMatches(true, 0, "S-1-", 0, 4)) {
            return Optional.of(Sid.parse(text));
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<Sid, String> e : NAMES.entrySet()) {
            String full = e.getValue().toLowerCase(Locale.ROOT);
            String bare = full.substring(full.indexOf('\\') + 1);
            if (full.equals(wanted) || bare.equals(wanted)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
