package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code dcom4j sd convert} and {@code dcom4j sd check}. */
class SdCommandTest {
    /** The Server 2003 SP1 MachineLaunchRestriction. */
    static final String SP1_LAUNCH =
            "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)";

    @Test
    void convertsSddlToBinaryAndBackUnchanged() {
        Cli.Result toHex = Cli.exec("sd", "convert", "--sddl", SP1_LAUNCH);
        assertEquals(0, toHex.code(), toHex::toString);
        List<String> lines = toHex.outLines();
        assertEquals("SDDL: " + SP1_LAUNCH, lines.get(0));
        assertTrue(lines.get(1).startsWith("hex: 01 00 04 80 "), lines.get(1));
        String hex = lines.get(1).substring("hex: ".length());

        Cli.Result back = Cli.exec("sd", "convert", "--hex", hex);
        assertEquals(0, back.code(), back::toString);
        assertEquals(toHex.out(), back.out());
    }

    @Test
    void acceptsRegeditAndPlainHex() {
        String spaced = Cli.exec("sd", "convert", "--sddl", SP1_LAUNCH).outLines().get(1).substring(5);
        String regedit = "hex:" + spaced.replace(' ', ',');
        String plain = spaced.replace(" ", "");
        String continued = spaced.substring(0, 23).replace(' ', ',') + ",\\\n  " + spaced.substring(24).replace(' ', ',');
        for (String form : List.of(regedit, plain, continued, spaced.toUpperCase())) {
            Cli.Result r = Cli.exec("sd", "convert", "--hex", form);
            assertEquals(0, r.code(), r::toString);
            assertEquals("SDDL: " + SP1_LAUNCH, r.outLines().get(0));
        }
    }

    @Test
    void acceptsAWholePastedRegeditLineWithHex3() {
        String spaced = Cli.exec("sd", "convert", "--sddl", SP1_LAUNCH).outLines().get(1).substring(5);
        String commas = spaced.replace(' ', ',');
        String cut = commas.substring(0, 48) + "\\\r\n  " + commas.substring(48);
        for (String form : List.of("\"MachineLaunchRestriction\"=hex:" + cut, "\"Machine\\\"Launch\" = hex(3):" + commas,
                "@=HEX(03):" + commas, "hex(3):" + commas)) {
            Cli.Result r = Cli.exec("sd", "convert", "--hex", form);
            assertEquals(0, r.code(), () -> form + "\n" + r);
            assertEquals("SDDL: " + SP1_LAUNCH, r.outLines().get(0));
        }
        Cli.Result multi = Cli.exec("sd", "convert", "--hex", "\"Contacts\"=hex(7):61,00,00,00");
        assertEquals(2, multi.code(), multi::toString);
        assertEquals("dcom4j: bad hex: hex(7): is not REG_BINARY data (expected hex: or hex(3):)\n", multi.err());
    }

    @Test
    void warnsAboutAccessAcesThatHoldOnlyLaunchRightsButStaysValid() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "access", "--sddl",
                "O:BAG:BAD:(A;;CCSW;;;WD)(D;;CCRP;;;AN)(A;;CCDC;;;BA)");
        assertEquals(0, r.code(), r::toString);
        assertEquals("VALID", r.outLines().get(0));
        assertEquals("  allow  Everyone (S-1-1-0)  (none)", r.outLines().get(2));
        assertEquals(List.of(
                "warning: ACE #1 (A;;CCSW;;;WD) grants no access right (LC or RC): SW and RP are launch-permission"
                        + " rights (LA, RA), so it has no effect in an access permission",
                "warning: ACE #2 (D;;CCRP;;;AN) denies no access right (LC or RC): SW and RP are launch-permission"
                        + " rights (LA, RA), so it has no effect in an access permission"), r.errLines());

        // The same bits are Local/Remote Activation in a launch permission; legacy CC means everything.
        assertEquals("", Cli.exec("sd", "check", "--kind", "launch", "--sddl", "O:BAG:BAD:(A;;CCSW;;;WD)").err());
        assertEquals("", Cli.exec("sd", "check", "--kind", "access", "--sddl", "O:BAG:BAD:(A;;CC;;;WD)").err());
        assertEquals("", Cli.exec("sd", "check", "--kind", "access", "--sddl", "O:BAG:BAD:(A;;CCLCSW;;;WD)").err());
    }

    @Test
    void reportsNewFormatLaunchPermissionAsValidWithOneLinePerAce() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "launch", "--sddl", SP1_LAUNCH);
        assertEquals(0, r.code(), r::toString);
        assertEquals(List.of(
                "VALID",
                "format: new (XP SP2 / Server 2003 SP1: distance-specific rights)",
                "  allow  BUILTIN\\Administrators (S-1-5-32-544)  LL LA RL RA",
                "  allow  Everyone (S-1-1-0)  LL LA",
                "  allow  BUILTIN\\Distributed COM Users (S-1-5-32-562)  LL LA RL RA"), r.outLines());
    }

    @Test
    void readsAccessRightsAsLocalAndRemoteCalls() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "access",
                "--sddl", "O:BAG:BAD:(A;;CCDCLC;;;WD)(D;;CCLC;;;AN)(A;;CCDC;;;AN)");
        assertEquals(0, r.code(), r::toString);
        assertEquals("  allow  Everyone (S-1-1-0)  LC RC", r.outLines().get(2));
        assertEquals("  deny   NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7)  RC", r.outLines().get(3));
        assertEquals("  allow  NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7)  LC", r.outLines().get(4));
    }

    @Test
    void reportsLegacyFormatAsValidApplyingToBothDistances() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "access", "--sddl", "O:BAG:BAD:(A;;CC;;;WD)(D;;CC;;;AN)");
        assertEquals(0, r.code(), r::toString);
        assertEquals("VALID", r.outLines().get(0));
        assertTrue(r.outLines().get(1).startsWith("format: legacy"), r::toString);
        assertEquals("  allow  Everyone (S-1-1-0)  LC RC", r.outLines().get(2));
        assertEquals("  deny   NT AUTHORITY\\ANONYMOUS LOGON (S-1-5-7)  LC RC", r.outLines().get(3));
    }

    @Test
    void rejectsMixedLegacyAndNewFormatWithExitOne() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "launch", "--sddl", "O:BAG:BAD:(A;;CC;;;BA)(A;;CCDCSW;;;WD)");
        assertEquals(1, r.code(), r::toString);
        assertEquals(1, r.outLines().size(), r::toString);
        assertTrue(r.out().startsWith("INVALID: mixes the legacy format"), r::toString);
    }

    @Test
    void rejectsAceWithoutComRightsExecute() {
        Cli.Result r = Cli.exec("sd", "check", "--kind", "launch", "--sddl", "O:BAG:BAD:(A;;DCSW;;;WD)");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().startsWith("INVALID: ") && r.out().contains("COM_RIGHTS_EXECUTE"), r::toString);
    }

    @Test
    void checksBinaryInputToo() {
        String hex = Cli.exec("sd", "convert", "--sddl", "O:BAG:BAD:(A;;DCSW;;;WD)").outLines().get(1).substring(5);
        Cli.Result r = Cli.exec("sd", "check", "--kind", "launch", "--hex", hex);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().startsWith("INVALID: "), r::toString);
    }

    @Test
    void malformedInputIsOneLineAndExitTwo() {
        List<List<String>> bad = List.of(
                List.of("sd", "convert", "--sddl", "O:BAG:BAD:(A;;CC;;;QQ)"),
                List.of("sd", "convert", "--sddl", "O:BAD:(A;;CC;;;WD"),
                List.of("sd", "convert", "--hex", "01 00 04 8"),
                List.of("sd", "convert", "--hex", "01 00 zz 80"),
                List.of("sd", "convert", "--hex", "01 00 04 80 ff ff 00 00"),
                List.of("sd", "convert", "--sddl", "D:", "--hex", "01"),
                List.of("sd", "convert"),
                List.of("sd", "check", "--sddl", SP1_LAUNCH),
                List.of("sd", "check", "--kind", "both", "--sddl", SP1_LAUNCH),
                List.of("sd", "frobnicate"));
        for (List<String> args : bad) {
            Cli.Result r = Cli.exec(args.toArray(String[]::new));
            assertEquals(2, r.code(), () -> args + "\n" + r);
            assertEquals("", r.out(), () -> args + "\n" + r);
            assertEquals(1, r.errLines().size(), () -> args + "\n" + r);
            assertTrue(r.err().startsWith("dcom4j"), () -> args + "\n" + r);
            assertFalse(r.err().contains("Exception"), () -> args + "\n" + r);
        }
    }

    @Test
    void verboseAddsTheStackTraceForBugReports() {
        Cli.Result r = Cli.exec("sd", "convert", "--verbose", "--sddl", "O:BAG:BAD:(A;;CC;;;QQ)");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("SecurityFormatException"), r::toString);
    }
}
