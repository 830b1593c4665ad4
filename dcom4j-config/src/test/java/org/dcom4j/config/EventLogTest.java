package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.SecurityEvent.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void queriesByTimeAndLevel() {
        try (Registry r = Registry.open(dir)) {
            EventLog log = r.eventLog();
            log.appendAt(T0, Level.INFORMATION, "DCOM", 1, "info at t0", Map.of());
            log.appendAt(T0.plusSeconds(10), Level.ERROR, "DCOM", 2, "error at t10", Map.of());
            log.appendAt(T0.plusSeconds(20), Level.WARNING, "dcom4j", 3, "warning at t20", Map.of());
            log.appendAt(T0.plusSeconds(30), Level.INFORMATION, "DCOM", 4, "info at t30", Map.of());

            assertEquals(List.of(1, 2, 3, 4), ids(log.query(Instant.EPOCH, Level.INFORMATION, 100)));
            assertEquals(List.of(2, 3), ids(log.query(Instant.EPOCH, Level.WARNING, 100)));
            assertEquals(List.of(2), ids(log.query(Instant.EPOCH, Level.ERROR, 100)));
            assertEquals(List.of(2, 3, 4), ids(log.query(T0.plusSeconds(10), Level.INFORMATION, 100)));
            assertEquals(List.of(3), ids(log.query(T0.plusSeconds(11), Level.WARNING, 100)));
            assertEquals(List.of(1, 2), ids(log.query(Instant.EPOCH, Level.INFORMATION, 2)));
            assertEquals(T0.plusSeconds(20), log.query(T0.plusSeconds(15), Level.INFORMATION, 1).get(0).time());
            assertThrows(IllegalArgumentException.class, () -> log.query(Instant.EPOCH, Level.ERROR, 0));

            EventLog.Newest newest = log.newest(Instant.EPOCH, Level.INFORMATION, 2);
            assertEquals(List.of(3, 4), ids(newest.entries()), "the newest two, oldest first");
            assertEquals(true, newest.more());
            assertEquals(List.of(2, 3), ids(log.newest(Instant.EPOCH, Level.WARNING, 5).entries()));
            assertEquals(false, log.newest(Instant.EPOCH, Level.WARNING, 5).more());
            assertEquals(List.of(3), ids(log.newest(T0.plusSeconds(11), Level.WARNING, 1).entries()));
        }
    }

    private static List<Integer> ids(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::eventId).toList();
    }

    @Test
    void keepsTheStructuredFieldsOfASecurityEvent() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", "alice (S-1-5-21-1-2-3-3000)");
        fields.put("origin", "HKLM\\SOFTWARE\\Microsoft\\Ole\\MachineLaunchRestriction");
        fields.put("quote\"and\nnewline", "tab\there \u0001 ☃ \uD83D\uDE00");
        fields.put("absent", null);
        try (Registry r = Registry.open(dir)) {
            Instant before = Instant.now().minusMillis(1);
            r.eventLog().report(new SecurityEvent(Level.WARNING, SecurityEvent.SOURCE_DCOM, SecurityEvent.LAUNCH_DENIED,
                    "launch denied", fields));
            List<LogEntry> got = r.eventLog().query(before, Level.WARNING, 10);
            assertEquals(1, got.size());
            LogEntry e = got.get(0);
            assertEquals(Level.WARNING, e.level());
            assertEquals("DCOM", e.source());
            assertEquals(10016, e.eventId());
            assertEquals("launch denied", e.message());
            assertEquals(fields, e.fields());
            assertEquals(List.copyOf(fields.keySet()), List.copyOf(e.fields().keySet()));
            assertTrue(e.fieldsJson().startsWith("{\"user\":\"alice (S-1-5-21-1-2-3-3000)\",\"origin\":\"HKLM\\\\SOFTWARE"),
                    e.fieldsJson());
        }
        assertEquals(fields, Json.parseObject(Json.object(fields)));
    }

    @Test
    void cutsOverlongInputInsteadOfRefusingIt() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("f" + i, "v".repeat(10_000));
        }
        try (Registry r = Registry.open(dir)) {
            r.eventLog().append(Level.ERROR, "x", 1, "m".repeat(20_000), many);
            LogEntry e = r.eventLog().query(Instant.EPOCH, Level.ERROR, 1).get(0);
            assertEquals(EventLog.MAX_MESSAGE, e.message().length());
            assertEquals(EventLog.MAX_FIELDS + 1, e.fields().size());
            assertEquals(EventLog.MAX_FIELD_VALUE, e.fields().get("f0").length());
        }
    }

    @Test
    void neverThrowsIntoTheCallerAndWarnsOnce() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Registry r = Registry.open(dir);
        EventLog log = r.eventLog();
        r.close();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertDoesNotThrow(() -> {
                log.append(Level.ERROR, "x", 1, "after close", Map.of());
                log.report(new SecurityEvent(Level.ERROR, "x", 2, "again", Map.of()));
                log.report(null);
                log.append(null, null, 0, null, null);
            });
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("dcom4j: event log write failed ("), out);
    }
}
