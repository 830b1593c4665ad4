package org.dcom4j.security;

import java.util.Arrays;
import java.util.Objects;

/**
 * A security descriptor as configuration holds it, before it is trusted: where it came from and its
 * raw form, either self-relative binary (registry REG_BINARY values) or SDDL (policy values). It may
 * be malformed or COM-invalid; {@link DcomAccessPolicy} parses and validates it once per snapshot and
 * fails closed when it is not valid.
 *
 * @param origin where it came from, shown in reason chains, e.g. {@code HKLM\SOFTWARE\Microsoft\Ole\MachineLaunchRestriction}
 * @param binary the self-relative bytes, or null when {@code sddl} is given; not copied, callers must not modify it
 * @param sddl   the SDDL string, or null when {@code binary} is given
 */
public record DescriptorValue(String origin, byte[] binary, String sddl) {
    public DescriptorValue {
        Objects.requireNonNull(origin, "origin");
        if ((binary == null) == (sddl == null)) {
            throw new IllegalArgumentException("exactly one of binary and sddl must be given: origin=" + origin);
        }
    }

    public static DescriptorValue ofBinary(String origin, byte[] binary) {
        return new DescriptorValue(origin, binary, null);
    }

    public static DescriptorValue ofSddl(String origin, String sddl) {
        return new DescriptorValue(origin, null, sddl);
    }

    /** Parses it; throws {@link SecurityFormatException} when malformed. */
    public SecurityDescriptor parse() {
        return binary != null ? SecurityDescriptor.fromBytes(binary) : Sddl.parse(sddl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DescriptorValue d && origin.equals(d.origin) && Arrays.equals(binary, d.binary)
                && Objects.equals(sddl, d.sddl);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Arrays.hashCode(binary) * 17 + Objects.hashCode(sddl);
    }

    @Override
    public String toString() {
        return origin;
    }
}
