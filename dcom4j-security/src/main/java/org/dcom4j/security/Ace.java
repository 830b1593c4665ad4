package org.dcom4j.security;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One access control entry (MS-DTYP 2.4.4). Immutable.
 *
 * <pre>
 * ACE_HEADER: AceType(1) AceFlags(1) AceSize(2, LE)
 * plain:   header | Mask(4) | Sid | [ApplicationData (callback types)]
 * object:  header | Mask(4) | Flags(4) | [ObjectType(16)] | [InheritedObjectType(16)] | Sid | [ApplicationData]
 * </pre>
 *
 * @param type                the ACE type
 * @param flags               AceFlags: {@link #OBJECT_INHERIT}, {@link #CONTAINER_INHERIT}, …
 * @param mask                the access mask
 * @param sid                 the trustee
 * @param objectType          object ACEs only: ObjectType, or null when absent
 * @param inheritedObjectType object ACEs only: InheritedObjectType, or null when absent
 * @param applicationData     bytes after the SID (callback conditions, label data); empty when none. Not copied
 *                            on access: callers must not modify it
 */
public record Ace(AceType type, int flags, int mask, Sid sid, UUID objectType, UUID inheritedObjectType,
                  byte[] applicationData) {
    public static final int OBJECT_INHERIT = 0x01;
    public static final int CONTAINER_INHERIT = 0x02;
    public static final int NO_PROPAGATE_INHERIT = 0x04;
    public static final int INHERIT_ONLY = 0x08;
    public static final int INHERITED = 0x10;
    public static final int CRITICAL = 0x20;
    public static final int SUCCESSFUL_ACCESS = 0x40;
    public static final int FAILED_ACCESS = 0x80;

    private static final byte[] NONE = new byte[0];

    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sid, "sid");
        if ((flags & ~0xFF) != 0) {
            throw new SecurityFormatException("AceFlags out of range: flags=0x" + Integer.toHexString(flags));
        }
        if (!type.isObject() && (objectType != null || inheritedObjectType != null)) {
            throw new SecurityFormatException(type.sddl() + " ACE cannot carry object GUIDs");
        }
        applicationData = applicationData == null ? NONE : applicationData;
    }

    /** An allow ACE. */
    public static Ace allow(int mask, Sid sid) {
        return new Ace(AceType.ACCESS_ALLOWED, 0, mask, sid, null, null, null);
    }

    /** A deny ACE. */
    public static Ace deny(int mask, Sid sid) {
        return new Ace(AceType.ACCESS_DENIED, 0, mask, sid, null, null, null);
    }

    public boolean isInheritOnly() {
        return (flags & INHERIT_ONLY) != 0;
    }

    /** Bytes this ACE takes in binary form (AceSize). */
    public int encodedLength() {
        int n = 8 + sid.encodedLength() + applicationData.length;
        if (type.isObject()) {
            n += 4 + (objectType != null ? 16 : 0) + (inheritedObjectType != null ? 16 : 0);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ace a && type == a.type && flags == a.flags && mask == a.mask && sid.equals(a.sid)
                && Objects.equals(objectType, a.objectType) && Objects.equals(inheritedObjectType, a.inheritedObjectType)
                && Arrays.equals(applicationData, a.applicationData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, flags, mask, sid, objectType, inheritedObjectType) * 31 + Arrays.hashCode(applicationData);
    }

    /** The ACE in SDDL, e.g. {@code (A;;CCDCLCSWRP;;;BA)}. */
    @Override
    public String toString() {
        return Sddl.formatAce(this);
    }
}
