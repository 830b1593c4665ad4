package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AccessCheck as MS-DTYP 2.5.3.2 defines it, rule by rule. */
class AccessCheckTest {
    private static final Sid ALICE = Sid.parse("S-1-5-21-1-2-3-1001");
    private static final Sid STAFF = Sid.parse("S-1-5-21-1-2-3-2001");
    private static final Token ALICE_TOKEN = Token.of("alice", ALICE,
            List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, STAFF));
    private static final AccessMask.GenericMapping KEYS = AccessMask.KEY_MAPPING;

    private static AccessResult check(String sddl, Token token, int desired) {
        return AccessCheck.check(Sddl.parse(sddl), token, desired, KEYS);
    }

    @Test
    void allowsWhenOneAceGrantsEveryDesiredBit() {
        AccessResult r = check("D:(A;;KR;;;WD)", ALICE_TOKEN, AccessMask.KEY_QUERY_VALUE);
        assertTrue(r.allowed());
        assertEquals(AccessResult.Reason.GRANTED, r.reason());
        assertEquals(0, r.decidingAce());
    }

    @Test
    void accumulatesBitsGrantedBySeveralAces() {
        String sddl = "D:(A;;0x1;;;WD)(A;;0x2;;;S-1-5-21-1-2-3-2001)";
        AccessResult r = check(sddl, ALICE_TOKEN, 0x3);
        assertTrue(r.allowed());
        assertEquals(1, r.decidingAce());
        assertEquals(List.of(0, 1), r.matchedAces());
    }

    @Test
    void deniesWhenBitsAreLeftUngranted() {
        AccessResult r = check("D:(A;;0x1;;;WD)", ALICE_TOKEN, 0x3);
        assertFalse(r.allowed());
        assertEquals(AccessResult.Reason.NOT_GRANTED, r.reason());
        assertEquals(0x2, r.missing());
    }

    @Test
    void denyAceBeforeAllowDeniesAnyRequestedBit() {
        AccessResult r = check("D:(D;;0x2;;;S-1-5-21-1-2-3-2001)(A;;0x3;;;WD)", ALICE_TOKEN, 0x3);
        assertFalse(r.allowed());
        assertEquals(AccessResult.Reason.DENIED_BY_ACE, r.reason());
        assertEquals(0, r.decidingAce());
    }

    @Test
    void denyAceAfterTheGrantIsCompleteDoesNotApply() {
        AccessResult r = check("D:(A;;0x3;;;WD)(D;;0x2;;;S-1-5-21-1-2-3-2001)", ALICE_TOKEN, 0x3);
        assertTrue(r.allowed());
    }

    @Test
    void denyAceOnBitsNotRequestedDoesNotDeny() {
        AccessResult r = check("D:(D;;0x4;;;WD)(A;;0x3;;;WD)", ALICE_TOKEN, 0x1);
        assertTrue(r.allowed());
    }

    @Test
    void denyAceOnAlreadyGrantedBitsDoesNotDeny() {
        AccessResult r = check("D:(A;;0x1;;;WD)(D;;0x1;;;WD)(A;;0x2;;;WD)", ALICE_TOKEN, 0x3);
        assertTrue(r.allowed());
    }

    @Test
    void aceForAnotherTrusteeIsIgnored() {
        AccessResult r = check("D:(D;;0x1;;;AN)(A;;0x1;;;BA)", ALICE_TOKEN, 0x1);
        assertFalse(r.allowed());
        assertTrue(r.matchedAces().isEmpty());
    }

    @Test
    void aRequestForNoRightIsDeniedWhateverTheDacl() {
        assertFalse(check("D:(A;;KA;;;WD)", ALICE_TOKEN, 0).allowed());
        assertFalse(check("D:", ALICE_TOKEN, 0).allowed());
        assertFalse(check("D:NO_ACCESS_CONTROL", ALICE_TOKEN, 0).allowed());
        assertFalse(check("O:S-1-5-21-1-2-3-1001D:", ALICE_TOKEN, 0).allowed());
    }

    @Test
    void nullDaclGrantsEverything() {
        assertTrue(check("O:BAG:BAD:NO_ACCESS_CONTROL", ALICE_TOKEN, AccessMask.KEY_ALL_ACCESS).allowed());
        assertTrue(check("O:BAG:BA", ALICE_TOKEN, AccessMask.KEY_ALL_ACCESS).allowed());
        assertEquals(AccessResult.Reason.NULL_DACL, check("O:BA", ALICE_TOKEN, 1).reason());
    }

    @Test
    void emptyDaclGrantsNothing() {
        AccessResult r = check("O:BAG:BAD:", ALICE_TOKEN, 0x1);
        assertFalse(r.allowed());
        assertEquals(AccessResult.Reason.NOT_GRANTED, r.reason());
    }

    @Test
    void ownerGetsReadControlAndWriteDacImplicitly() {
        String sddl = "O:S-1-5-21-1-2-3-1001D:";
        assertTrue(check(sddl, ALICE_TOKEN, AccessMask.READ_CONTROL | AccessMask.WRITE_DAC).allowed());
        assertFalse(check(sddl, ALICE_TOKEN, AccessMask.WRITE_OWNER).allowed());
    }

    @Test
    void ownerRightsAceReplacesTheOwnersImplicitRights() {
        String sddl = "O:S-1-5-21-1-2-3-1001D:(A;;RC;;;OW)";
        assertTrue(check(sddl, ALICE_TOKEN, AccessMask.READ_CONTROL).allowed());
        assertFalse(check(sddl, ALICE_TOKEN, AccessMask.WRITE_DAC).allowed());
    }

    @Test
    void inheritOnlyAcesAreSkipped() {
        assertFalse(check("D:(A;CIIO;KA;;;WD)", ALICE_TOKEN, AccessMask.KEY_QUERY_VALUE).allowed());
        assertTrue(check("D:(D;CIIO;KA;;;WD)(A;;KA;;;WD)", ALICE_TOKEN, AccessMask.KEY_QUERY_VALUE).allowed());
    }

    @Test
    void genericRightsInTheRequestAreMapped() {
        AccessResult r = check("D:(A;;KR;;;WD)", ALICE_TOKEN, AccessMask.GENERIC_READ);
        assertTrue(r.allowed());
        assertEquals(AccessMask.KEY_READ, r.desired());
        assertFalse(check("D:(A;;KR;;;WD)", ALICE_TOKEN, AccessMask.GENERIC_WRITE).allowed());
    }

    @Test
    void genericRightsInAcesAreMapped() {
        assertTrue(check("D:(A;;GA;;;WD)", ALICE_TOKEN, AccessMask.KEY_SET_VALUE).allowed());
        assertFalse(check("D:(D;;GW;;;WD)(A;;GA;;;WD)", ALICE_TOKEN, AccessMask.KEY_SET_VALUE).allowed());
    }

    @Test
    void maximumAllowedReportsEveryGrantableRight() {
        AccessResult r = check("D:(D;;0x2;;;WD)(A;;0x7;;;WD)", ALICE_TOKEN, AccessMask.MAXIMUM_ALLOWED);
        assertTrue(r.allowed());
        assertEquals(0x5, r.granted());
    }

    @Test
    void principalSelfStandsForTheGivenIdentity() {
        SecurityDescriptor sd = Sddl.parse("D:(A;;0x1;;;PS)");
        assertTrue(AccessCheck.check(sd, ALICE_TOKEN, 1, KEYS, ALICE).allowed());
        assertFalse(AccessCheck.check(sd, ALICE_TOKEN, 1, KEYS, STAFF.child(5)).allowed());
        assertFalse(AccessCheck.check(sd, ALICE_TOKEN, 1, KEYS, null).allowed());
    }

    @Test
    void callbackAllowNeverGrantsAndCallbackDenyAlwaysApplies() {
        Ace allowIf = new Ace(AceType.ACCESS_ALLOWED_CALLBACK, 0, 0x1, WellKnownSids.EVERYONE, null, null, new byte[] {'a', 'r', 't', 'x'});
        Ace denyIf = new Ace(AceType.ACCESS_DENIED_CALLBACK, 0, 0x1, WellKnownSids.EVERYONE, null, null, new byte[] {'a', 'r', 't', 'x'});
        Ace allow = Ace.allow(0x1, WellKnownSids.EVERYONE);
        assertFalse(AccessCheck.check(SecurityDescriptor.of(null, null, Acl.of(allowIf)), ALICE_TOKEN, 1, KEYS).allowed());
        assertFalse(AccessCheck.check(SecurityDescriptor.of(null, null, Acl.of(denyIf, allow)), ALICE_TOKEN, 1, KEYS).allowed());
    }

    @Test
    void objectAcesNamingAnObjectTypeAreIgnored() {
        String guid = "bf967aba-0de6-11d0-a285-00aa003049e2";
        assertFalse(check("D:(OA;;0x1;" + guid + ";;WD)", ALICE_TOKEN, 1).allowed());
        assertTrue(check("D:(OD;;0x1;" + guid + ";;WD)(A;;0x1;;;WD)", ALICE_TOKEN, 1).allowed());
        assertTrue(check("D:(OA;;0x1;;;WD)", ALICE_TOKEN, 1).allowed());
    }

    @Test
    void auditAcesInTheDaclTakeNoPart() {
        assertFalse(check("D:(AU;SA;0x1;;;WD)", ALICE_TOKEN, 1).allowed());
    }
}
