package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dcom4j.config.ComClasses;
import org.dcom4j.config.Registry;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcom4j app register|unregister|list|show}, {@code class register|list|unregister}, {@code samples install}. */
class ComClassCommandsTest {
    static final String APPID = "{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}";
    static final String CLSID = "{0B1C2D3E-4F50-4A61-8B72-93A4B5C6D7E8}";

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
    void showsAnApplicationsPermissionsAsSddlItsRunAsAndItsClasses() {
        Cli.Result reg = cli.run("app", "register", "--appid", APPID, "--name", "Reports",
                "--launch-sddl", "O:BAG:BAD:(A;;CCDCSW;;;WD)", "--run-as", "nobody");
        assertEquals(0, reg.code(), reg::toString);
        assertTrue(reg.out().contains("  RunAs: nobody"), reg::toString);
        Cli.Result cls = cli.run("class", "register", CLSID.toLowerCase(), "--name", "Report Server", "--appid", APPID,
                "--server", "'/opt/reports/bin/server' --com", "--progid", "Acme.Reports");
        assertEquals(0, cls.code(), cls::toString);
        assertEquals("", cls.err(), "the AppID exists: no warning");

        Cli.Result show = cli.run("app", "show", APPID.toLowerCase());
        assertEquals(0, show.code(), show::toString);
        assertEquals(List.of(
                "AppID " + APPID + " \"Reports\"",
                "  key:              HKLM\\SOFTWARE\\Classes\\AppID\\" + APPID,
                "  LaunchPermission: O:BAG:BAD:(A;;CCDCSW;;;WD)",
                "  AccessPermission: (none: DefaultAccessPermission applies)",
                "  RunAs:            nobody",
                "  classes:",
                "    " + CLSID + " \"Report Server\" ProgID=Acme.Reports AppID=" + APPID
                        + " LocalServer32='/opt/reports/bin/server' --com"), show.outLines(), show::toString);

        Cli.Result list = cli.run("app", "list");
        assertEquals(List.of(APPID + "  \"Reports\"  RunAs=nobody  1 class"), list.outLines(), list::toString);
    }

    @Test
    void registersListsAndUnregistersAClassWithItsProgId() {
        assertEquals(List.of("(no classes registered)"), cli.run("class", "list").outLines());
        Cli.Result reg = cli.run("class", "register", CLSID, "--name", "Lonely", "--appid", APPID, "--progid", "Acme.Lonely");
        assertEquals(0, reg.code(), reg::toString);
        assertTrue(reg.err().contains("warning: AppID " + APPID + " is not registered"), reg::toString);
        assertEquals(List.of(CLSID + " \"Lonely\" ProgID=Acme.Lonely AppID=" + APPID), cli.run("class", "list").outLines());
        try (Registry r = Registry.open(dir.resolve("state"))) {
            assertEquals(CLSID, "{" + ComClasses.resolve(r, "Acme.Lonely").orElseThrow().toString().toUpperCase() + "}");
        }

        Cli.Result un = cli.run("class", "unregister", CLSID);
        assertEquals(0, un.code(), un::toString);
        assertEquals(List.of("(no classes registered)"), cli.run("class", "list").outLines());
        try (Registry r = Registry.open(dir.resolve("state"))) {
            assertTrue(ComClasses.clsidOfProgId(r, "Acme.Lonely").isEmpty(), "the ProgID key went with it");
        }
    }

    @Test
    void unregistersAnApplicationAndWarnsAboutClassesStillNamingIt() {
        cli.run("app", "register", "--appid", APPID, "--name", "Reports");
        cli.run("class", "register", CLSID, "--name", "Report Server", "--appid", APPID);
        Cli.Result un = cli.run("app", "unregister", APPID);
        assertEquals(0, un.code(), un::toString);
        assertEquals("unregistered " + APPID + "\n", un.out());
        assertTrue(un.err().contains("warning: class " + CLSID + " \"Report Server\" still names AppID " + APPID), un::toString);
        assertEquals(List.of("(no AppIDs registered)"), cli.run("app", "list").outLines());
    }

    @Test
    void refusesUnknownIdsAndBadProgIdsAsBadInput() {
        for (List<String> args : List.of(
                List.of("app", "show", APPID),
                List.of("app", "unregister", APPID),
                List.of("class", "unregister", CLSID),
                List.of("class", "register", CLSID, "--name", "X", "--progid", "9bad"),
                List.of("class", "register", "1-2-3-4-5", "--name", "X"))) {
            Cli.Result r = cli.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), () -> args + "\n" + r);
            assertTrue(r.err().startsWith("dcom4j: "), r::toString);
        }
    }

    @Test
    void samplesInstallRegistersTheCalculatorWithTheRepositorysScriptAndIsIdempotent() {
        Cli.Result first = cli.run("samples", "install");
        assertEquals(0, first.code(), first::toString);
        Path script = SamplesCommand.script();
        assertTrue(Files.isExecutable(script) && script.getFileName().toString().equals("dcom4j"), script::toString);
        String server = SamplesCommand.quote(script.toString()) + " calculator-server";
        assertEquals(List.of("installed Dcom4j.Calculator: AppID {C0795241-7FC0-420F-85F1-4CABB2FA1EA5} \"Dcom4j Calculator\","
                + " class {DFD9FD6B-7834-44CC-9311-760A14F0D774}", "  LocalServer32: " + server), first.outLines());

        cli.run("app", "register", "--appid", "{C0795241-7FC0-420F-85F1-4CABB2FA1EA5}", "--name", "Dcom4j Calculator",
                "--access-sddl", "O:BAG:BAD:(A;;CCDCLC;;;WD)", "--run-as", "nobody");
        Cli.Result again = cli.run("samples", "install");
        assertEquals(0, again.code(), again::toString);
        assertEquals(first.out(), again.out());
        Cli.Result show = cli.run("app", "show", CalculatorIds.APPID.toString());
        assertTrue(show.out().contains("  AccessPermission: O:BAG:BAD:(A;;CCDCLC;;;WD)"), "kept: " + show);
        assertTrue(show.out().contains("  RunAs:            nobody"), "kept: " + show);
        assertTrue(show.out().contains("    {DFD9FD6B-7834-44CC-9311-760A14F0D774} \"Dcom4j Calculator\" ProgID=Dcom4j.Calculator"
                + " AppID={C0795241-7FC0-420F-85F1-4CABB2FA1EA5} LocalServer32=" + server), show::toString);
        assertEquals(1, cli.run("class", "list").outLines().size(), "one class, however often installed");
    }

    @Test
    void samplesInstallTakesAnotherServerCommand() {
        Cli.Result r = cli.run("samples", "install", "--server", "/usr/local/bin/calc-server --verbose");
        assertEquals(0, r.code(), r::toString);
        assertEquals("  LocalServer32: /usr/local/bin/calc-server --verbose", r.outLines().get(1));
    }

    @Test
    void quotesAScriptPathWithBlanksForTheLaunchersSplitter() {
        assertEquals("/opt/dcom4j/dcom4j", SamplesCommand.quote("/opt/dcom4j/dcom4j"));
        assertEquals("'/opt/my dcom4j/it'\\''s/dcom4j'", SamplesCommand.quote("/opt/my dcom4j/it's/dcom4j"));
    }

    @Test
    void launcherRefusesAStateDirectoryWithoutStore() {
        Cli.Result r = Cli.exec("launcher", "--state", dir.resolve("nothing").toString(), "--runtime", dir.resolve("run").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("dcom4j: no dcom4j store in "), r::toString);
    }
}
