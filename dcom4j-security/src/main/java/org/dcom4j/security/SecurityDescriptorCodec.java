package org.dcom4j.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The self-relative binary security descriptor (MS-DTYP 2.4.6 SECURITY_DESCRIPTOR, 2.4.5 ACL,
 * 2.4.4 ACEs, 2.4.2.2 SID). Stateless; {@link #encode} returns a new array the caller owns, and
 * {@link #decode} copies what it keeps, so the caller may reuse its buffer afterwards.
 *
 * <pre>
 *  0        1        2                 4                 8                 12                16                20
 * +--------+--------+-----------------+-----------------+-----------------+-----------------+-----------------+
 * |Revision| Sbz1   | Control (LE 2)  | OffsetOwner     | OffsetGroup     | OffsetSacl      | OffsetDacl      |
 * |  = 1   |        | SELF_RELATIVE   | (LE 4, 0=absent)| (LE 4, 0=absent)| (LE 4, 0=absent)| (LE 4, 0=absent)|
 * +--------+--------+-----------------+-----------------+-----------------+-----------------+-----------------+
 * | SACL | DACL | Owner SID | Group SID          (encode writes them in this order, as Windows does)
 *
 * ACL (MS-DTYP 2.4.5):  AclRevision(1) Sbz1(1) AclSize(LE 2) AceCount(LE 2) Sbz2(LE 2) | ACE…
 * ACE (MS-DTYP 2.4.4):  AceType(1) AceFlags(1) AceSize(LE 2) Mask(LE 4)
 *                       [object types: Flags(LE 4) [ObjectType(16)] [InheritedObjectType(16)]]
 *                       Sid | ApplicationData up to AceSize
 * </pre>
 *
 * <p>Decoding trusts no length: every offset, AclSize, AceCount, AceSize and SubAuthorityCount is
 * checked against the bytes that hold it before anything is allocated, and every failure is a
 * {@link SecurityFormatException} naming the field, its value, the limit and the offset. The reserved
 * fields (the header's Sbz1, the ACL's Sbz1 and Sbz2) are not kept, nor is unused space at the end
 * of an ACL; everything else decodes to a model that encodes back to the same bytes when the input
 * has the layout {@link #encode} writes.
 */
final class SecurityDescriptorCodec {
    /** Bytes of the fixed header. */
    static final int HEADER_LENGTH = 20;
    static final int ACL_HEADER_LENGTH = 8;
    /** The smallest ACE: header, Mask and a SID with no sub-authority. */
    static final int MIN_ACE_LENGTH = 16;
    /** The smallest object ACE: as {@link #MIN_ACE_LENGTH} plus the object Flags. */
    static final int MIN_OBJECT_ACE_LENGTH = 20;
    /** AclSize and AceSize are 16-bit. */
    static final int MAX_SIZE = 0xFFFF;
    static final int ACE_OBJECT_TYPE_PRESENT = 0x1;
    static final int ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x2;

    private static final int OFFSET_OWNER = 4;
    private static final int OFFSET_GROUP = 8;
    private static final int OFFSET_SACL = 12;
    private static final int OFFSET_DACL = 16;

    private SecurityDescriptorCodec() {
    }

    // ---------------------------------------------------------------- encode

    /**
     * The self-relative form of {@code sd}: SE_SELF_RELATIVE set, then SACL, DACL, owner, group.
     * A present-but-null ACL has its PRESENT bit set and offset 0.
     *
     * @throws SecurityFormatException when an ACL or ACE would not fit its 16-bit size field
     */
    static byte[] encode(SecurityDescriptor sd) {
        int saclLength = sd.sacl() == null ? 0 : checkedAclLength(sd.sacl(), "SACL");
        int daclLength = sd.dacl() == null ? 0 : checkedAclLength(sd.dacl(), "DACL");
        int ownerLength = sd.owner() == null ? 0 : sd.owner().encodedLength();
        int groupLength = sd.group() == null ? 0 : sd.group().encodedLength();
        byte[] b = new byte[HEADER_LENGTH + saclLength + daclLength + ownerLength + groupLength];
        b[0] = 1;
        Bytes.writeShort(b, 2, sd.control() | SecurityDescriptor.SELF_RELATIVE);
        int p = HEADER_LENGTH;
        if (sd.sacl() != null) {
            Bytes.writeInt(b, OFFSET_SACL, p);
            p = encodeAcl(sd.sacl(), b, p);
        }
        if (sd.dacl() != null) {
            Bytes.writeInt(b, OFFSET_DACL, p);
            p = encodeAcl(sd.dacl(), b, p);
        }
        if (sd.owner() != null) {
            Bytes.writeInt(b, OFFSET_OWNER, p);
            p = sd.owner().encode(b, p);
        }
        if (sd.group() != null) {
            Bytes.writeInt(b, OFFSET_GROUP, p);
            sd.group().encode(b, p);
        }
        return b;
    }

    private static int checkedAclLength(Acl acl, String name) {
        int length = ACL_HEADER_LENGTH;
        for (int i = 0; i < acl.aces().size(); i++) {
            int aceLength = acl.aces().get(i).encodedLength();
            if (aceLength > MAX_SIZE) {
                throw new SecurityFormatException(name + " ACE[" + i + "] too large: AceSize=" + aceLength + ", limit=" + MAX_SIZE);
            }
            length += aceLength;
            if (length > MAX_SIZE) {
                throw new SecurityFormatException(name + " too large: AclSize=" + length + " (at least), limit=" + MAX_SIZE);
            }
        }
        return length;
    }

    private static int encodeAcl(Acl acl, byte[] b, int off) {
        b[off] = (byte) acl.revision();
        int p = off + ACL_HEADER_LENGTH;
        for (Ace ace : acl.aces()) {
            p = encodeAce(ace, b, p);
        }
        Bytes.writeShort(b, off + 2, p - off);
        Bytes.writeShort(b, off + 4, acl.aces().size());
        return p;
    }

    private static int encodeAce(Ace ace, byte[] b, int off) {
        b[off] = (byte) ace.type().code();
        b[off + 1] = (byte) ace.flags();
        Bytes.writeShort(b, off + 2, ace.encodedLength());
        Bytes.writeInt(b, off + 4, ace.mask());
        int p = off + 8;
        if (ace.type().isObject()) {
            int flags = (ace.objectType() != null ? ACE_OBJECT_TYPE_PRESENT : 0)
                    | (ace.inheritedObjectType() != null ? ACE_INHERITED_OBJECT_TYPE_PRESENT : 0);
            Bytes.writeInt(b, p, flags);
            p += 4;
            if (ace.objectType() != null) {
                p = Guids.write(ace.objectType(), b, p);
            }
            if (ace.inheritedObjectType() != null) {
                p = Guids.write(ace.inheritedObjectType(), b, p);
            }
        }
        p = ace.sid().encode(b, p);
        byte[] data = ace.applicationData();
        System.arraycopy(data, 0, b, p, data.length);
        return p + data.length;
    }

    // ---------------------------------------------------------------- decode

    /**
     * Decodes a self-relative descriptor from {@code bytes} (which may be longer than the descriptor).
     *
     * @throws SecurityFormatException for any malformed input, and for nothing else
     */
    static SecurityDescriptor decode(byte[] bytes) {
        if (bytes == null) {
            throw new SecurityFormatException("security descriptor missing: bytes=null");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new SecurityFormatException("security descriptor truncated: length=" + bytes.length
                    + ", minimum=" + HEADER_LENGTH + ", offset=0");
        }
        int revision = bytes[0] & 0xFF;
        if (revision != 1) {
            throw new SecurityFormatException("security descriptor Revision=" + revision + ", expected 1, offset=0");
        }
        int control = Bytes.readShort(bytes, 2);
        if ((control & SecurityDescriptor.SELF_RELATIVE) == 0) {
            throw new SecurityFormatException("security descriptor is absolute, not self-relative: Control=0x"
                    + Integer.toHexString(control) + " lacks SE_SELF_RELATIVE (0x8000), offset=2");
        }
        Sid owner = decodeSid(bytes, "OffsetOwner", OFFSET_OWNER, "owner");
        Sid group = decodeSid(bytes, "OffsetGroup", OFFSET_GROUP, "group");
        Acl sacl = decodeAcl(bytes, control, SecurityDescriptor.SACL_PRESENT, "SACL_PRESENT", "OffsetSacl", OFFSET_SACL, "SACL");
        Acl dacl = decodeAcl(bytes, control, SecurityDescriptor.DACL_PRESENT, "DACL_PRESENT", "OffsetDacl", OFFSET_DACL, "DACL");
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    /** The offset stored at {@code field}, 0 when absent; else checked to lie past the header and in the buffer. */
    private static int readOffset(byte[] b, String name, int field) {
        long offset = Integer.toUnsignedLong(Bytes.readInt(b, field));
        if (offset != 0 && (offset < HEADER_LENGTH || offset >= b.length)) {
            throw new SecurityFormatException(name + "=" + offset + " out of range: must be 0 or in [" + HEADER_LENGTH
                    + ", " + b.length + "), offset=" + field);
        }
        return (int) offset;
    }

    private static Sid decodeSid(byte[] b, String name, int field, String what) {
        int offset = readOffset(b, name, field);
        if (offset == 0) {
            return null;
        }
        try {
            return Sid.decode(b, offset, b.length);
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(what + " " + e.getMessage());
        }
    }

    private static Acl decodeAcl(byte[] b, int control, int presentBit, String presentName, String name, int field,
                                 String what) {
        int offset = readOffset(b, name, field);
        if ((control & presentBit) == 0) {
            if (offset != 0) {
                throw new SecurityFormatException(name + "=" + offset + " but " + presentName + " is clear in Control=0x"
                        + Integer.toHexString(control) + ", offset=" + field);
            }
            return null;
        }
        return offset == 0 ? null : decodeAcl(b, offset, what);
    }

    private static Acl decodeAcl(byte[] b, int off, String what) {
        if (b.length - off < ACL_HEADER_LENGTH) {
            throw new SecurityFormatException(what + " header truncated: needs=" + ACL_HEADER_LENGTH + ", bytes left="
                    + (b.length - off) + ", offset=" + off);
        }
        int revision = b[off] & 0xFF;
        if (revision != Acl.ACL_REVISION && revision != Acl.ACL_REVISION_DS) {
            throw new SecurityFormatException(what + " AclRevision=" + revision + ", expected 2 or 4, offset=" + off);
        }
        int aclSize = Bytes.readShort(b, off + 2);
        if (aclSize < ACL_HEADER_LENGTH) {
            throw new SecurityFormatException(what + " AclSize=" + aclSize + " smaller than its header, minimum="
                    + ACL_HEADER_LENGTH + ", offset=" + off);
        }
        if (aclSize > b.length - off) {
            throw new SecurityFormatException(what + " AclSize=" + aclSize + " exceeds the bytes left=" + (b.length - off)
                    + ", offset=" + off);
        }
        int aceCount = Bytes.readShort(b, off + 4);
        int maxAces = (aclSize - ACL_HEADER_LENGTH) / MIN_ACE_LENGTH;
        if (aceCount > maxAces) {
            throw new SecurityFormatException(what + " AceCount=" + aceCount + " exceeds what AclSize=" + aclSize
                    + " can hold, limit=" + maxAces + ", offset=" + off);
        }
        List<Ace> aces = new ArrayList<>(aceCount);
        int end = off + aclSize;
        int p = off + ACL_HEADER_LENGTH;
        for (int i = 0; i < aceCount; i++) {
            String ace = what + " ACE[" + i + "]";
            if (end - p < 4) {
                throw new SecurityFormatException(ace + " header truncated: bytes left in ACL=" + (end - p) + ", offset=" + p);
            }
            int aceSize = Bytes.readShort(b, p + 2);
            aces.add(decodeAce(b, p, aceSize, end, ace));
            p += aceSize;
        }
        return new Acl(revision, aces);
    }

    private static Ace decodeAce(byte[] b, int off, int aceSize, int aclEnd, String what) {
        AceType type;
        try {
            type = AceType.ofCode(b[off] & 0xFF, off);
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(what + " " + e.getMessage());
        }
        int flags = b[off + 1] & 0xFF;
        int minimum = type.isObject() ? MIN_OBJECT_ACE_LENGTH : MIN_ACE_LENGTH;
        if (aceSize < minimum) {
            throw new SecurityFormatException(what + " AceSize=" + aceSize + " below minimum=" + minimum + " for "
                    + type.sddl() + ", offset=" + off);
        }
        if (aceSize > aclEnd - off) {
            throw new SecurityFormatException(what + " AceSize=" + aceSize + " exceeds the ACL, bytes left="
                    + (aclEnd - off) + ", offset=" + off);
        }
        int end = off + aceSize;
        int mask = Bytes.readInt(b, off + 4);
        int p = off + 8;
        UUID objectType = null;
        UUID inheritedObjectType = null;
        if (type.isObject()) {
            int objectFlags = Bytes.readInt(b, p);
            int known = ACE_OBJECT_TYPE_PRESENT | ACE_INHERITED_OBJECT_TYPE_PRESENT;
            if ((objectFlags & ~known) != 0) {
                throw new SecurityFormatException(what + " object Flags=0x" + Integer.toHexString(objectFlags)
                        + " has unknown bits, allowed=0x3, offset=" + p);
            }
            p += 4;
            if ((objectFlags & ACE_OBJECT_TYPE_PRESENT) != 0) {
                checkGuid(p, end, what, "ObjectType");
                objectType = Guids.read(b, p);
                p += Guids.LENGTH;
            }
            if ((objectFlags & ACE_INHERITED_OBJECT_TYPE_PRESENT) != 0) {
                checkGuid(p, end, what, "InheritedObjectType");
                inheritedObjectType = Guids.read(b, p);
                p += Guids.LENGTH;
            }
        }
        Sid sid;
        try {
            sid = Sid.decode(b, p, end);
        } catch (SecurityFormatException e) {
            throw new SecurityFormatException(what + " " + e.getMessage());
        }
        p += sid.encodedLength();
        byte[] applicationData = Arrays.copyOfRange(b, p, end);
        return new Ace(type, flags, mask, sid, objectType, inheritedObjectType, applicationData);
    }

    private static void checkGuid(int p, int end, String what, String field) {
        if (end - p < Guids.LENGTH) {
            throw new SecurityFormatException(what + " " + field + " truncated: needs=" + Guids.LENGTH
                    + ", bytes left in ACE=" + (end - p) + ", offset=" + p);
        }
    }
}
