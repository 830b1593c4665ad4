package org.dcom4j.security;

import java.util.Locale;

/**
 * The machine-wide defaults a fresh dcom4j machine gets, from the seed's tables
 * (dcom-security-enhancements.txt). The machine restrictions are the seed's, exactly; the default
 * launch and access permissions, which the seed does not tabulate, are the values Windows of the
 * same release ships (SYSTEM, Administrators and INTERACTIVE may launch and activate; SELF, SYSTEM
 * and Administrators may call), in the ACL format of the profile.
 *
 * <table>
 * <caption>MachineLaunchRestriction / MachineAccessRestriction</caption>
 * <tr><th>profile</th><th>launch</th><th>access</th></tr>
 * <tr><td>legacy</td><td>Everyone, Anonymous: LL LA RL RA</td><td>Everyone, Anonymous: LC RC</td></tr>
 * <tr><td>xpsp2</td><td>Administrators: LL LA RL RA; Everyone: LL LA</td><td>Everyone: LC RC; Anonymous: LC</td></tr>
 * <tr><td>ws2003sp1</td><td>Administrators, Distributed COM Users: LL LA RL RA; Everyone: LL LA</td>
 *     <td>Distributed COM Users, Everyone, Anonymous: LC RC</td></tr>
 * </table>
 */
public enum DcomProfile {
    /** The effective pre-SP2 behaviour: no machine-wide restriction beyond Everyone and Anonymous. */
    LEGACY("legacy",
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)(A;;CCDCLCSWRP;;;AN)",
            "O:BAG:BAD:(A;;CCDCLC;;;WD)(A;;CCDCLC;;;AN)",
            "O:BAG:BAD:(A;;CC;;;SY)(A;;CC;;;BA)(A;;CC;;;IU)",
            "O:BAG:BAD:(A;;CC;;;PS)(A;;CC;;;SY)(A;;CC;;;BA)"),
    /** Windows XP Service Pack 2. */
    XPSP2("xpsp2",
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)",
            "O:BAG:BAD:(A;;CCDCLC;;;WD)(A;;CCDC;;;AN)",
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLCSWRP;;;BA)(A;;CCDCLCSWRP;;;IU)",
            "O:BAG:BAD:(A;;CCDCLC;;;PS)(A;;CCDC;;;SY)(A;;CCDCLC;;;BA)"),
    /** Windows Server 2003 Service Pack 1: the default profile. */
    WS2003SP1("ws2003sp1",
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)",
            "O:BAG:BAD:(A;;CCDCLC;;;S-1-5-32-562)(A;;CCDCLC;;;WD)(A;;CCDCLC;;;AN)",
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLCSWRP;;;BA)(A;;CCDCLCSWRP;;;IU)",
            "O:BAG:BAD:(A;;CCDCLC;;;PS)(A;;CCDC;;;SY)(A;;CCDCLC;;;BA)");

    public static final DcomProfile DEFAULT = WS2003SP1;

    private final String id;
    private final String machineLaunchRestriction;
    private final String machineAccessRestriction;
    private final String defaultLaunchPermission;
    private final String defaultAccessPermission;

    DcomProfile(String id, String machineLaunch, String machineAccess, String defaultLaunch, String defaultAccess) {
        this.id = id;
        this.machineLaunchRestriction = machineLaunch;
        this.machineAccessRestriction = machineAccess;
        this.defaultLaunchPermission = defaultLaunch;
        this.defaultAccessPermission = defaultAccess;
    }

    /** The name used on the command line: legacy, xpsp2, ws2003sp1. */
    public String id() {
        return id;
    }

    public String machineLaunchRestriction() {
        return machineLaunchRestriction;
    }

    public String machineAccessRestriction() {
        return machineAccessRestriction;
    }

    public String defaultLaunchPermission() {
        return defaultLaunchPermission;
    }

    public String defaultAccessPermission() {
        return defaultAccessPermission;
    }

    /** The profile named {@code id} (case-insensitive); a clear error listing the names otherwise. */
    public static DcomProfile byId(String id) {
        for (DcomProfile p : values()) {
            if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile \"" + id + "\": expected legacy, xpsp2 or ws2003sp1");
    }
}
