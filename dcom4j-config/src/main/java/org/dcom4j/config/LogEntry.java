package org.dcom4j.config;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.dcom4j.security.SecurityEvent;

/**
 * One event log entry, as stored. Immutable.
 *
 * @param id      the entry's number, increasing in the order entries were written
 * @param time    when it was written (UTC, microsecond precision)
 * @param level   severity
 * @param source  the event source, e.g. {@code DCOM}
 * @param eventId the event id, e.g. 10016
 * @param message one line for an administrator
 * @param fields  structured fields in the order they were given (values may be null)
 */
public record LogEntry(long id, Instant time, SecurityEvent.Level level, String source, int eventId, String message,
                       Map<String, String> fields) {
    public LogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The fields as a JSON object, as stored. */
    public String fieldsJson() {
        return Json.object(fields);
    }

    /** {@code 2025-01-02T03:04:05.123456Z WARNING DCOM 10016 message {"user":"…"}}. */
    @Override
    public String toString() {
        return time + " " + level + " " + source + " " + eventId + " " + message
                + (fields.isEmpty() ? "" : " " + fieldsJson());
    }
}
