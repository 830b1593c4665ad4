package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dcom4j.security.SecurityEvent.Level;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Registry#reopenReadOnly}: the service's view of the store, and the event log in its own
 * {@code events.db}.
 */
class ReopenReadOnlyTest {
    static final Token ADMIN = Token.of("admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final String KEY = "HKLM\\SOFTWARE\\Classes\\CLSID\\{dfd9fd6b-7834-44cc-9311-760a14f0d774}\\LocalServer32";

    @TempDir
    Path dir;

    @Test
    void refusesWritesAfterReopenReadOnlyWhileSeeingLaterAdminWrites() throws IOException {
        try (Registry admin = Registry.open(dir)) {
            admin.set(ADMIN, KEY, RegValue.sz("", "/usr/bin/good"));
        }
        try (Registry service = Registry.open(dir)) {
            service.eventLog(); // opened before, as a service does
            service.reopenReadOnly();
            assertTrue(service.readOnly());
            assertEquals(List.of("O_RDONLY"), accessModes(dir.resolve("registry.db").toAbsolutePath()));

            ConfigStoreException e = assertThrows(ConfigStoreException.class,
                    () -> service.set(ADMIN, KEY, RegValue.sz("", "/tmp/evil")));
            assertTrue(Store.isReadOnlyFailure(e), e::toString);
            assertEquals("/usr/bin/good", service.get(KEY, "").orElseThrow().asString());

            try (Registry admin = Registry.open(dir)) {
                assertEquals("/usr/bin/good", admin.get(KEY, "").orElseThrow().asString());
                admin.set(ADMIN, KEY, RegValue.sz("", "/usr/bin/better"));
                assertEquals("/usr/bin/better", service.get(KEY, "").orElseThrow().asString(),
                        "an administrator's later write is seen at once");
            }
            try (Registry admin = Registry.open(dir)) {
                admin.set(ADMIN, KEY, RegValue.sz("", "/usr/bin/best"));
            }
            assertEquals("/usr/bin/best", service.get(KEY, "").orElseThrow().asString(), "and after the writer closed");

            service.eventLog().append(Level.WARNING, "DCOM", 10016, "denied after reopen", Map.of());
            try (Registry admin = Registry.open(dir)) {
                assertEquals("denied after reopen", admin.eventLog().newest(Instant.EPOCH, Level.WARNING, 1).entries()
                        .getFirst().message(), "the event log stays writable");
            }
        }
    }

    @Test
    void keepsEventsInTheirOwnDatabase() throws Exception {
        try (Registry r = Registry.open(dir)) {
            r.eventLog().append(Level.INFORMATION, "rpcss", 1, "hello", Map.of());
            assertEquals(dir.resolve("events.db").toAbsolutePath(), r.eventLog().file());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT message FROM events")) {
            assertTrue(rs.next());
            assertEquals("hello", rs.getString(1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'events'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "registry.db has no events table");
        }
    }

    @Test
    void keepsAnEventWrittenInsideABatchThatRollsBack() {
        try (Registry r = Registry.open(dir)) {
            assertThrows(IllegalStateException.class, () -> r.batch(ADMIN, b -> {
                b.set(KEY, RegValue.sz("", "/usr/bin/x"));
                r.eventLog().append(Level.INFORMATION, "test", 7, "inside", Map.of());
                throw new IllegalStateException("roll back");
            }));
            assertFalse(r.get(KEY, "").isPresent(), "the batch rolled back");
            assertEquals(1, r.eventLog().query(Instant.EPOCH, Level.INFORMATION, 10).size(), "the event did not");
        }
    }

    @Test
    void failsQueriesButNeverAppendsWhenEventsDbCannotBeOpened() throws IOException {
        try (Registry r = Registry.open(dir)) {
            r.get(KEY, "");
        }
        Files.createDirectory(dir.resolve("events.db")); // neither a database nor creatable
        try (Registry r = Registry.open(dir)) {
            assertThrows(ConfigStoreException.class, () -> r.eventLog().query(Instant.EPOCH, Level.INFORMATION, 10));
            r.eventLog().append(Level.INFORMATION, "test", 1, "dropped", Map.of()); // never throws
        }
    }

    /** The access modes ({@code O_RDONLY}, {@code O_WRONLY}, {@code O_RDWR}) of this process's descriptors of {@code file}. */
    static List<String> accessModes(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    continue; // closed meanwhile (the directory stream's own descriptor)
                }
                if (target.equals(file)) {
                    String flags = Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString())).stream()
                            .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                    int mode = Integer.parseInt(flags.substring("flags:".length()).trim(), 8) & 3;
                    out.add(mode == 0 ? "O_RDONLY" : mode == 1 ? "O_WRONLY" : "O_RDWR");
                }
            }
        }
        return out;
    }
}
