package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
    @TempDir
    Path dir;

    private Registry reg;
    private LocalAccounts local;
    private Accounts accounts;
    private Sid machine;

    @BeforeEach
    void open() {
        reg = Registry.open(dir);
        machine = reg.machineSid();
        local = new LocalAccounts(machine, LocalAccountsTest.DIR, LocalAccounts.DEFAULT_ADMINS_GROUP,
                LocalAccounts.DEFAULT_DCOM_USERS_GROUP);
        accounts = Accounts.open(reg, local, Tokens.ADMIN);
    }

    @AfterEach
    void close() {
        accounts.close();
        reg.close();
    }

    private static char[] pw(String s) {
        return s.toCharArray();
    }

    private byte[] hashOf(String user) {
        try (Account a = accounts.find(user).orElseThrow()) {
            return a.ntHash();
        }
    }

    @Test
    void storesTheNtHashOfThePasswordAndAnAllocatedRidForANameWithoutUnixNamesake() {
        Sid sid = accounts.addUser("reporter", pw("Passw0rd!"));
        assertEquals(machine.child(1_000_000_000), sid);
        assertEquals("fc525c9683e8fe067095ba2ddc971889", HexFormat.of().formatHex(hashOf("reporter")));
        try (Account a = accounts.find("REPORTER").orElseThrow()) {
            assertEquals("reporter", a.name());
            assertEquals(sid, a.sid());
            assertFalse(a.disabled());
            assertEquals(Set.of(), a.groups());
            assertFalse(a.toString().toLowerCase().contains("fc525c"), a.toString());
            a.close();
            assertArrayEquals(new byte[16], a.ntHash(), "close wipes the account's copy");
        }
        assertEquals(machine.child(1_000_000_001), accounts.addUser("second", pw("x")));
    }

    @Test
    void givesAUnixNamesakeTheRidOfItsUidSoLocalAndNetworkIdentityAgree() {
        assertEquals(local.userSid("alice").orElseThrow(), accounts.addUser("alice", pw("a")));
        assertEquals(machine.child(3000), accounts.find("alice").orElseThrow().sid());
        assertEquals(machine.child(3002), accounts.addUser("Bob", pw("b")), "a Unix name in another case");
        assertEquals(local.tokenForUser("alice").user(), accounts.networkToken("alice").orElseThrow().user());
    }

    @Test
    void passwdChangesTheHashAndThePasswordDate() throws Exception {
        accounts.addUser("reporter", pw("Passw0rd!"));
        Instant before = accounts.users().get(0).passwordChanged();
        Thread.sleep(2);
        accounts.setPassword("Reporter", pw("other"));
        assertFalse(HexFormat.of().formatHex(hashOf("reporter")).equals("fc525c9683e8fe067095ba2ddc971889"));
        assertTrue(accounts.users().get(0).passwordChanged().isAfter(before));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> accounts.setPassword("nobody", pw("x")));
        assertEquals("no such user: \"nobody\"", e.getMessage());
    }

    @Test
    void deleteRemovesTheUserAndItsMembershipsAndNeverReusesItsRid() {
        Sid first = accounts.addUser("reporter", pw("x"));
        assertTrue(accounts.addMember("Distributed COM Users", "reporter"));
        assertFalse(accounts.addMember("distributed com users", "REPORTER"), "already a member");
        assertEquals(first, accounts.deleteUser("REPORTER"));
        assertTrue(accounts.find("reporter").isEmpty());
        assertTrue(accounts.users().isEmpty());
        assertTrue(accounts.groups().stream().allMatch(g -> g.members().isEmpty()), accounts.groups().toString());
        assertEquals(machine.child(1_000_000_001), accounts.addUser("reporter", pw("x")), "a new account, a new SID");
        assertThrows(IllegalArgumentException.class, () -> accounts.deleteUser("reporter2"));
    }

    @Test
    void hasTheBuiltinGroupsAndCreatesLocalGroupsUnderTheMachineSid() {
        List<Accounts.GroupInfo> g = accounts.groups();
        assertEquals(List.of("Administrators", "Distributed COM Users"), g.stream().map(Accounts.GroupInfo::name).toList());
        assertEquals(WellKnownSids.BUILTIN_ADMINISTRATORS, g.get(0).sid());
        assertEquals(WellKnownSids.DISTRIBUTED_COM_USERS, g.get(1).sid());
        assertTrue(g.get(0).builtin());
        Sid ops = accounts.addGroup("Report Operators");
        assertEquals(machine.child(1_000_000_000), ops);
        accounts.addUser("reporter", pw("x"));
        accounts.addMember("report operators", "reporter");
        assertEquals(Set.of(ops), accounts.find("reporter").orElseThrow().groups());
        assertEquals(List.of("Report Operators"), accounts.users().get(0).groups());
        assertTrue(accounts.removeMember("Report Operators", "reporter"));
        assertFalse(accounts.removeMember("Report Operators", "reporter"));
        assertThrows(IllegalArgumentException.class, () -> accounts.addMember("Nope", "reporter"));
        assertThrows(IllegalArgumentException.class, () -> accounts.addMember("Administrators", "nope"));
    }

    @Test
    void refusesBadNamesDuplicatesAndBadPasswords() {
        for (String bad : List.of("", "a\"b", "a/b", "a\\b", "a[b", "a]b", "a:b", "a;b", "a|b", "a=b", "a,b", "a+b",
                "a*b", "a?b", "a<b", "a>b", "a@b", "a\tb", "a\u0000", "...", " . ", " lead", "trail ",
                "abcdefghijklmnopqrstu")) {
            assertThrows(IllegalArgumentException.class, () -> accounts.addUser(bad, pw("x")), bad);
        }
        accounts.addUser("abcdefghijklmnopqrst", pw("x"));
        accounts.addUser("j.doe-2 x", pw("x"));
        accounts.addGroup("A group name over twenty characters");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> accounts.addUser("J.DOE-2 X", pw("x")));
        assertEquals("user \"j.doe-2 x\" already exists", dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> accounts.addUser("administrators", pw("x")));
        assertThrows(IllegalArgumentException.class, () -> accounts.addGroup("J.Doe-2 x"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> accounts.addUser("empty", new char[0]));
        assertTrue(empty.getMessage().startsWith("empty password refused"), empty.getMessage());
        IllegalArgumentException longPw = assertThrows(IllegalArgumentException.class,
                () -> accounts.addUser("long", new char[257]));
        assertEquals("password too long: length=257, limit=256", longPw.getMessage());
        accounts.addUser("max", "p".repeat(256).toCharArray());
        assertTrue(accounts.find("empty").isEmpty());
    }

    @Test
    void createsTheFileReadableByItsOwnerOnly() throws Exception {
        Path f = dir.resolve("accounts.db");
        assertFalse(Files.exists(f), "not created before it is needed");
        accounts.addUser("reporter", pw("x"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        for (String side : List.of("-wal", "-shm")) {
            Path s = dir.resolve("accounts.db" + side);
            if (Files.exists(s)) {
                assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(s)).endsWith("r--"), side);
            }
        }
    }

    @Test
    void sharesANewFileWithTheAdministratorsGroupReadWriteButNotWithOthers() throws Exception {
        GroupPrincipal group = StoreFiles.group("nogroup");
        org.junit.jupiter.api.Assumptions.assumeTrue(group != null, "no group nogroup on this machine");
        Path f = dir.resolve("sub").resolve("accounts.db");
        assertTrue(AccountsDb.createPrivate(f, group));
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        GroupPrincipal got = Files.getFileAttributeView(f, PosixFileAttributeView.class).readAttributes().group();
        if (got.equals(group)) {
            assertEquals("rw-rw----", mode);
            AccountsDb.checkPrivate(f, Set.of("nogroup"));
            assertThrows(ConfigStoreException.class, () -> AccountsDb.checkPrivate(f, Set.of("dcom4j-admins")));
        } else {
            assertEquals("rw-------", mode, "not allowed to give it away: private to the creator");
        }
        assertFalse(AccountsDb.createPrivate(f, group), "an existing file is left alone");
    }

    @Test
    void refusesAWorldReadableFileNamingTheDangerAndTheFix() throws Exception {
        accounts.addUser("reporter", pw("x"));
        Path f = dir.resolve("accounts.db");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigStoreException e = assertThrows(ConfigStoreException.class, () -> accounts.find("reporter"));
        assertTrue(e.getMessage().contains("refusing the account store " + f + ": other users can access it"), e.getMessage());
        assertTrue(e.getMessage().contains("mode rw-r--r--"), e.getMessage());
        assertTrue(e.getMessage().contains("reset every password"), e.getMessage());
        try (Accounts fresh = Accounts.open(reg, local, Tokens.ADMIN)) {
            assertThrows(ConfigStoreException.class, fresh::users);
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertTrue(accounts.find("reporter").isPresent());
    }

    @Test
    void refusesANonAdministratorBeforeTouchingTheFile() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Accounts.open(reg, local, Tokens.ALICE));
        assertEquals("access denied: open on " + dir.resolve("accounts.db").toAbsolutePath() + " for alice ("
                + Tokens.ALICE.user() + "): only administrators may read or change accounts", e.getMessage());
        assertThrows(AccessDeniedException.class, () -> Accounts.open(reg, local, Tokens.DCOM_USER));
        assertFalse(Files.exists(dir.resolve("accounts.db")));
    }

    @Test
    void buildsANetworkTokenWithTheAccountsGroupsAndNoLocalLogonGroups() {
        Sid sid = accounts.addUser("reporter", pw("x"));
        accounts.addMember("Distributed COM Users", "reporter");
        Token t = accounts.networkToken("Reporter").orElseThrow();
        assertEquals("reporter", t.name());
        assertEquals(sid, t.user());
        assertEquals(Set.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK,
                WellKnownSids.BUILTIN_USERS, WellKnownSids.DISTRIBUTED_COM_USERS), t.groups());
        assertFalse(t.isAdministrator());
        accounts.addMember("Administrators", "reporter");
        assertTrue(accounts.networkToken("reporter").orElseThrow().isAdministrator(), "read again, not cached");
        assertTrue(accounts.networkToken("nobody").isEmpty());
        assertTrue(accounts.networkToken("a/b").isEmpty());
    }

    @Test
    void theServiceViewReadsWhatAdministratorsWriteAndCannotWrite() {
        try (Accounts service = Accounts.forService(reg)) {
            assertTrue(service.find("reporter").isEmpty(), "no file yet: no accounts");
            assertFalse(Files.exists(dir.resolve("accounts.db")));
            accounts.addUser("reporter", pw("Passw0rd!"));
            try (Account a = service.find("reporter").orElseThrow()) {
                assertEquals("fc525c9683e8fe067095ba2ddc971889", HexFormat.of().formatHex(a.ntHash()));
            }
            accounts.setPassword("reporter", pw("new one"));
            try (Account a = service.find("reporter").orElseThrow()) {
                assertFalse(HexFormat.of().formatHex(a.ntHash()).equals("fc525c9683e8fe067095ba2ddc971889"));
            }
            accounts.deleteUser("reporter");
            assertTrue(service.networkToken("reporter").isEmpty(), "a deletion takes effect at once");
            assertThrows(IllegalStateException.class, () -> service.addUser("x", pw("x")));
        }
    }

    @Test
    void logsEveryChangeWithWindowsEventIdsAndNoSecrets() {
        accounts.addUser("reporter", pw("Passw0rd!"));
        accounts.setPassword("reporter", pw("S3cret!"));
        accounts.addGroup("Ops");
        accounts.addMember("Ops", "reporter");
        accounts.removeMember("Ops", "reporter");
        accounts.deleteUser("reporter");
        List<LogEntry> log = reg.eventLog().query(Instant.EPOCH, SecurityEvent.Level.INFORMATION, 100);
        assertEquals(List.of(4720, 4724, 4731, 4732, 4733, 4726), log.stream().map(LogEntry::eventId).toList());
        for (LogEntry e : log) {
            assertEquals("Security", e.source());
            String all = e.message() + e.fields();
            assertFalse(all.contains("Passw0rd") || all.contains("S3cret") || all.toLowerCase().contains("fc525c"), all);
            assertTrue(e.message().endsWith(" by root"), e.message());
        }
        assertEquals("reporter", log.get(0).fields().get("TargetUserName"));
        assertEquals(machine.child(1_000_000_000).toString(), log.get(3).fields().get("MemberSid"));
        assertEquals("Ops", log.get(3).fields().get("TargetUserName"));
    }

    @Test
    void givesAUnixUserTheGroupsOfItsSameSidAccountOnly() {
        LocalAccounts withStore = LocalAccounts.open(reg, LocalAccountsTest.DIR);
        assertFalse(withStore.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS));
        accounts.addUser("alice", pw("x"));
        accounts.addMember("Administrators", "alice");
        assertTrue(withStore.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS));
        assertTrue(withStore.tokenForUid(1000).contains(WellKnownSids.BUILTIN_ADMINISTRATORS));

        // "carol" created while no Unix carol was known: another SID, so Unix carol does not get its groups.
        LocalAccounts noCarol = new LocalAccounts(machine, LocalAccounts.Directory.of("", ""), "dcom4j-admins",
                "dcom4j-dcom-users");
        try (Accounts other = Accounts.open(reg, noCarol, Tokens.ADMIN)) {
            other.addUser("carol", pw("x"));
            other.addMember("Administrators", "carol");
        }
        assertFalse(withStore.tokenForUser("carol").contains(WellKnownSids.BUILTIN_ADMINISTRATORS));
        accounts.removeMember("Administrators", "alice");
        assertFalse(withStore.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS));
    }

    @Test
    void givesAUnixUserItsAccountGroupsThroughTheServicesOwnConnection() {
        try (Accounts service = Accounts.forService(reg)) {
            LocalAccounts viaService = LocalAccounts.open(reg, LocalAccountsTest.DIR, service);
            assertFalse(viaService.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS), "no store yet");
            accounts.addUser("alice", pw("x"));
            accounts.addMember("Administrators", "alice");
            assertTrue(viaService.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS));
            accounts.removeMember("Administrators", "alice");
            assertFalse(viaService.tokenForUser("alice").contains(WellKnownSids.BUILTIN_ADMINISTRATORS), "read again each time");
        }
    }

    @Test
    void refusesAnAccountStoreCopiedFromAnotherMachine() throws Exception {
        accounts.addUser("reporter", pw("x"));
        accounts.close();
        Path other = dir.resolve("other");
        try (Registry r2 = Registry.open(other)) {
            Files.copy(dir.resolve("accounts.db"), other.resolve("accounts.db"));
            Files.setPosixFilePermissions(other.resolve("accounts.db"), PosixFilePermissions.fromString("rw-------"));
            try (Accounts a2 = Accounts.open(r2, Tokens.ADMIN)) {
                ConfigStoreException e = assertThrows(ConfigStoreException.class, a2::users);
                assertTrue(e.getMessage().contains("copied from another store"), e.getMessage());
            }
        }
    }
}
