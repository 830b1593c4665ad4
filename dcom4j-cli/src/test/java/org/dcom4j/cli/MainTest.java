package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The command tree as a whole: help everywhere, version, the state directory default, the time syntax. */
class MainTest {
    @Test
    void everyCommandAndSubcommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"sd", "--help"}, {"sd", "convert", "--help"},
                {"sd", "check", "--help"}, {"access", "--help"}, {"access", "check", "--help"}, {"config", "--help"},
                {"config", "init", "--help"}, {"config", "get", "--help"}, {"config", "set", "--help"},
                {"config", "delete", "--help"}, {"config", "import", "--help"}, {"config", "export", "--help"},
                {"config", "policy", "--help"}, {"config", "policy", "set", "--help"},
                {"config", "policy", "clear", "--help"}, {"app", "--help"}, {"app", "register", "--help"},
                {"exposure", "--help"}, {"eventlog", "--help"}, {"version", "--help"}, {"help", "config"},
                {"daemon", "--help"}, {"rpcdump", "--help"}, {"rpc", "--help"}, {"rpc", "call", "--help"},
                {"user", "--help"}, {"user", "add", "--help"}, {"user", "passwd", "--help"}, {"user", "del", "--help"},
                {"user", "list", "--help"}, {"group", "--help"}, {"group", "add", "--help"},
                {"group", "add-member", "--help"}, {"group", "remove-member", "--help"}, {"group", "list", "--help"}}) {
            Cli.Result r = Cli.exec(args);
            assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.out().startsWith("Usage: dcom4j"), () -> String.join(" ", args) + "\n" + r);
        }
    }

    @Test
    void aGroupWithoutSubcommandPrintsItsUsageAndExitsTwo() {
        Cli.Result r = Cli.exec("config");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("Usage: dcom4j config"), r::toString);
    }

    @Test
    void unknownOptionIsOneLineNamingTheCommand() {
        Cli.Result r = Cli.exec("exposure", "--colour");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("dcom4j exposure: Unknown option: '--colour'"), r::toString);
    }

    @Test
    void versionNamesTheProjectVersionAndJava() {
        Cli.Result r = Cli.exec("version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.outLines().get(0).matches("dcom4j \\d+\\.\\d+\\.\\d+.*"), r::toString);
        assertTrue(r.outLines().get(1).startsWith("Java "), r::toString);
        assertEquals(r.out(), Cli.exec("--version").out());
    }

    @Test
    void stateDirectoryDefaultsFollowDcom4jStateThenXdgThenHome() {
        assertEquals(Path.of("/srv/d"), StateOption.defaultDir(Map.of("DCOM4J_STATE", "/srv/d", "XDG_STATE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/x/dcom4j"), StateOption.defaultDir(Map.of("XDG_STATE_HOME", "/x"), "/h"));
        assertEquals(Path.of("/h/.local/state/dcom4j"), StateOption.defaultDir(Map.of("XDG_STATE_HOME", "rel"), "/h"));
        assertEquals(Path.of("/h/.local/state/dcom4j"), StateOption.defaultDir(Map.of(), "/h"));
        assertEquals(Path.of("/var/lib/dcom4j"), StateOption.defaultDir(Map.of(), "/root", "root"), "root: a service's state");
        assertEquals(Path.of("/x/dcom4j"), StateOption.defaultDir(Map.of("XDG_STATE_HOME", "/x"), "/root", "root"));
    }

    @Test
    void sinceAcceptsInstantsRelativeTimesLocalDatesAndTodayOrYesterday() {
        Instant now = Instant.parse("2025-11-21T12:00:00Z");
        ZoneId berlin = ZoneId.of("Europe/Berlin");   // UTC+1 in November
        assertEquals(Instant.parse("2025-11-21T11:50:00Z"), TimeSpec.parse("10m", now, berlin));
        assertEquals(Instant.parse("2025-11-21T10:00:00Z"), TimeSpec.parse("2h", now, berlin));
        assertEquals(Instant.parse("2025-11-20T12:00:00Z"), TimeSpec.parse("1d", now, berlin));
        assertEquals(Instant.parse("2025-11-21T11:59:30Z"), TimeSpec.parse("30s", now, berlin));
        assertEquals(Instant.parse("2025-01-02T03:04:05Z"), TimeSpec.parse("2025-01-02T03:04:05Z", now, berlin));
        assertEquals(Instant.parse("2025-01-02T02:04:05Z"), TimeSpec.parse("2025-01-02T03:04:05+01:00", now, berlin));
        assertEquals(Instant.parse("2025-11-20T23:00:00Z"), TimeSpec.parse("2025-11-21", now, berlin));
        assertEquals(Instant.parse("2025-11-21T22:00:00Z"), TimeSpec.parse("2025-11-21T23:00", now, berlin));
        assertEquals(Instant.parse("2025-11-21T22:00:30Z"), TimeSpec.parse("2025-11-21 23:00:30", now, berlin));
        assertEquals(Instant.parse("2025-11-20T23:00:00Z"), TimeSpec.parse("today", now, berlin));
        assertEquals(Instant.parse("2025-11-19T23:00:00Z"), TimeSpec.parse("Yesterday", now, berlin));
        for (String bad : new String[] {"tomorrow", "2025-13-01", "2025-11-21T25:00", "10x", ""}) {
            CliException e = assertThrows(CliException.class, () -> TimeSpec.parse(bad, now, berlin), bad);
            assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
            assertEquals("bad time \"" + bad + "\": expected one of " + TimeSpec.FORMS, e.getMessage());
        }
    }

    @Test
    void helpTextKeepsPathsAndExamplesWholeAndDescribesEveryParameter() {
        String config = Cli.exec("config", "--help").out();
        assertTrue(config.contains("  set     Set a value; the key is created when missing.\n"), config);
        assertTrue(Cli.exec("config", "set", "--help").out().contains("else ~/.local/state/dcom4j"));
        assertTrue(Cli.exec("sd", "check", "--help").out().contains("O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)"));
        for (String[] args : new String[][] {{"config", "get"}, {"config", "set"}, {"config", "delete"},
                {"config", "import"}, {"config", "export"}, {"config", "policy", "set"}, {"config", "policy", "clear"},
                {"rpcdump"}, {"rpc", "call"}, {"user", "add"}, {"user", "passwd"}, {"user", "del"}, {"group", "add"},
                {"group", "add-member"}, {"group", "remove-member"}}) {
            CommandLine.Model.CommandSpec spec = Main.commandLine(new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())).getCommandSpec();
            for (String a : args) {
                spec = spec.subcommands().get(a).getCommandSpec();
            }
            for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
                assertTrue(p.description().length > 0, () -> String.join(" ", args) + " " + p.paramLabel());
            }
        }
    }

    @Test
    void exitCodesInTheHelpFooterCoverMissingStoresAndUnknownNames() {
        String help = Cli.exec("--help").out();
        assertTrue(help.contains("no store in the state directory"), help);
        assertTrue(help.contains("an unknown user, group, key, value or AppID"), help);
    }

    @Test
    void guidsNeedTheFullShapeWithOrWithoutBraces() {
        assertEquals(Guids.parse("{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}"), Guids.parse("6b1f3c2a-0f7e-4d7a-9c41-2f5e8a9d1b30"));
        for (String bad : new String[] {"1-2-3-4-5", "6B1F3C2A0F7E4D7A9C412F5E8A9D1B30", "{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B3}", ""}) {
            CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> Guids.parse(bad));
            assertTrue(e.getMessage().startsWith("bad GUID"), e::getMessage);
        }
    }
}
