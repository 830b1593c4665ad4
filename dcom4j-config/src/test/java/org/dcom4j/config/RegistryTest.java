package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    @TempDir
    Path dir;

    @Test
    void createsTheDcomKeysWithTheStore() {
        try (Registry r = Registry.open(dir)) {
            for (String k : List.of("HKLM", "HKU", "HKLM\\SOFTWARE\\Classes\\AppID", "HKLM\\SOFTWARE\\Classes\\CLSID",
                    "HKLM\\SOFTWARE\\Microsoft\\Ole", "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM")) {
                assertTrue(r.exists(k), k);
            }
            assertEquals("ok", r.integrityCheck());
        }
    }

    @Test
    void usesWalFullSyncAndTheSchemaVersion() throws Exception {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\X", RegValue.dword("v", 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            assertEquals("wal", one(st, "PRAGMA journal_mode"));
            assertEquals("1", one(st, "PRAGMA user_version"));
        }
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesADatabaseFromANewerVersion() throws Exception {
        Registry.open(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version=7");
        }
        ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> Registry.open(dir));
        assertTrue(e.getMessage().contains("schema version=7"), e.getMessage());
    }

    @Test
    void keysAreCaseInsensitiveAndCasePreserving() {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKEY_LOCAL_MACHINE\\software\\Contoso\\MixedCase", RegValue.sz("Name", "v"));
            assertTrue(r.exists("hklm\\SOFTWARE\\CONTOSO\\mixedcase"));
            assertEquals(List.of("MixedCase"), r.subkeys("HKLM\\Software\\Contoso"));
            assertEquals("HKLM\\SOFTWARE\\Contoso\\MixedCase", r.canonicalPath("hklm\\software\\contoso\\mixedcase").orElseThrow());
            assertEquals("v", r.get("HKLM\\SOFTWARE\\Contoso\\MixedCase", "NAME").orElseThrow().asString());
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\Contoso\\MixedCase", RegValue.sz("NAME", "w"));
            assertEquals(List.of(RegValue.sz("Name", "w")), r.values("HKLM\\SOFTWARE\\Contoso\\MixedCase"));
        }
    }

    @Test
    void classesRootIsAnAliasOfSoftwareClasses() {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKCR\\AppID\\{X}", RegValue.sz("", "app"));
            assertEquals("app", r.get("HKLM\\SOFTWARE\\Classes\\AppID\\{x}", "").orElseThrow().asString());
            assertEquals("app", r.get("HKEY_CLASSES_ROOT\\AppID\\{X}", "").orElseThrow().asString());
        }
    }

    @Test
    void enumeratesValuesInCreationOrderAndSubkeysSorted() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Order";
            r.batch(Tokens.ADMIN, b -> {
                b.set(k, RegValue.dword("Zeta", 1));
                b.set(k, RegValue.dword("alpha", 2));
                b.set(k, RegValue.dword("Mid", 3));
                b.set(k, RegValue.dword("zeta", 4)); // replaces in place
                b.createKey(k + "\\b");
                b.createKey(k + "\\A");
                b.createKey(k + "\\C");
            });
            assertEquals(List.of("Zeta", "alpha", "Mid"), r.values(k).stream().map(RegValue::name).toList());
            assertEquals(4, r.get(k, "ZETA").orElseThrow().asInt());
            assertEquals(List.of("A", "b", "C"), r.subkeys(k));
        }
    }

    @Test
    void deletesKeysRecursivelyAndValuesSingly() {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\T\\a\\b\\c", RegValue.dword("v", 1));
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\T2", RegValue.dword("v", 1)); // a sibling sharing the prefix
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\T", RegValue.dword("keep", 1));
            assertTrue(r.deleteValue(Tokens.ADMIN, "HKLM\\SOFTWARE\\T", "keep"));
            assertFalse(r.deleteValue(Tokens.ADMIN, "HKLM\\SOFTWARE\\T", "keep"));
            assertTrue(r.deleteKey(Tokens.ADMIN, "HKLM\\SOFTWARE\\t\\A"));
            assertFalse(r.exists("HKLM\\SOFTWARE\\T\\a\\b\\c"));
            assertTrue(r.exists("HKLM\\SOFTWARE\\T"));
            assertTrue(r.deleteKey(Tokens.ADMIN, "HKLM\\SOFTWARE\\T"));
            assertTrue(r.exists("HKLM\\SOFTWARE\\T2"));
            assertFalse(r.deleteKey(Tokens.ADMIN, "HKLM\\SOFTWARE\\T"));
            assertThrows(IllegalArgumentException.class, () -> r.deleteKey(Tokens.ADMIN, "HKLM"));
            assertEquals("ok", r.integrityCheck());
        }
    }

    @Test
    void batchIsAllOrNothing() {
        try (Registry r = Registry.open(dir)) {
            assertThrows(IllegalStateException.class, () -> r.batch(Tokens.ADMIN, b -> {
                b.set("HKLM\\SOFTWARE\\Half", RegValue.dword("v", 1));
                throw new IllegalStateException("boom");
            }));
            assertFalse(r.exists("HKLM\\SOFTWARE\\Half"));
        }
    }

    @Test
    void refusesBadPathsWithTheReason() {
        try (Registry r = Registry.open(dir)) {
            assertMessage(() -> r.exists("HKCU\\Software"), "HKEY_CURRENT_USER is not supported");
            assertMessage(() -> r.exists("HKXX\\a"), "unknown root key \"HKXX\"");
            assertMessage(() -> r.exists("HKLM\\a\\\\b"), "empty key name");
            assertMessage(() -> r.exists("HKLM\\" + "k".repeat(256)), "key name too long: length=256, limit=255");
            String deep = "HKLM" + "\\abcdefghi".repeat(60);
            assertMessage(() -> r.exists(deep), "key path too long: length=604, limit=512");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    @Test
    void keepsTheMachineSidAcrossReopens() {
        org.dcom4j.security.Sid first;
        try (Registry r = Registry.open(dir)) {
            first = r.machineSid();
        }
        try (Registry r = Registry.open(dir)) {
            assertEquals(first, r.machineSid());
            assertTrue(first.toString().startsWith("S-1-5-21-"), first.toString());
            assertEquals(4, first.subAuthorityCount());
        }
    }

    @Test
    void twoHandlesOnOneStoreSeeEachOthersWrites() {
        try (Registry a = Registry.open(dir); Registry b = Registry.open(dir)) {
            a.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\Shared", RegValue.dword("v", 7));
            assertEquals(7, b.get("HKLM\\SOFTWARE\\Shared", "v").orElseThrow().asInt());
        }
    }

    @Test
    void refusesUseAfterClose() {
        Registry r = Registry.open(dir);
        r.close();
        assertThrows(ConfigStoreException.class, () -> r.exists("HKLM"));
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("registry.db"), "not a database, just text ".repeat(100));
        ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> Registry.open(dir));
        assertTrue(e.getMessage().startsWith("cannot open " + dir.resolve("registry.db").toAbsolutePath()), e.getMessage());
    }

    @Test
    void manyThreadsShareOneRegistry() throws Exception {
        try (Registry r = Registry.open(dir)) {
            int threads = 4;
            int each = 50;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\Threads\\t" + id, RegValue.dword("v" + i, i));
                        r.eventLog().append(org.dcom4j.security.SecurityEvent.Level.INFORMATION, "t", id, "i=" + i, java.util.Map.of());
                        assertEquals(i, r.get("HKLM\\SOFTWARE\\Threads\\t" + id, "v" + i).orElseThrow().asInt());
                        r.subkeys("HKLM\\SOFTWARE\\Threads");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            for (int t = 0; t < threads; t++) {
                assertEquals(each, r.values("HKLM\\SOFTWARE\\Threads\\t" + t).size());
            }
            assertEquals(threads * each, r.eventLog().query(java.time.Instant.EPOCH,
                    org.dcom4j.security.SecurityEvent.Level.INFORMATION, 1000).size());
        }
    }
}
