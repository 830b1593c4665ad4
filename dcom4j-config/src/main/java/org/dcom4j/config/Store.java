package org.dcom4j.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite connection of a {@link Registry} and the transactions on it. Every use holds
 * {@link #lock}, so the connection is never used by two threads at once; a transaction begun by a
 * thread is joined by nested calls on that thread (the lock is reentrant) and committed by the
 * outermost one. Write transactions are {@code BEGIN IMMEDIATE}: the write lock is taken up front,
 * so two processes never dead-lock upgrading a shared lock, and the busy timeout applies.
 */
final class Store implements AutoCloseable {
    static final String FILE_NAME = "registry.db";
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    private int depth;
    private boolean closed;

    private Store(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (creating when missing) {@code stateDir/registry.db} and brings its schema up to date. */
    static Store open(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new ConfigStoreException("cannot create state directory " + stateDir + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new ConfigStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Store s = new Store(file, c);
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
            s.write(Schema::ensure);
        } catch (SQLException | RuntimeException e) {
            s.close();
            if (e instanceof ConfigStoreException cse) {
                throw cse;
            }
            throw new ConfigStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        return s;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in a write transaction (or inside the caller's transaction). */
    <T> T write(Work<T> work) {
        return transaction(work, "BEGIN IMMEDIATE");
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
