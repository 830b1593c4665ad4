package org.dcom4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dcom4j.security.Sid;

/**
 * The row-level SQL of {@link Accounts}: look-ups by folded name, RID allocation, group SIDs, and the
 * read {@link LocalAccounts} does for a Unix user. Each method runs inside a transaction of
 * {@link AccountsDb} and names no secret in its errors. Stateless.
 */
final class AccountRows {
    private AccountRows() {
    }

    /**
     * The group SIDs {@link LocalAccounts} adds to a Unix user's token: those of the account named
     * {@code unixName} (case-insensitive), only when that account's SID is the Unix user's
     * ({@code unixSid}) — an account that merely shares the name is someone else. Empty when the
     * store does not exist or cannot be read by this process (the token then holds fewer groups,
     * never more).
     */
    static Set<Sid> groupsOfUnixUser(Path stateDir, Sid machineSid, Set<String> adminGroups, String unixName,
                                     Sid unixSid) {
        Path file = stateDir.resolve(AccountsDb.FILE_NAME);
        if (!Files.exists(file) || !unixSid.parent().equals(machineSid)) {
            return Set.of();
        }
        try (AccountsDb db = new AccountsDb(file, adminGroups, machineSid, false)) {
            return groupsOfUnixUser(db, unixName, unixSid);
        }
    }

    /** As {@link #groupsOfUnixUser(Path, Sid, Set, String, Sid)}, on an open store (its connection kept). */
    static Set<Sid> groupsOfUnixUser(AccountsDb db, Sid machineSid, String unixName, Sid unixSid) {
        if (!db.exists() || !unixSid.parent().equals(machineSid)) {
            return Set.of();
        }
        return groupsOfUnixUser(db, unixName, unixSid);
    }

    private static Set<Sid> groupsOfUnixUser(AccountsDb db, String unixName, Sid unixSid) {
        try {
            return db.transaction(false, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE name_fold = ? AND rid = ?"
                        + " AND disabled = 0")) {
                    ps.setString(1, KeyPath.fold(unixName));
                    ps.setLong(2, unixSid.rid());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? groupSids(c, rs.getLong(1)) : Set.<Sid>of();
                    }
                }
            });
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    static Set<Sid> groupSids(Connection c, long userId) throws SQLException {
        Set<Sid> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.sid FROM members m JOIN groups g ON g.id = m.group_id"
                + " WHERE m.user_id = ? ORDER BY g.id")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Sid.parse(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** The next unused RID from {@value AccountsDb#FIRST_RID}; the counter only grows. */
    static long allocateRid(Connection c, Sid machineSid, Path file) throws SQLException {
        long rid = Long.parseLong(one(c, "SELECT value FROM meta WHERE name = ?", "next_rid"));
        while (rid <= AccountsDb.LAST_RID && (one(c, "SELECT name FROM users WHERE rid = ?", rid) != null
                || one(c, "SELECT name FROM groups WHERE sid = ?", machineSid.child((int) rid).toString()) != null)) {
            rid++;
        }
        if (rid > AccountsDb.LAST_RID) {
            throw new ConfigStoreException("the account store " + file + " has no RIDs left: limit="
                    + AccountsDb.LAST_RID);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE meta SET value = ? WHERE name = 'next_rid'")) {
            ps.setString(1, Long.toString(rid + 1));
            ps.executeUpdate();
        }
        return rid;
    }

    static void requireUnused(Connection c, String name) throws SQLException {
        String fold = KeyPath.fold(name);
        String user = one(c, "SELECT name FROM users WHERE name_fold = ?", fold);
        if (user != null) {
            throw new IllegalArgumentException("user \"" + user + "\" already exists");
        }
        String group = one(c, "SELECT name FROM groups WHERE name_fold = ?", fold);
        if (group != null) {
            throw new IllegalArgumentException("\"" + name + "\" is taken: group \"" + group
                    + "\" exists (users and groups share one namespace)");
        }
    }

    static long userRid(Connection c, String name) throws SQLException {
        String rid = name == null ? null : one(c, "SELECT rid FROM users WHERE name_fold = ?", KeyPath.fold(name));
        if (rid == null) {
            throw new IllegalArgumentException("no such user: \"" + name + "\"");
        }
        return Long.parseLong(rid);
    }

    static String one(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

}
