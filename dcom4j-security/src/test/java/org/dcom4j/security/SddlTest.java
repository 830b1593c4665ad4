package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SDDL reading and printing (MS-DTYP 2.5.1), with the letter codes of Windows' sddl.h. */
class SddlTest {
    private static String rejects(String sddl, String... expected) {
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> Sddl.parse(sddl));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), () -> "message \"" + e.getMessage() + "\" lacks \"" + s + "\"");
        }
        return e.getMessage();
    }

    @Test
    void printsTheServer2003Sp1LaunchRestrictionBackIdentically() {
        String s = "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)";
        SecurityDescriptor sd = Sddl.parse(s);
        assertEquals(s, Sddl.format(sd));
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, sd.owner());
        assertEquals(WellKnownSids.DISTRIBUTED_COM_USERS, sd.dacl().aces().get(2).sid());
        assertEquals(SecurityDescriptor.DACL_PRESENT, sd.control());
    }

    @Test
    void acceptsComponentsInAnyOrderAndPrintsThemOwnerGroupDaclSacl() {
        SecurityDescriptor sd = Sddl.parse("S:(AU;FA;GA;;;WD)D:(A;;GA;;;SY)G:SYO:BA");
        assertEquals("O:BAG:SYD:(A;;GA;;;SY)S:(AU;FA;GA;;;WD)", Sddl.format(sd));
    }

    @Test
    void printsAclFlagsAsProtectedThenAutoInheritReqThenAutoInherited() {
        SecurityDescriptor sd = Sddl.parse("D:AIARP(A;;GA;;;WD)S:AIP(AU;SA;GA;;;WD)");
        assertEquals("D:PARAI(A;;GA;;;WD)S:PAI(AU;SA;GA;;;WD)", Sddl.format(sd));
        assertEquals(SecurityDescriptor.DACL_PRESENT | SecurityDescriptor.DACL_PROTECTED
                | SecurityDescriptor.DACL_AUTO_INHERIT_REQ | SecurityDescriptor.DACL_AUTO_INHERITED
                | SecurityDescriptor.SACL_PRESENT | SecurityDescriptor.SACL_PROTECTED
                | SecurityDescriptor.SACL_AUTO_INHERITED, sd.control());
    }

    @Test
    void readsNoAccessControlAsANullDacl() {
        SecurityDescriptor sd = Sddl.parse("O:BAD:NO_ACCESS_CONTROL");
        assertTrue(sd.daclPresent());
        assertNull(sd.dacl());
        assertEquals("O:BAD:NO_ACCESS_CONTROL", sd.toSddl());
        assertEquals("D:PNO_ACCESS_CONTROL", Sddl.parse("D:PNO_ACCESS_CONTROL").toSddl());
    }

    @Test
    void readsBareDaclTagAsAnEmptyDacl() {
        SecurityDescriptor sd = Sddl.parse("D:");
        assertEquals(0, sd.dacl().aces().size());
        assertEquals("D:", sd.toSddl());
    }

    @Test
    void readsTheEmptyStringAsAnEmptyDescriptor() {
        assertEquals(new SecurityDescriptor(0, null, null, null, null), Sddl.parse(""));
        assertEquals("", Sddl.format(Sddl.parse("")));
    }

    @ParameterizedTest
    @CsvSource({
        "31, CCDCLCSWRP",
        "3, CCDC",
        "0x1F01FF, FA",
        "0x120089, FR",
        "0x120116, FW",
        "0x1200A0, FX",
        "0xF003F, KA",
        "0x20019, KR",
        "0x20006, KW",
        "0x100000, 0x100000",
        "0x1F01FE, 0x1f01fe",
        "0xF0000000, GAGXGWGR",
        "0x000F01FF, CCDCLCSWRPWPDTLOCRSDRCWDWO",
        "0x10000003, CCDCGA",
        "0, ''",
    })
    void printsRightsAsWindowsDoes(String mask, String expected) {
        assertEquals(expected, Sddl.formatRights(Integer.parseUnsignedInt(mask.replace("0x", ""), mask.startsWith("0x") ? 16 : 10)));
    }

    @ParameterizedTest
    @CsvSource({
        "CCDCLCSWRP, 31",
        "KX, 131097",
        "NRNWNX, 7",
        "0x1f, 31",
        "0X1F, 31",
        "037, 31",
        "31, 31",
        "0, 0",
        "4294967295, -1",
        "0xffffffff, -1",
        "GR, -2147483648",
        "'', 0",
    })
    void readsRightsAsLettersOrNumbers(String rights, int expected) {
        assertEquals(expected, Sddl.parseRights(rights));
    }

    @Test
    void refusesRightsThatAreNeitherLettersNorANumber() {
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("CCXX"));
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("CCD"));
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("0x100000000"));
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("089"));
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("12ab"));
    }

    @Test
    void printsLabelRightsOnlyInsideMandatoryLabelAces() {
        assertEquals("(ML;;NRNWNX;;;HI)", Sddl.formatAce(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, 7,
                Sid.of(16, 12288), null, null, null)));
        assertEquals("(A;;CCDCLC;;;WD)", Sddl.formatAce(Ace.allow(7, WellKnownSids.EVERYONE)));
        assertEquals("S:(ML;;NW;;;ME)", Sddl.parse("S:(ML;;NW;;;ME)").toSddl());
    }

    @Test
    void printsAceFlagsInBitOrder() {
        Ace ace = Sddl.parse("S:(AU;FASAIDCRIONPCIOI;GA;;;WD)").sacl().aces().get(0);
        assertEquals(0xFF, ace.flags());
        assertEquals("(AU;OICINPIOIDCRSAFA;GA;;;WD)", Sddl.formatAce(ace));
    }

    @Test
    void printsObjectGuidsInLowerCase() {
        SecurityDescriptor sd = Sddl.parse("D:(OA;CI;RP;BF967ABA-0DE6-11D0-A285-00AA003049E2;;AU)");
        Ace ace = sd.dacl().aces().get(0);
        assertEquals(UUID.fromString("bf967aba-0de6-11d0-a285-00aa003049e2"), ace.objectType());
        assertEquals("D:(OA;CI;RP;bf967aba-0de6-11d0-a285-00aa003049e2;;AU)", sd.toSddl());
        assertEquals(Acl.ACL_REVISION_DS, sd.dacl().revision());
    }

    @Test
    void printsSidsWithoutAliasInStringForm() {
        assertEquals("S-1-5-21-1-2-3-1001", Sddl.formatSid(Sid.parse("S-1-5-21-1-2-3-1001")));
        assertEquals("BA", Sddl.formatSid(WellKnownSids.BUILTIN_ADMINISTRATORS));
        assertEquals("O:BA", Sddl.parse("O:S-1-5-32-544").toSddl());
    }

    @Test
    void refusesUnknownSidAlias() {
        rejects("O:BAG:QQ", "unknown SID alias \"QQ\"", "position=6");
    }

    @Test
    void refusesDomainRelativeAlias() {
        rejects("O:DA", "\"DA\" is relative to a domain", "position=2");
        rejects("D:(A;;GA;;;EK)", "\"EK\" is relative", "position=11");
    }

    @Test
    void refusesBadRightsNamingThePosition() {
        rejects("O:BAD:(A;;CCQQ;;;WD)", "unknown access right \"QQ\"", "position=12");
    }

    @Test
    void refusesAnAceWithoutClosingParenthesis() {
        rejects("D:(A;;CC;;;WD", "unbalanced parentheses", "opened at position=2", "position=13");
    }

    @Test
    void refusesAParenthesisInsideAnAce() {
        rejects("D:(A;;CC;;(;WD)", "unbalanced parentheses", "position=10");
    }

    @Test
    void refusesAnAceWithTooFewFields() {
        rejects("D:(A;;CC;;WD)", "expected ';'", "position=12");
    }

    @Test
    void refusesDuplicateComponent() {
        rejects("O:BAG:BAO:SY", "duplicate component O:", "position=8");
        rejects("D:(A;;GA;;;WD)D:", "duplicate component D:", "position=14");
    }

    @Test
    void refusesConditionalAceTypes() {
        rejects("O:BAG:BAD:(XA;;FA;;;WD;(@User.Title==\"PM\"))",
                "conditional ACE expressions are not supported: XA at position=11");
        rejects("D:(XD;;FA;;;WD)", "XD at position=3");
        rejects("S:(XU;;FA;;;WD)", "XU at position=3");
        rejects("D:(ZA;;FA;;;WD)", "ZA at position=3");
    }

    @Test
    void refusesResourceAttributeAces() {
        rejects("S:(RA;;;;;WD;(\"Project\",TS,0,\"Windows\"))", "resource attribute ACEs are not supported: RA at position=3");
    }

    @Test
    void refusesUnknownAceType() {
        rejects("D:(QQ;;GA;;;WD)", "unknown ACE type \"QQ\"", "position=3");
        rejects("D:(FL;;GA;;;WD)", "access filter ACEs are not supported: FL", "position=3");
    }

    @Test
    void refusesTrustProtectedFilterFlagOutsideFilterAces() {
        rejects("D:(A;TP;GA;;;WD)", "TP", "position=5");
    }

    @Test
    void refusesGuidInANonObjectAce() {
        rejects("D:(A;;GA;bf967aba-0de6-11d0-a285-00aa003049e2;;WD)", "only in object ACEs", "position=9");
    }

    @Test
    void refusesShortenedGuid() {
        rejects("D:(OA;;GA;1-2-3-4-5;;WD)", "GUID must have 36 characters", "position=10");
        rejects("D:(OA;;GA;bf967aba-0de6-11d0-a285-00aa003049eg;;WD)", "hex digit", "position=45");
    }

    @Test
    void refusesSeventhFieldOnAPlainAce() {
        rejects("D:(A;;GA;;;WD;x)", "unexpected ';' after the SID", "position=13");
    }

    @Test
    void refusesTextOutsideAnyComponent() {
        rejects("X:BA", "expected a component", "position=0");
        rejects("O:BA junk", "expected a component", "position=4");
        rejects("D:(A;;GA;;;WD)x", "expected '('", "position=14");
        rejects("D:NO_ACCESS_CONTROL(A;;GA;;;WD)", "NO_ACCESS_CONTROL must not be followed", "position=19");
        rejects("D:Q(A;;GA;;;WD)", "expected ACL flag", "position=2");
    }

    @Test
    void refusesEmptySid() {
        rejects("O:G:BA", "expected a SID", "position=2");
        rejects("D:(A;;GA;;;)", "expected a SID", "position=11");
    }

    @Test
    void refusesMalformedSidString() {
        rejects("O:S-1-5-x", "bad sub-authority", "position=2");
        rejects("O:S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", "too many sub-authorities", "position=2");
    }

    @Test
    void refusesNullString() {
        assertThrows(SecurityFormatException.class, () -> Sddl.parse(null));
    }

    @Test
    void readsNumericRightsAndPrintsLetters() {
        assertEquals("D:(A;;CCDCLCSWRP;;;WD)", Sddl.parse("D:(A;;0x1f;;;WD)").toSddl());
        assertEquals("D:(A;;0x100000;;;WD)", Sddl.parse("D:(A;;04000000;;;WD)").toSddl());
    }

    @Test
    void formatsAceThroughAceToString() {
        assertEquals("(A;;CCDCLCSWRP;;;BA)", Ace.allow(0x1F, WellKnownSids.BUILTIN_ADMINISTRATORS).toString());
        assertEquals("(D;OICI;GA;;;AN)", new Ace(AceType.ACCESS_DENIED, 3, AccessMask.GENERIC_ALL,
                WellKnownSids.ANONYMOUS, null, null, null).toString());
    }

    @Test
    void refusesDaclTooLargeForItsSixteenBitSize() {
        String ace = "(A;;GA;;;S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14)"; // 4 + 4 + (8 + 4 * 15) = 76 bytes;
        // the 863rd ACE crosses the limit: 8 + 76 * 863 = 65596
        rejects("O:BAD:" + ace.repeat(900), "DACL too large", "AclSize=65596", "limit=65535", "position=4");
    }
}
