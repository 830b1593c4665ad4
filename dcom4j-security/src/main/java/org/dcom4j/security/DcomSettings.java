package org.dcom4j.security;

/**
 * The machine-wide DCOM security settings of {@code HKLM\SOFTWARE\Microsoft\Ole}, after the policy
 * layer has been applied (a "DCOM: Machine … Restrictions in SDDL" policy value replaces the
 * registry's MachineLaunchRestriction / MachineAccessRestriction and says so in its origin).
 * Immutable.
 *
 * @param enableDcom                            EnableDCOM: false refuses every Remote request
 * @param machineLaunchRestriction              limit for Launch and Activate; null when absent = the built-in default
 *                                              ({@link DcomProfile#DEFAULT}), never "no limit"
 * @param machineAccessRestriction              limit for Call; null when absent = the built-in default
 * @param defaultLaunchPermission               for applications without LaunchPermission; null = the built-in default
 * @param defaultAccessPermission               for applications without AccessPermission; null = the built-in default
 * @param callFailureLoggingLevel               1 = log denials, 2 = never (default 2)
 * @param invalidSecurityDescriptorLoggingLevel 1 = log invalid descriptors (default), 2 = never
 */
public record DcomSettings(boolean enableDcom,
                           DescriptorValue machineLaunchRestriction,
                           DescriptorValue machineAccessRestriction,
                           DescriptorValue defaultLaunchPermission,
                           DescriptorValue defaultAccessPermission,
                           int callFailureLoggingLevel,
                           int invalidSecurityDescriptorLoggingLevel) {
    public static final int LOG_ALWAYS = 1;
    public static final int LOG_NEVER = 2;
    public static final int DEFAULT_CALL_FAILURE_LOGGING_LEVEL = LOG_NEVER;
    public static final int DEFAULT_INVALID_SD_LOGGING_LEVEL = LOG_ALWAYS;

    /** The settings a fresh machine of {@code profile} has, as {@code config init} writes them. */
    public static DcomSettings of(DcomProfile profile) {
        String ole = "HKLM\\SOFTWARE\\Microsoft\\Ole\\";
        return new DcomSettings(true,
                DescriptorValue.ofSddl(ole + "MachineLaunchRestriction", profile.machineLaunchRestriction()),
                DescriptorValue.ofSddl(ole + "MachineAccessRestriction", profile.machineAccessRestriction()),
                DescriptorValue.ofSddl(ole + "DefaultLaunchPermission", profile.defaultLaunchPermission()),
                DescriptorValue.ofSddl(ole + "DefaultAccessPermission", profile.defaultAccessPermission()),
                DEFAULT_CALL_FAILURE_LOGGING_LEVEL, DEFAULT_INVALID_SD_LOGGING_LEVEL);
    }
}
