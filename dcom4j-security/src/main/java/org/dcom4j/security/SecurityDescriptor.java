package org.dcom4j.security;

/**
 * A security descriptor (MS-DTYP 2.4.6). Immutable. A DACL that is present but null
 * ({@code D:NO_ACCESS_CONTROL}) is modelled as {@link #DACL_PRESENT} in {@code control} with
 * {@code dacl == null}; an absent DACL has neither. AccessCheck treats both as "grant everything".
 *
 * @param control the Control word; {@link #SELF_RELATIVE} is implied and not stored here
 * @param owner   owner SID, or null
 * @param group   primary group SID, or null
 * @param sacl    system ACL, or null: absent, or — with {@link #SACL_PRESENT} in {@code control} — a
 *                present but null SACL ({@code S:NO_ACCESS_CONTROL}), as for the DACL
 * @param dacl    discretionary ACL, or null
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl sacl, Acl dacl) {
    public static final int OWNER_DEFAULTED = 0x0001;
    public static final int GROUP_DEFAULTED = 0x0002;
    public static final int DACL_PRESENT = 0x0004;
    public static final int DACL_DEFAULTED = 0x0008;
    public static final int SACL_PRESENT = 0x0010;
    public static final int SACL_DEFAULTED = 0x0020;
    public static final int DACL_TRUSTED = 0x0040;
    public static final int SERVER_SECURITY = 0x0080;
    public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
    public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
    public static final int DACL_AUTO_INHERITED = 0x0400;
    public static final int SACL_AUTO_INHERITED = 0x0800;
    public static final int DACL_PROTECTED = 0x1000;
    public static final int SACL_PROTECTED = 0x2000;
    public static final int RM_CONTROL_VALID = 0x4000;
    public static final int SELF_RELATIVE = 0x8000;

    public SecurityDescriptor {
        control &= 0xFFFF & ~SELF_RELATIVE;
        if (dacl != null) {
            control |= DACL_PRESENT;
        }
        if (sacl != null) {
            control |= SACL_PRESENT;
        }
    }

    /** A descriptor with owner, group and a DACL, as COM permission values are usually written. */
    public static SecurityDescriptor of(Sid owner, Sid group, Acl dacl) {
        return new SecurityDescriptor(0, owner, group, null, dacl);
    }

    public boolean daclPresent() {
        return (control & DACL_PRESENT) != 0;
    }

    public boolean saclPresent() {
        return (control & SACL_PRESENT) != 0;
    }

    /** True when the DACL grants everything: absent, or present and null. */
    public boolean grantsAll() {
        return dacl == null;
    }

    /** The self-relative binary form, laid out as Windows lays it out. */
    public byte[] toBytes() {
        return SecurityDescriptorCodec.encode(this);
    }

    /** Decodes a self-relative binary descriptor; every offset and size is bounds-checked. */
    public static SecurityDescriptor fromBytes(byte[] bytes) {
        return SecurityDescriptorCodec.decode(bytes);
    }

    /** Parses SDDL (MS-DTYP 2.5.1). */
    public static SecurityDescriptor fromSddl(String sddl) {
        return Sddl.parse(sddl);
    }

    /** The SDDL form. */
    public String toSddl() {
        return Sddl.format(this);
    }

    @Override
    public String toString() {
        return toSddl();
    }
}
