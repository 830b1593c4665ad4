package org.dcom4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.SecurityEventSink;

/**
 * The event log: table {@code events} in its own database {@code events.db}, next to
 * {@code registry.db}, so that a service whose registry is read-only ({@link Registry#reopenReadOnly})
 * still logs. Each entry is written in its own short transaction. Writing never throws into the
 * caller's path: a failure (store closed, disk full, {@code events.db} busy for more than
 * {@value #LOCK_WAIT_MS} ms or impossible to open) drops the entry and is reported on stderr once;
 * when this user can only read {@code events.db}, entries are dropped silently.
 * Over-long input is cut rather than refused (message {@value #MAX_MESSAGE} characters,
 * field values {@value #MAX_FIELD_VALUE}, {@value #MAX_FIELDS} fields); the newest
 * {@value #KEEP} entries are kept.
 *
 * <p>It records what it is given: whether a denial is reported at all is the security model's
 * decision (CallFailureLoggingLevel, InvalidSecurityDescriptorLoggingLevel).
 *
 * <p>Thread-safe. Owned by the {@link Registry} that handed it out and closed with it. An entry
 * written from inside a {@link Registry#batch} body is <b>not</b> part of that batch's transaction
 * (another database): it is kept even when the batch rolls back.
 */
public final class EventLog implements SecurityEventSink {
    static final int MAX_MESSAGE = 8192;
    static final int MAX_FIELD_VALUE = 4096;
    static final int MAX_FIELDS = 64;
    static final int MAX_SOURCE = 256;
    static final int KEEP = 100_000;
    static final int PRUNE_EVERY = 1000;
    static final long LOCK_WAIT_MS = 2000;
    /** The most entries one query returns. */
    public static final int MAX_QUERY = 100_000;

    private final Store store;
    private final Path file;
    private final ConfigStoreException unavailable;
    private final boolean quiet;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicInteger sincePrune = new AtomicInteger();

    EventLog(Store store) {
        this(store, store.file(), null, store.readOnly());
    }

    private EventLog(Store store, Path file, ConfigStoreException unavailable, boolean quiet) {
        this.store = store;
        this.file = file;
        this.unavailable = unavailable;
        this.quiet = quiet;
    }

    /** A log whose database {@code file} could not be opened ({@code why}); {@code quiet}: drop entries silently. */
    static EventLog unavailable(Path file, ConfigStoreException why, boolean quiet) {
        return new EventLog(null, file, why, quiet);
    }

    /** The database file, {@code events.db}. */
    public Path file() {
        return file;
    }

    /** Records a security event. Never throws. */
    @Override
    public void report(SecurityEvent event) {
        if (event == null) {
            return;
        }
        append(event.level(), event.source(), event.eventId(), event.message(), event.fields());
    }

    /** Records an entry from any source. Never throws; null arguments are recorded as empty. */
    public void append(SecurityEvent.Level level, String source, int eventId, String message,
                       Map<String, String> fields) {
        appendAt(Instant.now(), level, source, eventId, message, fields);
    }

    void appendAt(Instant time, SecurityEvent.Level level, String source, int eventId, String message,
                  Map<String, String> fields) {
        if (store == null) {
            if (!quiet) {
                warnOnce(unavailable.getMessage());
            }
            return;
        }
        if (store.readOnly()) {
            return; // a reader's store: the entry is dropped, and a read command must not fail or be noisy
        }
        try {
            long us = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
            int lvl = levelNumber(level == null ? SecurityEvent.Level.INFORMATION : level);
            String src = cut(source == null ? "" : source, MAX_SOURCE);
            String msg = cut(message == null ? "" : message, MAX_MESSAGE);
            String json = Json.object(bound(fields));
            boolean prune = sincePrune.incrementAndGet() >= PRUNE_EVERY;
            Object ok = store.tryWrite(LOCK_WAIT_MS, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO events"
                        + " (time_us, level, source, event_id, message, fields) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, us);
                    ps.setInt(2, lvl);
                    ps.setString(3, src);
                    ps.setInt(4, eventId);
                    ps.setString(5, msg);
                    ps.setString(6, json);
                    ps.executeUpdate();
                }
                if (prune) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM events WHERE id <= (SELECT max(id) FROM events) - ?")) {
                        ps.setInt(1, KEEP);
                        ps.executeUpdate();
                    }
                }
                return Boolean.TRUE;
            });
            if (ok == null) {
                warnOnce("the event log stayed busy for " + LOCK_WAIT_MS + " ms; entry dropped");
            } else if (prune) {
                sincePrune.set(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warnOnce("interrupted; entry dropped");
        } catch (RuntimeException e) {
            warnOnce(e.getMessage());
        }
    }

    private void warnOnce(String why) {
        if (warned.compareAndSet(false, true)) {
            System.err.println("dcom4j: event log write failed (" + why + "); further failures are not reported");
        }
    }

    /**
     * The newest {@code limit} entries written at or after {@code since} with at least the severity
     * {@code minLevel}, returned oldest first, and whether older matching entries were left out — what
     * an administrator looking for the latest denials wants, in one query whatever the log's length.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1–{@value #MAX_QUERY}
     * @throws ConfigStoreException when the store cannot be read
     */
    public Newest newest(Instant since, SecurityEvent.Level minLevel, int limit) {
        List<LogEntry> desc = select(since, minLevel, limit, true);
        boolean more = desc.size() > limit;
        List<LogEntry> kept = new ArrayList<>(desc.subList(0, Math.min(limit, desc.size())));
        java.util.Collections.reverse(kept);
        return new Newest(List.copyOf(kept), more);
    }

    /**
     * The answer of {@link #newest}.
     *
     * @param entries the entries, oldest first
     * @param more    true when older matching entries were left out
     */
    public record Newest(List<LogEntry> entries, boolean more) {
    }

    /**
     * Entries written at or after {@code since} with at least the severity {@code minLevel}
     * (ERROR only errors; INFORMATION everything), oldest first, at most {@code limit}.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1–{@value #MAX_QUERY}
     * @throws ConfigStoreException when the store cannot be read
     */
    public List<LogEntry> query(Instant since, SecurityEvent.Level minLevel, int limit) {
        return select(since, minLevel, limit, false);
    }

    /** Up to {@code limit} entries oldest first, or {@code limit + 1} newest first (one more tells "more"). */
    private List<LogEntry> select(Instant since, SecurityEvent.Level minLevel, int limit, boolean newestFirst) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(minLevel, "minLevel");
        if (limit < 1 || limit > MAX_QUERY) {
            throw new IllegalArgumentException("limit out of range: limit=" + limit + ", allowed 1-" + MAX_QUERY);
        }
        long us = since.getEpochSecond() < -9_000_000_000L ? Long.MIN_VALUE
                : since.getEpochSecond() > 9_000_000_000L ? Long.MAX_VALUE
                : since.getEpochSecond() * 1_000_000L + since.getNano() / 1000;
        if (store == null) {
            if (!Files.exists(file)) {
                return new ArrayList<>(); // nothing was ever logged here
            }
            throw new ConfigStoreException("the event log " + file + " cannot be opened: " + unavailable.getMessage(),
                    unavailable);
        }
        String order = newestFirst ? "time_us DESC, id DESC" : "time_us, id";
        int rows = newestFirst ? limit + 1 : limit;
        return store.read(c -> {
            List<LogEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, time_us, level, source, event_id, message, fields"
                    + " FROM events WHERE time_us >= ? AND level <= ? ORDER BY " + order + " LIMIT ?")) {
                ps.setLong(1, us);
                ps.setInt(2, levelNumber(minLevel));
                ps.setInt(3, rows);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
            }
            return out;
        });
    }

    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        long us = rs.getLong(2);
        Instant t = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
        Map<String, String> fields;
        String json = rs.getString(7);
        try {
            fields = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            fields = new LinkedHashMap<>();
            fields.put("unparsed", json);
        }
        return new LogEntry(rs.getLong(1), t, levelOf(rs.getInt(3)), rs.getString(4), rs.getInt(5), rs.getString(6),
                fields);
    }

    /** Windows' numbering: 2 error, 3 warning, 4 information. */
    static int levelNumber(SecurityEvent.Level level) {
        return switch (level) {
            case ERROR -> 2;
            case WARNING -> 3;
            case INFORMATION -> 4;
        };
    }

    static SecurityEvent.Level levelOf(int n) {
        return n <= 2 ? SecurityEvent.Level.ERROR : n == 3 ? SecurityEvent.Level.WARNING : SecurityEvent.Level.INFORMATION;
    }

    private static Map<String, String> bound(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fields == null) {
            return out;
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (out.size() == MAX_FIELDS) {
                out.put("truncated", "more than " + MAX_FIELDS + " fields");
                break;
            }
            out.put(cut(String.valueOf(e.getKey()), MAX_SOURCE), e.getValue() == null ? null : cut(e.getValue(), MAX_FIELD_VALUE));
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
