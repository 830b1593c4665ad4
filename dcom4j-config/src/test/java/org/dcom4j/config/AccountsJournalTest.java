package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code accounts.db} uses a rollback journal, not WAL, so the service's read-only connection needs
 * no {@code -wal}/{@code -shm} (see {@link AccountsDb}). The journal mode is read from the file header
 * (SQLite file format, bytes 18-19: 1 rollback journal, 2 WAL).
 */
class AccountsJournalTest {
    @TempDir
    Path dir;

    private Registry reg;
    private Path db;

    @BeforeEach
    void open() {
        reg = Registry.open(dir);
        db = dir.resolve(AccountsDb.FILE_NAME);
    }

    @AfterEach
    void close() {
        reg.close();
    }

    private static int headerJournalVersion(Path db) throws IOException {
        try (InputStream in = Files.newInputStream(db)) {
            byte[] h = in.readNBytes(20);
            assertEquals(h[18], h[19], "write and read versions");
            return h[18];
        }
    }

    private Path sidecar(String suffix) {
        return StoreFiles.sidecar(db, suffix);
    }

    @Test
    void keepsTheStoreInRollbackModeSoTheServicesReaderNeedsNoWalOrShm() throws Exception {
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN); Accounts service = Accounts.forService(reg)) {
            admin.addUser("reporter", "Passw0rd!".toCharArray());
            assertTrue(service.find("reporter").isPresent());
            admin.addUser("late", "x".toCharArray());
            assertTrue(service.find("late").isPresent(), "the reader sees a commit made after it opened");
            assertEquals(1, headerJournalVersion(db));
            assertFalse(Files.exists(sidecar(StoreFiles.WAL)), "no -wal while both connections are open");
            assertFalse(Files.exists(sidecar(StoreFiles.SHM)), "no -shm while both connections are open");
        }
    }

    @Test
    void convertsAWalModeStoreOnTheFirstAdministratorsOpen() throws Exception {
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
            admin.addUser("before", "x".toCharArray());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) { // as an older dcom4j left it
            assertTrue(rs.next());
            assertEquals("wal", rs.getString(1));
        }
        assertEquals(2, headerJournalVersion(db));
        try (Accounts service = Accounts.forService(reg)) {
            assertTrue(service.find("before").isPresent(), "the service still reads a WAL-mode store");
        }
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
            admin.addUser("after", "x".toCharArray());
            assertEquals(1, headerJournalVersion(db));
            assertFalse(Files.exists(sidecar(StoreFiles.WAL)));
        }
        try (Accounts service = Accounts.forService(reg)) {
            assertTrue(service.find("before").isPresent());
            assertTrue(service.find("after").isPresent());
        }
    }

    @Test
    void keepsAWalModeStoreWorkingWhileAnOlderReaderHoldsItOpenAndConvertsItLater() throws Exception {
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
            admin.addUser("before", "x".toCharArray());
        }
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = old.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) { // an older rpcss, still running
                assertTrue(rs.next());
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
                assertTrue(rs.next());
            }
            try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
                admin.addUser("during", "x".toCharArray());
            }
            assertEquals(2, headerJournalVersion(db), "leaving WAL needs the file to itself");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM users WHERE name = 'during'")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "the older reader sees the write");
            }
        }
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
            assertTrue(admin.find("during").isPresent());
            assertEquals(1, headerJournalVersion(db));
        }
    }

    @Test
    void aReaderWaitsUnderTheBusyTimeoutWhileAWriterCommits() throws Exception {
        try (Accounts admin = Accounts.open(reg, Tokens.ADMIN)) {
            admin.addUser("reporter", "x".toCharArray());
        }
        try (Accounts service = Accounts.forService(reg);
             Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = writer.createStatement()) {
            assertTrue(service.find("reporter").isPresent());
            st.execute("BEGIN EXCLUSIVE"); // what a committing writer holds: readers are locked out
            st.execute("UPDATE users SET disabled = 1 WHERE name = 'reporter'");
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Boolean> disabled = CompletableFuture.supplyAsync(() -> {
                reading.countDown();
                try (Account a = service.find("reporter").orElseThrow()) {
                    return a.disabled();
                }
            });
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            st.execute("COMMIT");
            assertTrue(disabled.get(Store.BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS),
                    "the reader waited for the commit instead of failing SQLITE_BUSY, and sees it");
        }
    }
}
