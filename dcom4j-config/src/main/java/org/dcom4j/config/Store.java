package org.dcom4j.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.sqlite.SQLiteConfig;

/**
 * One SQLite database of the state directory ({@code registry.db}, {@code events.db}), its one
 * connection and the transactions on it. Every use holds
 * {@link #lock}, so the connection is never used by two threads at once; a transaction begun by a
 * thread is joined by nested calls on that thread (the lock is reentrant) and committed by the
 * outermost one. Write transactions are {@code BEGIN IMMEDIATE}: the write lock is taken up front,
 * so two processes never dead-lock upgrading a shared lock, and the busy timeout applies.
 *
 * <p><b>Read-only stores.</b> A user who can read {@code registry.db} but not write it (or not
 * write its directory) gets a read-only store ({@link #readOnly()}). WAL mode makes that subtle
 * (SQLite, "WAL mode: read-only databases", 3.22+): a read-only connection works only when the
 * {@code -wal} and {@code -shm} files exist or can be created. The last writer to close removes
 * them, so in a directory the user cannot write, with no {@code -wal}, the only way in is
 * {@code immutable=1} — correct then, because everything is checkpointed into the main file, but
 * SQLite takes no locks and reads no WAL. So an immutable connection is used only while no
 * {@code -wal} exists, and is reopened for every read transaction (a {@code -wal} seen then means a
 * writer is active: the ordinary read-only connection is used, which sees the WAL). <b>Residual
 * risk:</b> a writer that starts and checkpoints during one immutable read transaction can make it
 * read a torn or stale snapshot (wrong data or an SQLITE_CORRUPT error for that one read).
 */
final class Store implements AutoCloseable {
    static final String FILE_NAME = "registry.db";
    static final int BUSY_TIMEOUT_MS = 10_000;

    /**
     * A database's schema: {@code ensure} creates or upgrades it inside the opening write
     * transaction; {@code check} verifies it on a read-only connection.
     */
    record Kind(String fileName, Work<Void> ensure, Work<Void> check) {
    }

    static final Kind REGISTRY = new Kind(FILE_NAME, Schema::ensure, Schema::check);

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Kind kind;
    private volatile boolean readOnly;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection conn;
    private boolean immutable;
    private int depth;
    private boolean closed;

    private Store(Path file, Kind kind, Connection conn, boolean readOnly, boolean immutable) {
        this.file = file;
        this.kind = kind;
        this.conn = conn;
        this.readOnly = readOnly;
        this.immutable = immutable;
    }

    /** {@link #open(Path, String)} with the default administrators group. */
    static Store open(Path stateDir) {
        return open(stateDir, LocalAccounts.DEFAULT_ADMINS_GROUP);
    }

    /**
     * Opens (creating when missing) {@code stateDir/registry.db} and brings its schema up to date;
     * read-only when this user cannot write it. A new store's files go to {@code adminsGroup} when
     * that Unix group exists (see {@link StoreFiles}).
     */
    static Store open(Path stateDir, String adminsGroup) {
        return open(stateDir, REGISTRY, adminsGroup);
    }

    /** {@link #open(Path, String)} for the database {@code kind}. */
    static Store open(Path stateDir, Kind kind, String adminsGroup) {
        Path file = stateDir.resolve(kind.fileName()).toAbsolutePath();
        if (Files.exists(file)) {
            Path dir = file.getParent();
            if (Files.isWritable(file) && Files.isWritable(dir)) {
                try {
                    return openReadWrite(file, kind, null);
                } catch (ConfigStoreException e) {
                    if (!isReadOnlyFailure(e)) {
                        throw e;
                    }
                    // e.g. an ACL or a read-only mount that isWritable does not see: read it at least
                }
            }
            return openReadOnly(file, kind);
        }
        boolean dirIsNew;
        try {
            dirIsNew = !Files.isDirectory(stateDir) || isEmpty(stateDir);
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new ConfigStoreException("cannot create state directory " + stateDir + ": " + e.getMessage(), e);
        }
        GroupPrincipal group = StoreFiles.group(adminsGroup);
        StoreFiles.prepareNew(file.getParent(), dirIsNew, file, group);
        return openReadWrite(file, kind, group);
    }

    private static Store openReadWrite(Path file, Kind kind, GroupPrincipal newStoreGroup) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new ConfigStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Store s = new Store(file, kind, c, false, false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new SQLException("journal_mode=WAL refused (journal_mode=" + mode + ")");
                    }
                }
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
            }
            s.write(kind.ensure());
        } catch (SQLException | RuntimeException e) {
            s.close();
            if (e instanceof ConfigStoreException cse) {
                throw cse;
            }
            throw new ConfigStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        StoreFiles.shareSidecars(file, newStoreGroup);
        return s;
    }

    private static Store openReadOnly(Path file, Kind kind) {
        try {
            boolean[] imm = new boolean[1];
            Connection c = connectReadOnly(file, imm);
            Store s = new Store(file, kind, c, true, imm[0]);
            try {
                s.read(kind.check());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        } catch (SQLException e) {
            throw new ConfigStoreException("cannot open " + file + " read-only (" + StoreFiles.describe(file) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * A read-only connection: ordinary when a {@code -wal} exists or the directory is writable
     * (SQLite can then use or create {@code -wal}/{@code -shm}); {@code immutable=1} when there is
     * no {@code -wal} and none can be created. Sets {@code immutable[0]} to say which.
     */
    private static Connection connectReadOnly(Path file, boolean[] immutable) throws SQLException {
        boolean wal = Files.exists(StoreFiles.sidecar(file, StoreFiles.WAL));
        if (wal || Files.isWritable(file.getParent())) {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
            Connection c = cfg.createConnection("jdbc:sqlite:" + file);
            try {
                probe(c);
                immutable[0] = false;
                return c;
            } catch (SQLException e) {
                c.close();
                if (!isReadOnlyFailure(e) || Files.exists(StoreFiles.sidecar(file, StoreFiles.WAL))) {
                    // With a -wal present, immutable=1 would silently ignore committed transactions.
                    throw e;
                }
            }
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        Connection c = cfg.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1");
        try {
            probe(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        immutable[0] = true;
        return c;
    }

    /** Opening is lazy in SQLite: the first statement is what fails. */
    private static void probe(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
        }
    }

    /** SQLITE_READONLY (any extended code), SQLITE_CANTOPEN or SQLITE_PERM, anywhere in the chain. */
    static boolean isReadOnlyFailure(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof SQLException se) {
                int primary = se.getErrorCode() & 0xFF;
                if (primary == 8 || primary == 14 || primary == 3) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Replaces the connection by a read-only one ({@code SQLITE_OPEN_READONLY}) opened now, as the
     * current OS user: from then on every write fails with {@code SQLITE_READONLY}, and the file
     * descriptor of the database is {@code O_RDONLY}. Those of {@code -wal} and {@code -shm} are
     * {@code O_RDONLY} too when this user cannot write those files (SQLite opens them read-write
     * whenever it can, even for a read-only connection). A transaction in progress on another
     * thread finishes first (the lock).
     *
     * @throws ConfigStoreException the database cannot be opened read-only; the store is closed then
     */
    void reopenReadOnly() {
        lock.lock();
        try {
            if (closed) {
                throw new ConfigStoreException("the config store " + file + " is closed");
            }
            try {
                conn.close();
            } catch (SQLException e) {
                // The checkpoint on close may fail for a user who cannot write the directory; the WAL stays valid.
            }
            boolean[] imm = new boolean[1];
            try {
                conn = connectReadOnly(file, imm);
            } catch (SQLException e) {
                closed = true;
                throw new ConfigStoreException("cannot open " + file + " read-only (" + StoreFiles.describe(file) + "): "
                        + e.getMessage(), e);
            }
            readOnly = true;
            immutable = imm[0];
            transaction(kind.check(), "BEGIN");
        } finally {
            lock.unlock();
        }
    }

    /** True when this user cannot write the store: reads work, writes fail (see the class comment). */
    boolean readOnly() {
        return readOnly;
    }

    Path file() {
        return file;
    }

    /**
     * Runs {@code work} in a write transaction (or inside the caller's transaction). On a read-only
     * store the work runs in a read transaction, so its access checks still decide first; its first
     * actual write fails with {@link #readOnlyRefusal}.
     */
    <T> T write(Work<T> work) {
        if (!readOnly) {
            return transaction(work, "BEGIN IMMEDIATE");
        }
        try {
            return transaction(work, "BEGIN");
        } catch (ConfigStoreException e) {
            if (isReadOnlyFailure(e)) {
                throw readOnlyRefusal(e);
            }
            throw e;
        }
    }

    private ConfigStoreException readOnlyRefusal(Throwable cause) {
        return new ConfigStoreException("store " + file + " is read-only for this user (" + StoreFiles.describe(file)
                + "): an administrator must be able to write it — see 'Who may change the store' in"
                + " dcom4j-config/README.md", cause);
    }

    /** Runs {@code work} in a read transaction: one consistent snapshot for several reads. */
    <T> T read(Work<T> work) {
        return transaction(work, "BEGIN");
    }

    /**
     * Like {@link #write} but gives up when the lock is not free within {@code timeoutMs}
     * (the event log must not stall its caller behind a long import); returns null then.
     */
    <T> T tryWrite(long timeoutMs, Work<T> work) throws InterruptedException {
        if (!lock.tryLock(timeoutMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        try {
            return write(work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T transaction(Work<T> work, String begin) {
        lock.lock();
        try {
            if (closed) {
                throw new ConfigStoreException("the config store " + file + " is closed");
            }
            if (depth > 0) {
                depth++;
                try {
                    return work.run(conn);
                } finally {
                    depth--;
                }
            }
            if (immutable) {
                reconnect();
            }
            exec(begin);
            depth = 1;
            boolean ok = false;
            try {
                T result = work.run(conn);
                exec("COMMIT");
                ok = true;
                return result;
            } finally {
                depth = 0;
                if (!ok) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw new ConfigStoreException(describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    /** A fresh read-only connection for each transaction while in immutable mode (see the class comment). */
    private void reconnect() throws SQLException {
        boolean[] imm = new boolean[1];
        Connection next = connectReadOnly(file, imm);
        Connection old = conn;
        conn = next;
        immutable = imm[0];
        old.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction left to roll back (SQLite rolls back itself on some errors).
        }
    }

    private String describe(SQLException e) {
        String m = e.getMessage();
        if (m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"))) {
            return "the config store " + file + " is busy (another process held it for " + BUSY_TIMEOUT_MS
                    + " ms): " + m;
        }
        return "config store " + file + ": " + m;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                conn.close();
            }
        } catch (SQLException e) {
            throw new ConfigStoreException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
