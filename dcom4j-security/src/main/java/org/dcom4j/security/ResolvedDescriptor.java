package org.dcom4j.security;

/**
 * A {@link DescriptorValue} parsed and COM-validated once, when a policy snapshot is built, so the
 * call path only runs AccessCheck. Immutable.
 *
 * @param role     what it is for, e.g. {@code machine limit MachineLaunchRestriction}
 * @param origin   where it came from (registry value, policy, built-in default)
 * @param sd       the parsed descriptor, or null when malformed
 * @param validity COM validity; invalid when malformed (reason = the parse error)
 */
record ResolvedDescriptor(String role, String origin, SecurityDescriptor sd, ComAcl.Validity validity) {

    static ResolvedDescriptor resolve(String role, DescriptorValue value) {
        SecurityDescriptor sd;
        try {
            sd = value.parse();
        } catch (SecurityFormatException e) {
            return new ResolvedDescriptor(role, value.origin(), null,
                    new ComAcl.Validity(false, null, "malformed: " + e.getMessage()));
        }
        return new ResolvedDescriptor(role, value.origin(), sd, ComAcl.validate(sd));
    }

    /** {@code machine limit MachineLaunchRestriction (HKLM\…\MachineLaunchRestriction)}. */
    String label() {
        return role + " (" + origin + ")";
    }
}
