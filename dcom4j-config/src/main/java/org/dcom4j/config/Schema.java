package org.dcom4j.config;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The schema of {@code registry.db}, versioned with {@code PRAGMA user_version}. Version 1 is the
 * first; a newer database is refused rather than misread. Runs inside the write transaction
 * {@link Store#open} starts. The event log has its own database ({@link EventSchema}); an
 * {@code events} table left in a registry.db by an older build is ignored.
 */
final class Schema {
    static final int VERSION = 1;

    /** The keys a new store starts with, below the HKLM and HKU roots. */
    static final List<String> INITIAL_KEYS = List.of(
            "HKLM\\SOFTWARE",
            "HKLM\\SOFTWARE\\Classes",
            "HKLM\\SOFTWARE\\Classes\\AppID",
            "HKLM\\SOFTWARE\\Classes\\CLSID",
            "HKLM\\SOFTWARE\\Microsoft",
            "HKLM\\SOFTWARE\\Microsoft\\Ole",
            "HKLM\\SOFTWARE\\Policies",
            "HKLM\\SOFTWARE\\Policies\\Microsoft",
            "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT",
            "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM");

    private static final String[] DDL = {
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE reg_keys (id INTEGER PRIMARY KEY,"
            + " parent_id INTEGER REFERENCES reg_keys(id) ON DELETE CASCADE,"
            + " path TEXT NOT NULL, path_fold TEXT NOT NULL UNIQUE, sd BLOB NOT NULL, modified INTEGER NOT NULL)",
        "CREATE INDEX reg_keys_parent ON reg_keys(parent_id)",
        "CREATE TABLE reg_values (id INTEGER PRIMARY KEY,"
            + " key_id INTEGER NOT NULL REFERENCES reg_keys(id) ON DELETE CASCADE,"
            + " name TEXT NOT NULL, name_fold TEXT NOT NULL, type INTEGER NOT NULL, data BLOB NOT NULL,"
            + " UNIQUE (key_id, name_fold))",
    };

    private Schema() {
    }

    /** Creates the schema and the initial keys on an empty database; checks the version otherwise. */
    static Void ensure(Connection c) throws SQLException {
        int version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version == VERSION) {
            return null;
        }
        if (version > VERSION) {
            throw newer(version);
        }
        try (Statement st = c.createStatement()) {
            for (String sql : DDL) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version=" + VERSION);
        }
        KeyStore ks = new KeyStore(c);
        ks.putMeta("machine_sid", newMachineSid().toString());
        ks.putMeta("created", Instant.now().toString());
        long now = KeyStore.nowMicros();
        SecurityDescriptor root = KeySecurity.rootDescriptor();
        long hklm = ks.insertKey(null, "HKLM", root.toBytes(), now);
        ks.insertKey(null, "HKU", root.toBytes(), now);
        // Created as the system would create them: owner BUILTIN\Administrators, DACL inherited.
        Token system = Token.of("SYSTEM", WellKnownSids.LOCAL_SYSTEM, List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
        Map<String, Long> ids = new HashMap<>();
        Map<String, SecurityDescriptor> sds = new HashMap<>();
        ids.put("HKLM", hklm);
        sds.put("HKLM", root);
        for (String path : INITIAL_KEYS) {
            String parent = path.substring(0, path.lastIndexOf('\\'));
            SecurityDescriptor sd = KeySecurity.forNewKey(sds.get(parent), system);
            ids.put(path, ks.insertKey(ids.get(parent), path, sd.toBytes(), now));
            sds.put(path, sd);
        }
        return null;
    }

    /**
     * On a read-only store: the schema must be this version already (it cannot be created or
     * upgraded by a user who cannot write the file).
     */
    static Void check(Connection c) throws SQLException {
        int version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > VERSION) {
            throw newer(version);
        }
        if (version < VERSION) {
            throw new ConfigStoreException("the config store has schema version=" + version + ", this version needs "
                    + VERSION + ", and this user cannot write it to bring it up to date: open it once as an administrator");
        }
        return null;
    }

    static ConfigStoreException newer(int version) {
        return new ConfigStoreException("the config store was written by a newer dcom4j: schema version="
                + version + ", this version understands " + VERSION);
    }

    /** {@code S-1-5-21-a-b-c}, three random 32-bit sub-authorities, as Windows setup makes one. */
    static Sid newMachineSid() {
        SecureRandom r = new SecureRandom();
        return Sid.of(5, 21, r.nextInt(), r.nextInt(), r.nextInt());
    }
}
