package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dcom4j.config.EventLog;
import org.dcom4j.config.LogEntry;
import org.dcom4j.config.Registry;
import org.dcom4j.security.SecurityEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcom4j eventlog --limit N}: the newest N entries, printed oldest first, however the log is paged. */
class EventLogCommandTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void fiveEntries() {
        cli = new Cli(dir);
        assertEquals(0, cli.run("config", "init").code());
        try (Registry reg = Registry.open(dir)) {
            for (int i = 1; i <= 5; i++) {
                reg.eventLog().append(SecurityEvent.Level.WARNING, "DCOM", 10016, "entry " + i, Map.of());
            }
        }
    }

    @Test
    void limitKeepsTheNewestEntriesOldestFirst() {
        Cli.Result r = cli.run("eventlog", "--limit", "2");
        assertEquals(0, r.code(), r::toString);
        assertEquals(2, r.outLines().size(), r::toString);
        assertTrue(r.outLines().get(0).endsWith(" WARNING DCOM 10016 entry 4"), r::toString);
        assertTrue(r.outLines().get(1).endsWith(" WARNING DCOM 10016 entry 5"), r::toString);
        assertEquals("(the last 2 entries; narrow with --since or raise --limit)\n", r.err());

        Cli.Result all = cli.run("eventlog", "--limit", "5");
        assertEquals(5, all.outLines().size(), all::toString);
        assertEquals("", all.err(), "nothing left out, so no note");
    }

    @Test
    void theLogAnswersTheNewestEntriesOldestFirst() {
        try (Registry reg = Registry.open(dir)) {
            EventLog log = reg.eventLog();
            EventLog.Newest n = log.newest(Instant.EPOCH, SecurityEvent.Level.INFORMATION, 2);
            assertEquals(List.of("entry 4", "entry 5"), n.entries().stream().map(LogEntry::message).toList());
            assertTrue(n.more());
            EventLog.Newest all = log.newest(Instant.EPOCH, SecurityEvent.Level.INFORMATION, 9);
            assertEquals(5, all.entries().size());
            assertFalse(all.more());
        }
    }

    @Test
    void sinceAcceptsADateAndTodayFromTheCommandLine() {
        assertEquals(5, cli.run("eventlog", "--since", "today").outLines().size());
        assertEquals(5, cli.run("eventlog", "--since", "2000-01-01").outLines().size());
        Cli.Result future = cli.run("eventlog", "--since", "2999-01-01 00:00");
        assertEquals(0, future.code(), future::toString);
        assertEquals("", future.out());
    }
}
