package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcom4j config}: init, get, set, delete, import, export, policy — in-process against a temp store. */
class ConfigCommandTest {
    static final String OLE = "HKLM\\SOFTWARE\\Microsoft\\Ole";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void init() {
        cli = new Cli(dir.resolve("state"));
        Cli.Result r = cli.run("config", "init");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void initPrintsMachineSidAndProfileAndIsSafeToRepeat() {
        Cli.Result first = new Cli(dir.resolve("other")).run("config", "init", "--profile", "xpsp2");
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.outLines().get(0).startsWith("created store "), first::toString);
        assertTrue(first.outLines().get(1).matches("machine SID: S-1-5-21-\\d+-\\d+-\\d+"), first::toString);
        assertEquals("profile: xpsp2 (Windows XP Service Pack 2)", first.outLines().get(2));

        Cli.Result again = new Cli(dir.resolve("other")).run("config", "init", "--profile", "xpsp2");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("already initialised with profile xpsp2 (nothing changed)"), again::toString);
        assertEquals(first.outLines().get(1), again.outLines().get(1), "the machine SID is stable");
    }

    @Test
    void reinitWithAnotherProfileNeedsForce() {
        Cli.Result refused = cli.run("config", "init", "--profile", "legacy");
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().contains("--force"), refused::toString);
        assertTrue(cli.run("config", "get", OLE, "MachineLaunchRestriction").out().contains("(A;;CCDCLCSWRP;;;BA)"));

        Cli.Result forced = cli.run("config", "init", "--profile", "legacy", "--force");
        assertEquals(0, forced.code(), forced::toString);
        assertTrue(cli.run("config", "get", OLE, "MachineLaunchRestriction").out()
                .contains("SDDL: O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)(A;;CCDCLCSWRP;;;AN)"));
    }

    @Test
    void getPrintsBinaryDescriptorsAsHexAndSddl() {
        Cli.Result r = cli.run("config", "get", OLE, "MachineLaunchRestriction");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.outLines().get(0).startsWith("REG_BINARY 01 00 04 80 "), r::toString);
        assertEquals("SDDL: " + SdCommandTest.SP1_LAUNCH, r.outLines().get(1));
    }

    @Test
    void getWithoutNameListsValuesAndSubkeys() {
        Cli.Result r = cli.run("config", "get", "hklm\\software");
        assertEquals(0, r.code(), r::toString);
        assertEquals("HKLM\\SOFTWARE", r.outLines().get(0));
        assertTrue(r.out().contains("subkeys:\n"), r::toString);
        assertTrue(r.outLines().contains("  Classes"), r::toString);
        Cli.Result ole = cli.run("config", "get", OLE);
        assertTrue(ole.out().contains("EnableDCOM") && ole.out().contains("REG_SZ") && ole.out().contains(" Y\n"), ole::toString);
    }

    @Test
    void setsEveryTypeAndPrintsItBack() {
        String key = "HKLM\\SOFTWARE\\dcom4j\\Test";
        assertEquals(0, cli.run("config", "set", key, "S", "hello world").code());
        assertEquals(List.of("REG_SZ hello world"), cli.run("config", "get", key, "S").outLines());
        assertEquals(0, cli.run("config", "set", key, "E", "%HOME%\\x", "--type", "REG_EXPAND_SZ").code());
        assertEquals(List.of("REG_EXPAND_SZ %HOME%\\x"), cli.run("config", "get", key, "E").outLines());
        assertEquals(0, cli.run("config", "set", key, "D", "0x10", "--type", "REG_DWORD").code());
        assertEquals(List.of("REG_DWORD 0x00000010 (16)"), cli.run("config", "get", key, "D").outLines());
        assertEquals(0, cli.run("config", "set", key, "D2", "4294967295", "--type", "reg_dword").code());
        assertEquals(List.of("REG_DWORD 0xffffffff (4294967295)"), cli.run("config", "get", key, "D2").outLines());
        assertEquals(0, cli.run("config", "set", key, "Q", "5000000000", "--type", "REG_QWORD").code());
        assertEquals(List.of("REG_QWORD 0x000000012a05f200 (5000000000)"), cli.run("config", "get", key, "Q").outLines());
        assertEquals(0, cli.run("config", "set", key, "M", "one", "two words", "three", "--type", "REG_MULTI_SZ").code());
        assertEquals(List.of("REG_MULTI_SZ (3 strings)", "one", "two words", "three"), cli.run("config", "get", key, "M").outLines());
        assertEquals(0, cli.run("config", "set", key, "B", "de,ad,be,ef", "--type", "REG_BINARY").code());
        assertEquals(List.of("REG_BINARY de ad be ef"), cli.run("config", "get", key, "B").outLines());
        assertEquals(0, cli.run("config", "set", key, "@", "default text").code());
        assertEquals(List.of("REG_SZ default text"), cli.run("config", "get", key, "").outLines());
    }

    @Test
    void sddlFlagStoresASelfRelativeDescriptor() {
        String app = "HKLM\\SOFTWARE\\Classes\\AppID\\{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}";
        Cli.Result r = cli.run("config", "set", app, "LaunchPermission", "O:BAG:BAD:(A;;CCDCSW;;;WD)", "--sddl");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), "a valid COM descriptor draws no warning");
        Cli.Result get = cli.run("config", "get", app, "LaunchPermission");
        assertEquals("SDDL: O:BAG:BAD:(A;;CCDCSW;;;WD)", get.outLines().get(1));
        String hex = get.outLines().get(0).substring("REG_BINARY ".length());
        assertEquals("SDDL: O:BAG:BAD:(A;;CCDCSW;;;WD)", Cli.exec("sd", "convert", "--hex", hex).outLines().get(0));

        Cli.Result invalid = cli.run("config", "set", app, "AccessPermission", "O:BAG:BAD:(A;;DC;;;WD)", "--sddl");
        assertEquals(0, invalid.code(), invalid::toString);
        assertTrue(invalid.err().startsWith("warning: AccessPermission is not a valid COM security descriptor"), invalid::toString);
    }

    @Test
    void enableDcomNRefusesEveryRemoteRequest() {
        Cli.Result admin = cli.run("access", "check", "--sid", "S-1-5-21-1-2-3-1001", "--group", "Administrators",
                "--op", "activate", "--distance", "remote");
        assertEquals(0, admin.code(), admin::toString);

        assertEquals(0, cli.run("config", "set", OLE, "EnableDCOM", "N").code());
        Cli.Result denied = cli.run("access", "check", "--sid", "S-1-5-21-1-2-3-1001", "--group", "Administrators",
                "--op", "activate", "--distance", "remote");
        assertEquals(1, denied.code(), denied::toString);
        assertTrue(denied.out().contains("1. EnableDCOM: deny - EnableDCOM=N"), denied::toString);
        Cli.Result local = cli.run("access", "check", "--sid", "S-1-5-21-1-2-3-1001", "--group", "Administrators",
                "--op", "activate", "--distance", "local");
        assertEquals(0, local.code(), "EnableDCOM=N leaves local requests alone:\n" + local);
    }

    @Test
    void deleteRemovesValuesAndKeys() {
        String key = "HKLM\\SOFTWARE\\dcom4j\\Gone";
        cli.run("config", "set", key + "\\Sub", "V", "x");
        assertEquals(0, cli.run("config", "delete", key + "\\Sub", "V").code());
        assertEquals(2, cli.run("config", "get", key + "\\Sub", "V").code());
        assertEquals(0, cli.run("config", "delete", key).code());
        Cli.Result gone = cli.run("config", "get", key);
        assertEquals(2, gone.code(), gone::toString);
        assertEquals("dcom4j: no such key: " + key + "\n", gone.err());
        assertEquals(2, cli.run("config", "delete", OLE, "NoSuchValue").code());
    }

    @Test
    void exportThenImportRoundTripsAndFileFormIsRegeditUtf16() throws Exception {
        String key = "HKLM\\SOFTWARE\\Classes\\AppID\\{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}";
        cli.run("app", "register", "--appid", "6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30", "--name", "Round Trip",
                "--launch-sddl", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)");
        cli.run("config", "set", key, "Multi", "a", "b", "--type", "REG_MULTI_SZ");
        Cli.Result text = cli.run("config", "export", key);
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().startsWith("Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\AppID\\{"),
                text::toString);
        assertTrue(text.out().contains("@=\"Round Trip\""), text::toString);

        Path file = dir.resolve("app.reg");
        Cli.Result toFile = cli.run("config", "export", key, "--output", file.toString());
        assertEquals(0, toFile.code(), toFile::toString);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFE}, Arrays.copyOf(bytes, 2), "UTF-16LE BOM");
        String decoded = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertEquals(text.out().replace("\n", "\r\n"), decoded);

        Cli other = new Cli(dir.resolve("fresh"));
        other.run("config", "init");
        Cli.Result imported = other.run("config", "import", file.toString());
        assertEquals(0, imported.code(), imported::toString);
        assertEquals(text.out(), other.run("config", "export", key).out());
    }

    @Test
    void importWithASyntaxErrorAppliesNothingAndNamesTheLine() throws Exception {
        Path file = dir.resolve("bad.reg");
        Files.writeString(file, "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\dcom4j\\T]\n"
                + "\"Good\"=\"yes\"\n\"Bad\"=dwrod:1\n");
        Cli.Result r = cli.run("config", "import", file.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("dcom4j: " + file + ": line=5: "), r::toString);
        assertEquals(2, cli.run("config", "get", "HKLM\\SOFTWARE\\dcom4j\\T", "Good").code(), "nothing applied");
    }

    @Test
    void policyOverridesTheMachineRestrictionUntilCleared() {
        String[] everyoneRemoteActivation = {"access", "check", "--sid", "S-1-5-21-1-2-3-1001", "--op", "activate",
            "--distance", "remote"};
        assertEquals(1, cli.run(everyoneRemoteActivation).code());

        Cli.Result set = cli.run("config", "policy", "set", "launch", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)");
        assertEquals(0, set.code(), set::toString);
        Cli.Result r = cli.run(everyoneRemoteActivation);
        assertTrue(r.out().contains("2. machine limit: pass - machine limit MachineLaunchRestriction (policy "
                + "\"DCOM: Machine Launch Restrictions in SDDL\""), r::toString);
        assertTrue(r.out().contains("granted by ACE #1 (A;;CCDCLCSWRP;;;WD) to Everyone"), r::toString);
        // The machine limit now passes; the default launch permission still decides.
        assertTrue(r.out().contains("3. application: deny - DefaultLaunchPermission"), r::toString);

        Cli.Result clear = cli.run("config", "policy", "clear", "launch");
        assertEquals(0, clear.code(), clear::toString);
        assertTrue(cli.run(everyoneRemoteActivation).out().contains("2. machine limit: deny - machine limit MachineLaunchRestriction"));
        assertTrue(cli.run("config", "policy", "clear", "launch").out().contains("was not set"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        List<List<String>> bad = List.of(
                List.of("config", "set", OLE, "X", "1", "--type", "REG_WORD"),
                List.of("config", "set", OLE, "X", "12x", "--type", "REG_DWORD"),
                List.of("config", "set", OLE, "X", "4294967296", "--type", "REG_DWORD"),
                List.of("config", "set", OLE, "X", "0g", "--type", "REG_BINARY"),
                List.of("config", "set", OLE, "X", "O:BAG:BAD:(A;;CC;;;ZZ)", "--sddl"),
                List.of("config", "set", OLE, "X", "a", "b"),
                List.of("config", "set", "HKCU\\Software", "X", "a"),
                List.of("config", "get", "HKLM\\NoSuchKey"),
                List.of("config", "policy", "set", "both", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)"),
                List.of("config", "policy", "set", "launch", "O:BAG:BAD:(A;;DC;;;WD)"),
                List.of("config", "import", dir.resolve("missing.reg").toString()),
                List.of("config", "init", "--profile", "win95"),
                List.of("app", "register", "--appid", "not-a-guid", "--name", "X"),
                List.of("app", "register", "--appid", "6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30", "--name", "X",
                        "--launch-sddl", "O:BAG:BAD:(A;;CC;;;BA)(A;;CCDC;;;WD)"),
                List.of("eventlog", "--since", "tomorrow"),
                List.of("config", "export", "--output", dir.resolve("no/such/dir/x.reg").toString()),
                List.of("access", "check", "--user", "no-such-user-x", "--op", "call", "--distance", "local"),
                List.of("exposure", "--format", "pdf"));
        for (List<String> args : bad) {
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), () -> args + "\n" + r);
            assertEquals(1, r.errLines().size(), () -> args + "\n" + r);
            assertFalse(r.err().contains("Exception"), () -> args + "\n" + r);
        }
    }

    @Test
    void setWarnsWhenEnableDcomIsNeitherYNorNButStillWritesIt() {
        Cli.Result yes = cli.run("config", "set", OLE, "EnableDCOM", "yes");
        assertEquals(0, yes.code(), yes::toString);
        assertEquals("warning: EnableDCOM=\"yes\" is neither Y nor N; DCOM reads it as N: every Remote request"
                + " will be refused\n", yes.err());
        assertEquals(List.of("REG_SZ yes"), cli.run("config", "get", OLE, "EnableDCOM").outLines());
        for (String fine : List.of("Y", "N", "n", " y ")) {
            assertEquals("", cli.run("config", "set", OLE, "EnableDCOM", fine).err(), fine);
        }
        Cli.Result dword = cli.run("config", "set", OLE, "EnableDCOM", "1", "--type", "REG_DWORD");
        assertTrue(dword.err().startsWith("warning: EnableDCOM is REG_DWORD, but DCOM reads it as REG_SZ Y or N"), dword::toString);
        assertEquals("", cli.run("config", "set", "HKLM\\SOFTWARE\\dcom4j\\Notes", "EnableDCOM", "yes").err(),
                "only the Ole key's EnableDCOM means anything");
    }

    @Test
    void setWarnsWhenAKnownOleValueHasTheWrongType() {
        assertEquals(List.of("warning: CallFailureLoggingLevel is REG_SZ, but DCOM reads it as REG_DWORD 1 or 2 and takes"
                + " anything else as 1 (log every denial)"), cli.run("config", "set", OLE, "CallFailureLoggingLevel", "1").errLines());
        assertEquals(List.of("warning: InvalidSecurityDescriptorLoggingLevel=3 is neither 1 nor 2; DCOM takes it as 1"
                + " (log every invalid descriptor)"), cli.run("config", "set", OLE, "InvalidSecurityDescriptorLoggingLevel", "3",
                "--type", "REG_DWORD").errLines());
        assertEquals("", cli.run("config", "set", OLE, "CallFailureLoggingLevel", "2", "--type", "REG_DWORD").err());
        Cli.Result sz = cli.run("config", "set", OLE, "MachineLaunchRestriction", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)");
        assertEquals(0, sz.code(), sz::toString);
        assertEquals("warning: MachineLaunchRestriction is REG_SZ, but DCOM reads it as REG_BINARY (a self-relative"
                + " security descriptor); DCOM will deny everything it guards (fail closed) (--sddl stores SDDL as a"
                + " descriptor)\n", sz.err());
        // The policy of the same name is REG_SZ SDDL: no warning when it is one.
        assertEquals("", cli.run("config", "set", "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM",
                "MachineLaunchRestriction", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)").err());
    }

    @Test
    void initOfAStoreWithoutDcomValuesSaysWroteNotRewrote() {
        Path other = dir.resolve("empty");
        org.dcom4j.config.Registry.open(other).close();   // what a refused first init leaves behind
        Cli.Result r = new Cli(other).run("config", "init");
        assertEquals(0, r.code(), r::toString);
        assertEquals("wrote the DCOM values of store " + other + " with profile ws2003sp1", r.outLines().get(0));
        Cli.Result forced = new Cli(other).run("config", "init", "--profile", "legacy", "--force");
        assertEquals("rewrote the DCOM values of store " + other + " with profile legacy", forced.outLines().get(0));
    }

    @Test
    void fileErrorsGiveTheReasonNotThePathAgain() throws Exception {
        Path missing = dir.resolve("no/such/dir/x.reg");
        Cli.Result export = cli.run("config", "export", "--output", missing.toString());
        assertEquals(2, export.code(), "the user's --output path is bad input, not the state directory:\n" + export);
        assertEquals("dcom4j: cannot write " + missing + ": no such file or directory\n", export.err());

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli.Result state = new Cli(file).run("config", "init");
        assertEquals(4, state.code(), state::toString);
        assertEquals("dcom4j: cannot create state directory " + file + ": a file of that name exists (not a directory)\n",
                state.err());
    }

    @Test
    void commandsOtherThanInitRefuseADirectoryWithoutAStore() {
        Cli.Result r = new Cli(dir.resolve("typo")).run("exposure");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("no dcom4j store in") && r.err().contains("config init"), r::toString);
        assertFalse(Files.exists(dir.resolve("typo")), "no store is created by mistake");
    }
}
