package org.dcom4j.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema of {@code events.db}, the {@link EventLog}'s own database, versioned with
 * {@code PRAGMA user_version} like {@link Schema}. A separate file so that a service may write
 * events while its {@code registry.db} connection is read-only (see {@link Registry#reopenReadOnly}).
 */
final class EventSchema {
    static final String FILE_NAME = "events.db";
    static final int VERSION = 1;
    static final Store.Kind KIND = new Store.Kind(FILE_NAME, EventSchema::ensure, EventSchema::check);

    private static final String[] DDL = {
        "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time_us INTEGER NOT NULL,"
            + " level INTEGER NOT NULL, source TEXT NOT NULL, event_id INTEGER NOT NULL,"
            + " message TEXT NOT NULL, fields TEXT NOT NULL)",
        "CREATE INDEX events_time ON events(time_us)",
    };

    private EventSchema() {
    }

    /** Creates the table on an empty database; checks the version otherwise. */
    static Void ensure(Connection c) throws SQLException {
        int version = version(c);
        if (version == VERSION) {
            return null;
        }
        if (version > VERSION) {
            throw Schema.newer(version);
        }
        try (Statement st = c.createStatement()) {
            for (String sql : DDL) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version=" + VERSION);
        }
        return null;
    }

    /** On a read-only connection: the schema must be this version already. */
    static Void check(Connection c) throws SQLException {
        int version = version(c);
        if (version > VERSION) {
            throw Schema.newer(version);
        }
        if (version < VERSION) {
            throw new ConfigStoreException("the event log has schema version=" + version + ", this version needs "
                    + VERSION + ", and this user cannot write it to bring it up to date: open it once as an administrator");
        }
        return null;
    }

    private static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
