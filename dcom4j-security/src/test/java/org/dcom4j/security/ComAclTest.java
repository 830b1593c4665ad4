package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seed's validity rules for COM permissions: EXECUTE in every ACE, no mixing of formats. */
class ComAclTest {
    private static ComAcl.Validity validate(String sddl) {
        return ComAcl.validate(Sddl.parse(sddl));
    }

    @Test
    void acceptsALegacyAclWhereEveryAceGrantsOnlyExecute() {
        ComAcl.Validity v = validate("O:BAG:BAD:(A;;CC;;;WD)(D;;CC;;;AN)");
        assertTrue(v.valid());
        assertEquals(ComAcl.Format.LEGACY, v.format());
    }

    @Test
    void acceptsANewFormatAcl() {
        ComAcl.Validity v = validate("O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)");
        assertTrue(v.valid());
        assertEquals(ComAcl.Format.NEW, v.format());
    }

    @Test
    void rejectsMixingLegacyAndNewAcesNamingBoth() {
        ComAcl.Validity v = validate("O:BAG:BAD:(A;;CCDC;;;WD)(A;;CC;;;AN)");
        assertFalse(v.valid());
        assertEquals("mixes the legacy format (ACE #2 (A;;CC;;;AN) grants only COM_RIGHTS_EXECUTE) with the new format"
                + " (ACE #1 (A;;CCDC;;;WD) grants distance-specific rights)", v.reason());
    }

    @Test
    void rejectsAnAceWithoutExecuteNamingIt() {
        ComAcl.Validity v = validate("O:BAG:BAD:(A;;CCDC;;;WD)(A;;DCLC;;;AN)");
        assertFalse(v.valid());
        assertEquals("ACE #2 (A;;DCLC;;;AN) lacks COM_RIGHTS_EXECUTE (CC, 0x1), which every ACE must include", v.reason());
    }

    @Test
    void rejectsADenyAceWithoutExecuteToo() {
        assertFalse(validate("O:BAG:BAD:(D;;DC;;;WD)(A;;CCDC;;;WD)").valid());
    }

    @Test
    void rejectsObjectAcesInACOMDescriptor() {
        ComAcl.Validity v = validate("D:(OA;;CCDC;;;WD)");
        assertFalse(v.valid());
        assertTrue(v.reason().contains("ACE #1"), v.reason());
    }

    @Test
    void acceptsNullAndEmptyDacls() {
        assertEquals(ComAcl.Format.NULL, validate("O:BAG:BAD:NO_ACCESS_CONTROL").format());
        assertEquals(ComAcl.Format.EMPTY, validate("O:BAG:BAD:").format());
    }

    @Test
    void extraStandardRightsDoNotChangeTheFormat() {
        assertEquals(ComAcl.Format.LEGACY, validate("D:(A;;CCRC;;;WD)").format());
        assertEquals(ComAcl.Format.NEW, validate("D:(A;;CCDCRC;;;WD)").format());
    }

    @Test
    void asksLegacyAclsForExecuteAndNewOnesForTheDistanceSpecificRight() {
        assertEquals(ComRights.EXECUTE, ComAcl.desiredRight(ComAcl.Format.LEGACY, Operation.ACTIVATE, Distance.REMOTE));
        assertEquals(ComRights.EXECUTE_LOCAL, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.LAUNCH, Distance.LOCAL));
        assertEquals(ComRights.EXECUTE_REMOTE, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.LAUNCH, Distance.REMOTE));
        assertEquals(ComRights.ACTIVATE_LOCAL, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.ACTIVATE, Distance.LOCAL));
        assertEquals(ComRights.ACTIVATE_REMOTE, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.ACTIVATE, Distance.REMOTE));
        assertEquals(ComRights.EXECUTE_LOCAL, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.CALL, Distance.LOCAL));
        assertEquals(ComRights.EXECUTE_REMOTE, ComAcl.desiredRight(ComAcl.Format.NEW, Operation.CALL, Distance.REMOTE));
    }

    @Test
    void describesMasksInTheAdministratorsAbbreviations() {
        assertEquals("LL LA RL RA", ComAcl.describe(0x1F, true));
        assertEquals("LL LA", ComAcl.describe(0xB, true));
        assertEquals("LC RC", ComAcl.describe(0x7, false));
        assertEquals("LL LA RL RA", ComAcl.describe(0x1, true));
    }
}
