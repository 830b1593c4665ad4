package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
                {"exposure", "--help"}, {"eventlog", "--help"}, {"version", "--help"}, {"help", "config"}}) {
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
    }

    @Test
    void sinceAcceptsInstantsAndRelativeTimes() {
        java.time.Instant now = java.time.Instant.parse("2025-11-21T12:00:00Z");
        assertEquals(java.time.Instant.parse("2025-11-21T11:50:00Z"), TimeSpec.parse("10m", now));
        assertEquals(java.time.Instant.parse("2025-11-21T10:00:00Z"), TimeSpec.parse("2h", now));
        assertEquals(java.time.Instant.parse("2025-11-20T12:00:00Z"), TimeSpec.parse("1d", now));
        assertEquals(java.time.Instant.parse("2025-11-21T11:59:30Z"), TimeSpec.parse("30s", now));
        assertEquals(java.time.Instant.parse("2025-01-02T03:04:05Z"), TimeSpec.parse("2025-01-02T03:04:05Z", now));
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> TimeSpec.parse("yesterday", now));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
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
