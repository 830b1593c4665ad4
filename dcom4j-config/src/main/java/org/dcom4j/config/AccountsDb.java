package org.dcom4j.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.dcom4j.security.Sid;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file {@code accounts.db} behind {@link Accounts}: its creation with private
 * permissions, the refusal of a file others can read, the schema and the transactions on one
 * connection (used under {@link #lock}, so never by two threads at once).
 *
 * <p>The file holds NT hashes, which are password-equivalent for NTLM, so it is kept apart from
 * {@code registry.db} (which everyone may read) and is created {@code rw-------} (the creator), or
 * {@code rw-rw----} of the Unix group {@value LocalAccounts#DEFAULT_ADMINS_GROUP} when that group
 * exists. It is never created readable by others even for an instant: the empty file is made
 * {@code rw-------} first, then given to the group.
 *
 * <p><b>Rollback journal, not WAL:</b> the file is in {@code journal_mode=DELETE}, so a reader needs
 * no {@code -wal} or {@code -shm}: the service's read-only connection (opened as root, kept after
 * rpcss drops to an unprivileged user) holds one {@code O_RDONLY} descriptor and nothing it could
 * write (in WAL mode SQLite opens {@code -wal} and {@code -shm} read-write whenever the OS lets it,
 * and a forged WAL frame would add an account). The transient {@code -journal} is a writer's, made
 * with the database file's mode; a reader waits for a commit under the busy timeout. A file left in
 * WAL mode is converted by the first administrator's open ({@link #useRollbackJournal}).
 *
 * <p><b>Deny on doubt:</b> before every transaction the file (and its {@code -wal}, which holds
 * recent hashes too) must give others no access at all and give its group access only when the
 * group is the administrators group; a file whose mode cannot be read is refused as well.
 */
final class AccountsDb implements AutoCloseable {
    static final String FILE_NAME = "accounts.db";
    static final int VERSION = 1;
    /** The first RID handed out to an account without a Unix namesake (see {@link Accounts}). */
    static final long FIRST_RID = 1_000_000_000L;
    /** The largest RID: 0xFFFFFFFE (0xFFFFFFFF is never a valid RID). */
    static final long LAST_RID = 0xFFFF_FFFEL;
    static final String JOURNAL_DELETE = "delete";
    static final String JOURNAL_WAL = "wal";

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Set<String> adminGroups;
    private final Sid machineSid;
    private final boolean mayCreate;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection conn;
    private boolean closed;

    /**
     * @param adminGroups the Unix groups the file may be shared with (configured and default admins group)
     * @param mayCreate   create the file on first use; false for the service, which only reads and finds no
     *                    accounts while the file does not exist
     */
    AccountsDb(Path file, Set<String> adminGroups, Sid machineSid, boolean mayCreate) {
        this.file = file.toAbsolutePath();
        this.adminGroups = Set.copyOf(adminGroups);
        this.machineSid = machineSid;
        this.mayCreate = mayCreate;
    }

    Path file() {
        return file;
    }

    /** True when there is a file to read (always after the first use of a creating instance). */
    boolean exists() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Runs {@code work} in one transaction ({@code BEGIN IMMEDIATE} when {@code write}); see the class comment. */
    <T> T transaction(boolean write, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new ConfigStoreException("the account store " + file + " is closed");
            }
            if (conn == null) {
                conn = connect();
            }
            checkPrivate(file, adminGroups);
            exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
            boolean ok = false;
            try {
                T result = work.run(conn);
                exec("COMMIT");
                ok = true;
                return result;
            } finally {
                if (!ok) {
                    try {
                        exec("ROLLBACK");
                    } catch (SQLException ignored) {
                        // SQLite rolled back already
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConfigStoreException("account store " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private Connection connect() throws SQLException {
        if (!exists()) {
            if (!mayCreate) {
                throw new ConfigStoreException("no account store " + file);
            }
            createPrivate(file, StoreFiles.group(LocalAccounts.DEFAULT_ADMINS_GROUP));
        }
        checkPrivate(file, adminGroups);
        Connection c;
        try {
            c = mayCreate && Files.isWritable(file) ? open(false) : open(true); // the service only reads
        } catch (SQLException e) {
            throw new ConfigStoreException("cannot open the account store " + file + " (" + StoreFiles.describe(file)
                    + "): " + e.getMessage(), e);
        }
        try {
            ensureSchema(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private Connection open(boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(readOnly);
        cfg.setBusyTimeout(Store.BUSY_TIMEOUT_MS);
        Connection c = cfg.createConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            if (!readOnly) {
                useRollbackJournal(st);
            }
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA foreign_keys=ON");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Puts the file in rollback-journal mode ({@code journal_mode=DELETE}), converting a file an older
     * dcom4j left in WAL mode. Only a writer may switch, and leaving WAL needs the file to itself: while
     * another process (an older rpcss) holds it open, SQLite refuses with {@code SQLITE_BUSY} and the
     * file stays in WAL mode, which still works, until the next administrator's open.
     */
    private static void useRollbackJournal(Statement st) throws SQLException {
        String mode;
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=DELETE")) {
            mode = rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xFF) != 5) { // SQLITE_BUSY: another connection has the WAL open
                throw e;
            }
            mode = JOURNAL_WAL;
        }
        if (!JOURNAL_DELETE.equalsIgnoreCase(mode) && !JOURNAL_WAL.equalsIgnoreCase(mode)) {
            throw new SQLException("journal_mode=DELETE refused (journal_mode=" + mode + ")");
        }
    }

    /**
     * Creates the empty file {@code rw-------}, then gives it to {@code group} {@code rw-rw----} when
     * there is one. False when another process created it first (its rule applies).
     */
    static boolean createPrivate(Path file, GroupPrincipal group) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigStoreException("cannot create the account store " + file + ": " + e.getMessage(), e);
        }
        if (group != null) {
            try {
                Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
            } catch (IOException | RuntimeException e) {
                // Not ours to give away (EPERM): the file stays the creator's alone, rw-------.
            }
        }
        return true;
    }

    /**
     * Refuses {@code db} (and its {@code -wal}) when others have any access, when its group has
     * access and is not one of {@code adminGroups}, or when its mode cannot be read.
     */
    static void checkPrivate(Path db, Set<String> adminGroups) {
        check(db, adminGroups);
        Path wal = StoreFiles.sidecar(db, StoreFiles.WAL);
        if (Files.exists(wal, LinkOption.NOFOLLOW_LINKS)) {
            check(wal, adminGroups);
        }
    }

    private static void check(Path f, Set<String> adminGroups) {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigStoreException("refusing the account store " + f + ": cannot tell who may read it ("
                    + e.getMessage() + ")", e);
        }
        if (!a.isRegularFile()) {
            throw new ConfigStoreException("refusing the account store " + f + ": not a regular file");
        }
        Set<PosixFilePermission> p = a.permissions();
        boolean others = p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.OTHERS_WRITE)
                || p.contains(PosixFilePermission.OTHERS_EXECUTE);
        boolean group = p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.GROUP_WRITE);
        String why = others ? "other users can access it"
                : group && !adminGroups.contains(a.group().getName())
                        ? "its group " + a.group().getName() + " is not an administrators group" : null;
        if (why != null) {
            throw new ConfigStoreException("refusing the account store " + f + ": " + why + " (owner "
                    + a.owner().getName() + ", group " + a.group().getName() + ", mode "
                    + PosixFilePermissions.toString(p) + "); it holds password-equivalent NT hashes: assume them"
                    + " disclosed, make it private (chmod 600 or 660 with group " + LocalAccounts.DEFAULT_ADMINS_GROUP
                    + ") and reset every password");
        }
    }

    private void ensureSchema(Connection c) throws SQLException {
        int version;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > VERSION) {
            throw new ConfigStoreException("the account store " + file + " was written by a newer dcom4j: schema version="
                    + version + ", supported=" + VERSION);
        }
        if (version == 0) {
            create(c);
        }
        String stored;
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE name = 'machine_sid'");
             ResultSet rs = ps.executeQuery()) {
            stored = rs.next() ? rs.getString(1) : null;
        }
        if (!machineSid.toString().equals(stored)) {
            throw new ConfigStoreException("the account store " + file + " belongs to machine SID " + stored
                    + ", but the registry's machine SID is " + machineSid + ": it was copied from another store");
        }
    }

    private void create(Connection c) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
        boolean ok = false;
        try {
            int version;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version == 0) { // another process may have created it while we waited for the lock
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
                    st.execute("CREATE TABLE users (id INTEGER PRIMARY KEY,"
                            + " name TEXT NOT NULL COLLATE NOCASE UNIQUE, name_fold TEXT NOT NULL UNIQUE,"
                            + " rid INTEGER NOT NULL UNIQUE, nt_hash BLOB NOT NULL CHECK (length(nt_hash) = 16),"
                            + " created INTEGER NOT NULL, password_changed INTEGER NOT NULL,"
                            + " disabled INTEGER NOT NULL DEFAULT 0)");
                    st.execute("CREATE TABLE groups (id INTEGER PRIMARY KEY,"
                            + " name TEXT NOT NULL COLLATE NOCASE UNIQUE, name_fold TEXT NOT NULL UNIQUE,"
                            + " sid TEXT NOT NULL UNIQUE, builtin INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)");
                    st.execute("CREATE TABLE members ("
                            + " group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,"
                            + " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            + " PRIMARY KEY (group_id, user_id))");
                    st.execute("CREATE INDEX members_user ON members(user_id)");
                }
                meta(c, "machine_sid", machineSid.toString());
                meta(c, "next_rid", Long.toString(FIRST_RID));
                meta(c, "created", Long.toString(micros(Instant.now())));
                for (Accounts.Builtin b : Accounts.Builtin.values()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO groups (name, name_fold, sid, builtin, created) VALUES (?, ?, ?, 1, ?)")) {
                        ps.setString(1, b.groupName());
                        ps.setString(2, KeyPath.fold(b.groupName()));
                        ps.setString(3, b.sid().toString());
                        ps.setLong(4, micros(Instant.now()));
                        ps.executeUpdate();
                    }
                }
                exec(c, "PRAGMA user_version=" + VERSION);
            }
            exec(c, "COMMIT");
            ok = true;
        } finally {
            if (!ok) {
                try {
                    exec(c, "ROLLBACK");
                } catch (SQLException ignored) {
                    // nothing to roll back
                }
            }
        }
    }

    private static void meta(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }

    private void exec(String sql) throws SQLException {
        exec(conn, sql);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                if (conn != null) {
                    conn.close();
                }
            }
        } catch (SQLException e) {
            throw new ConfigStoreException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
