package org.dcom4j.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the registry tables, on a connection the caller holds inside a transaction
 * ({@link Store}). No access checks here: {@link RegistryWriter} makes them. Not thread-safe; lives
 * for one transaction.
 */
final class KeyStore {
    /** A stored key: its row id, its path (case as created, e.g. {@code HKLM\SOFTWARE\Microsoft\Ole}) and descriptor bytes. */
    record KeyRow(long id, String path, byte[] sd) {
        String fold() {
            return KeyPath.fold(path);
        }

        String name() {
            return path.substring(path.lastIndexOf('\\') + 1);
        }
    }

    private final Connection c;

    KeyStore(Connection c) {
        this.c = c;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    KeyRow find(KeyPath path) throws SQLException {
        return find(path.fold());
    }

    KeyRow find(String fold) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, path, sd FROM reg_keys WHERE path_fold = ?")) {
            ps.setString(1, fold);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new KeyRow(rs.getLong(1), rs.getString(2), rs.getBytes(3)) : null;
            }
        }
    }

    /** The names of the key's subkeys, case-insensitively ordered as RegEnumKeyEx returns them. */
    List<String> subkeyNames(long id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path FROM reg_keys WHERE parent_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String p = rs.getString(1);
                    out.add(p.substring(p.lastIndexOf('\\') + 1));
                }
            }
        }
        out.sort(Comparator.comparing(KeyPath::fold));
        return out;
    }

    /** The key and every key below it, parents before children (a path sorts before its extensions). */
    List<KeyRow> subtree(KeyRow top) throws SQLException {
        List<KeyRow> out = new ArrayList<>();
        out.add(top);
        String f = top.fold();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, path, sd FROM reg_keys WHERE path_fold >= ? AND path_fold < ? ORDER BY path_fold")) {
            // '\' is U+005C and ']' U+005D: every descendant's folded path lies in [f\, f]).
            ps.setString(1, f + "\\");
            ps.setString(2, f + "]");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyRow(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                }
            }
        }
        return out;
    }

    long insertKey(Long parentId, String path, byte[] sd, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reg_keys (parent_id, path, path_fold, sd, modified) VALUES (?, ?, ?, ?, ?)")) {
            if (parentId == null) {
                ps.setNull(1, Types.INTEGER);
            } else {
                ps.setLong(1, parentId);
            }
            ps.setString(2, path);
            ps.setString(3, KeyPath.fold(path));
            ps.setBytes(4, sd);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last_insert_rowid()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void updateSd(long id, byte[] sd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reg_keys SET sd = ? WHERE id = ?")) {
            ps.setBytes(1, sd);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    void touch(long id, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE reg_keys SET modified = ? WHERE id = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Deletes the key and everything below it (values go with their keys). */
    void deleteSubtree(KeyRow top) throws SQLException {
        String f = top.fold();
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM reg_keys WHERE path_fold = ? OR (path_fold >= ? AND path_fold < ?)")) {
            ps.setString(1, f);
            ps.setString(2, f + "\\");
            ps.setString(3, f + "]");
            ps.executeUpdate();
        }
    }

    /** The key's values in creation order, as RegEnumValue returns them. */
    List<RegValue> values(long keyId) throws SQLException {
        List<RegValue> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, type, data FROM reg_values WHERE key_id = ? ORDER BY id")) {
            ps.setLong(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    Optional<RegValue> value(long keyId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, type, data FROM reg_values WHERE key_id = ? AND name_fold = ?")) {
            ps.setLong(1, keyId);
            ps.setString(2, KeyPath.fold(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static RegValue row(ResultSet rs) throws SQLException {
        byte[] data = rs.getBytes(3);
        return new RegValue(rs.getString(1), RegType.ofCode(rs.getInt(2)), data == null ? new byte[0] : data);
    }

    /**
     * Sets a value. An existing value keeps its position and its name's case (as RegSetValueEx
     * keeps them); a new one goes last.
     */
    void putValue(long keyId, RegValue v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reg_values (key_id, name, name_fold, type, data) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (key_id, name_fold) DO UPDATE SET type = excluded.type, data = excluded.data")) {
            ps.setLong(1, keyId);
            ps.setString(2, v.name());
            ps.setString(3, KeyPath.fold(v.name()));
            ps.setInt(4, v.type().code());
            ps.setBytes(5, v.data());
            ps.executeUpdate();
        }
    }

    boolean deleteValue(long keyId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM reg_values WHERE key_id = ? AND name_fold = ?")) {
            ps.setLong(1, keyId);
            ps.setString(2, KeyPath.fold(name));
            return ps.executeUpdate() > 0;
        }
    }

    String meta(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void putMeta(String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
