package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Malformed self-relative descriptors: each must fail with a {@link SecurityFormatException} whose
 * message names the field, its value and the offset. The well-formed base is the Server 2003 SP1
 * MachineLaunchRestriction, laid out as:
 *
 * <pre>
 * 0x00 header (OffsetOwner 0x60, OffsetGroup 0x70, OffsetSacl 0, OffsetDacl 0x14)
 * 0x14 DACL header: AclRevision 2, AclSize 76, AceCount 3
 * 0x1c ACE[0] (24 bytes, SID at 0x24)   0x34 ACE[1] (20 bytes)   0x48 ACE[2] (24 bytes)
 * 0x60 owner BA   0x70 group BA   (128 bytes)
 * </pre>
 */
class SecurityDescriptorCodecTest {
    private static final String SP1_LAUNCH =
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)";

    private static byte[] base() {
        byte[] b = Sddl.parse(SP1_LAUNCH).toBytes();
        assertEquals(128, b.length);
        return b;
    }

    private static String rejects(byte[] bytes, String... expected) {
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> SecurityDescriptorCodec.decode(bytes));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), () -> "message \"" + e.getMessage() + "\" lacks \"" + s + "\"");
        }
        return e.getMessage();
    }

    @Test
    void rejectsBufferShorterThanTheHeader() {
        rejects(Arrays.copyOf(base(), 19), "length=19", "minimum=20", "offset=0");
    }

    @Test
    void rejectsNullBytesAsAFormatError() {
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptorCodec.decode(null));
    }

    @Test
    void rejectsDescriptorRevisionOtherThanOne() {
        byte[] b = base();
        b[0] = 2;
        rejects(b, "Revision=2", "offset=0");
    }

    @Test
    void rejectsAbsoluteDescriptorWithoutSelfRelativeBit() {
        byte[] b = base();
        Bytes.writeShort(b, 2, 0x0004);
        rejects(b, "Control=0x4", "SE_SELF_RELATIVE", "offset=2");
    }

    @Test
    void rejectsOwnerOffsetPastTheEnd() {
        byte[] b = base();
        Bytes.writeInt(b, 4, 128);
        rejects(b, "OffsetOwner=128", "offset=4");
    }

    @Test
    void rejectsGroupOffsetFarOutOfRange() {
        byte[] b = base();
        Bytes.writeInt(b, 8, 0xFFFF_FFF0);
        rejects(b, "OffsetGroup=4294967280", "offset=8");
    }

    @Test
    void rejectsDaclOffsetPointingIntoTheHeader() {
        byte[] b = base();
        Bytes.writeInt(b, 16, 8);
        rejects(b, "OffsetDacl=8", "offset=16");
    }

    @Test
    void rejectsDaclOffsetWhenDaclPresentIsClear() {
        byte[] b = base();
        Bytes.writeShort(b, 2, 0x8000);
        rejects(b, "OffsetDacl=20", "DACL_PRESENT is clear", "offset=16");
    }

    @Test
    void rejectsSaclOffsetWhenSaclPresentIsClear() {
        byte[] b = base();
        Bytes.writeInt(b, 12, 20);
        rejects(b, "OffsetSacl=20", "SACL_PRESENT is clear", "offset=12");
    }

    @Test
    void rejectsAclWhoseSizeExceedsTheBuffer() {
        byte[] b = base();
        Bytes.writeShort(b, 22, 4096);
        rejects(b, "DACL AclSize=4096", "bytes left=108", "offset=20");
    }

    @Test
    void rejectsAclSmallerThanItsHeader() {
        byte[] b = base();
        Bytes.writeShort(b, 22, 4);
        rejects(b, "DACL AclSize=4", "minimum=8", "offset=20");
    }

    @Test
    void rejectsAclWhoseAceCountExceedsItsSize() {
        byte[] b = base();
        Bytes.writeShort(b, 24, 0xFFFF);
        rejects(b, "DACL AceCount=65535 exceeds what AclSize=76 can hold", "limit=4", "offset=20");
    }

    @Test
    void rejectsAclRevisionThree() {
        byte[] b = base();
        b[20] = 3;
        rejects(b, "AclRevision=3", "offset=20");
    }

    @Test
    void rejectsAceSmallerThanTheMinimum() {
        byte[] b = base();
        Bytes.writeShort(b, 0x1c + 2, 8);
        rejects(b, "DACL ACE[0] AceSize=8", "minimum=16", "offset=28");
    }

    @Test
    void rejectsAceRunningPastItsAcl() {
        byte[] b = base();
        Bytes.writeShort(b, 0x48 + 2, 28);
        rejects(b, "DACL ACE[2] AceSize=28", "exceeds the ACL", "bytes left=24", "offset=72");
    }

    @Test
    void rejectsAceWhoseSidRunsPastTheAce() {
        byte[] b = base();
        b[0x24 + 1] = 3; // BA now claims 3 sub-authorities = 20 bytes in a 16-byte slot
        rejects(b, "DACL ACE[0] SID truncated", "SubAuthorityCount=3", "offset=36");
    }

    @Test
    void rejectsSidWithSixteenSubAuthorities() {
        byte[] b = base();
        b[0x60 + 1] = 16;
        rejects(b, "owner", "SubAuthorityCount=16", "limit=15", "offset=96");
    }

    @Test
    void rejectsTruncatedGroupSid() {
        rejects(Arrays.copyOf(base(), 124), "group SID truncated", "SubAuthorityCount=2", "bytes left=12", "offset=112");
    }

    @Test
    void rejectsSidRevisionOtherThanOne() {
        byte[] b = base();
        b[0x70] = 2;
        rejects(b, "group", "Revision=2", "offset=112");
    }

    @Test
    void rejectsCompoundAceType() {
        byte[] b = base();
        b[0x34] = 0x04;
        rejects(b, "DACL ACE[1]", "AceType=0x4", "offset=52");
    }

    @Test
    void rejectsObjectAceWithUnknownObjectFlags() {
        byte[] b = objectAce(0x3);
        Bytes.writeInt(b, 0x1c + 8, 0x7);
        rejects(b, "DACL ACE[0] object Flags=0x7", "offset=36");
    }

    @Test
    void rejectsObjectAceWhoseGuidRunsPastTheAce() {
        byte[] b = objectAce(0x0); // an object ACE without GUIDs: 4 + 4 + 4 + 12 = 24 bytes
        Bytes.writeInt(b, 0x1c + 8, 0x1); // now claims an ObjectType it has no room for
        rejects(b, "DACL ACE[0] ObjectType truncated", "bytes left in ACE=12", "offset=40");
    }

    /** {@code D:(OA;;CR;guid?;guid?;WD)}: one object ACE at 0x1c with the given GUID presence flags. */
    private static byte[] objectAce(int guids) {
        UUID g = UUID.fromString("00299570-246d-11d0-a768-00aa006e0529");
        Ace ace = new Ace(AceType.ACCESS_ALLOWED_OBJECT, 0, 0x100, WellKnownSids.EVERYONE,
                (guids & 1) != 0 ? g : null, (guids & 2) != 0 ? g : null, null);
        return new SecurityDescriptor(0, null, null, null, Acl.of(ace)).toBytes();
    }

    @Test
    void keepsBytesAfterTheSidAsApplicationDataAndReencodesThem() {
        byte[] data = {(byte) 0x61, 0x72, 0x74, 0x78};
        Ace ace = new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 0x1, WellKnownSids.EVERYONE, null, null, data);
        byte[] b = new SecurityDescriptor(0, null, null, null, Acl.of(ace)).toBytes();
        SecurityDescriptor sd = SecurityDescriptorCodec.decode(b);
        assertArrayEquals(data, sd.dacl().aces().get(0).applicationData());
        assertArrayEquals(b, SecurityDescriptorCodec.encode(sd));
        assertEquals(24, Bytes.readShort(b, 0x1c + 2), "AceSize counts the application data");
    }

    @Test
    void decodesTrailingSlackInAnAclAndDropsIt() {
        // AclSize larger than the ACEs need (Windows ACLs are often allocated with room to spare)
        byte[] b = Arrays.copyOf(base(), 136);
        System.arraycopy(b, 0x60, b, 0x68, 32); // move owner and group 8 bytes down
        Bytes.writeShort(b, 22, 76 + 8);
        Bytes.writeInt(b, 4, 0x68);
        Bytes.writeInt(b, 8, 0x78);
        SecurityDescriptor sd = SecurityDescriptorCodec.decode(b);
        assertEquals(Sddl.parse(SP1_LAUNCH), sd);
        assertArrayEquals(base(), sd.toBytes());
    }

    @Test
    void decodesOwnerBeforeDaclLayout() {
        // Other writers may put the owner first; the offsets, not the order, are authoritative.
        SecurityDescriptor sd = Sddl.parse(SP1_LAUNCH);
        byte[] dacl = Arrays.copyOfRange(sd.toBytes(), 0x14, 0x14 + 76);
        byte[] owner = WellKnownSids.BUILTIN_ADMINISTRATORS.toBytes();
        byte[] b = new byte[20 + 16 + 16 + 76];
        b[0] = 1;
        Bytes.writeShort(b, 2, 0x8004);
        Bytes.writeInt(b, 4, 20);
        Bytes.writeInt(b, 8, 36);
        Bytes.writeInt(b, 16, 52);
        System.arraycopy(owner, 0, b, 20, 16);
        System.arraycopy(owner, 0, b, 36, 16);
        System.arraycopy(dacl, 0, b, 52, 76);
        assertEquals(sd, SecurityDescriptorCodec.decode(b));
    }

    @Test
    void nullSaclKeepsSaclPresentWithOffsetZero() {
        SecurityDescriptor sd = new SecurityDescriptor(SecurityDescriptor.SACL_PRESENT, null, null, null, null);
        byte[] b = sd.toBytes();
        assertEquals("01001080" + "00".repeat(16), HexFormat.of().formatHex(b));
        assertEquals(sd, SecurityDescriptorCodec.decode(b));
        assertEquals("S:NO_ACCESS_CONTROL", sd.toSddl());
    }

    @Test
    void refusesToEncodeAnAclLargerThanItsSixteenBitSize() {
        Ace big = new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 1, WellKnownSids.EVERYONE, null, null, new byte[40_000]);
        SecurityDescriptor sd = new SecurityDescriptor(0, null, null, null, new Acl(2, List.of(big, big)));
        SecurityFormatException e = assertThrows(SecurityFormatException.class, sd::toBytes);
        assertTrue(e.getMessage().contains("DACL too large") && e.getMessage().contains("limit=65535"), e.getMessage());
    }

    @Test
    void refusesToEncodeAnAceLargerThanItsSixteenBitSize() {
        Ace big = new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 1, WellKnownSids.EVERYONE, null, null, new byte[70_000]);
        SecurityDescriptor sd = new SecurityDescriptor(0, null, null, Acl.of(big), null);
        SecurityFormatException e = assertThrows(SecurityFormatException.class, sd::toBytes);
        assertTrue(e.getMessage().contains("SACL ACE[0] too large: AceSize=70020"), e.getMessage());
    }

    @Test
    void decodesIgnoringTrailingBytesAfterTheDescriptor() {
        byte[] b = Arrays.copyOf(base(), 200);
        assertEquals(Sddl.parse(SP1_LAUNCH), SecurityDescriptorCodec.decode(b));
    }

    @Test
    void encodesSelfRelativeEvenWhenTheModelControlOmitsIt() {
        SecurityDescriptor sd = new SecurityDescriptor(SecurityDescriptor.DACL_PROTECTED, null, null, null, Acl.of());
        byte[] b = sd.toBytes();
        assertEquals(0x9004, Bytes.readShort(b, 2));
        assertEquals("D:P", Sddl.format(SecurityDescriptorCodec.decode(b)));
    }
}
