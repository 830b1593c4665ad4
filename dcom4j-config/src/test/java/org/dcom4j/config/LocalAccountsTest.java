package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAccountsTest {
    @TempDir
    Path dir;

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            # a comment
            alice:x:1000:1000:Alice:/home/alice:/bin/sh
            bob:x:1001:1001::/home/bob:/bin/sh
            carol:x:1002:100::/home/carol:/bin/sh
            dave:x:1003:990::/home/dave:/bin/sh
            broken line
            """;
    static final String GROUP = """
            root:x:0:
            users:x:100:
            alice:x:1000:
            bob:x:1001:
            dcom4j-admins:x:990:bob
            dcom4j-dcom-users:x:991:alice, carol
            ops:x:992:alice
            """;
    static final LocalAccounts.Directory DIR = LocalAccounts.Directory.of(PASSWD, GROUP);
    static final Sid M = Sid.parse("S-1-5-21-10-20-30");

    private static LocalAccounts accounts() {
        return new LocalAccounts(M, DIR, LocalAccounts.DEFAULT_ADMINS_GROUP, LocalAccounts.DEFAULT_DCOM_USERS_GROUP);
    }

    private static final List<Sid> BUILT_IN = List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS,
            WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE, WellKnownSids.BUILTIN_USERS);

    @Test
    void mapsUsersToEvenAndGroupsToOddRids() {
        LocalAccounts a = accounts();
        assertEquals(Sid.parse("S-1-5-21-10-20-30-1000"), a.userSid(0));
        assertEquals(Sid.parse("S-1-5-21-10-20-30-1001"), a.groupSid(0));
        assertEquals(Sid.parse("S-1-5-21-10-20-30-3000"), a.userSid(1000));
        assertEquals(Sid.parse("S-1-5-21-10-20-30-3001"), a.groupSid(1000));
        assertEquals(Sid.parse("S-1-5-21-10-20-30-4294967294"), a.userSid(LocalAccounts.MAX_ID));
        assertThrows(IllegalArgumentException.class, () -> a.userSid(LocalAccounts.MAX_ID + 1));
        assertThrows(IllegalArgumentException.class, () -> a.groupSid(-1));
    }

    @Test
    void mapsUnixGroupNamesThroughTheDirectoryItWasGiven() {
        LocalAccounts a = accounts();
        assertEquals(java.util.Optional.of(Sid.parse("S-1-5-21-10-20-30-2985")), a.groupSid("ops"));
        assertEquals(java.util.Optional.empty(), a.groupSid("no-such-group"));
    }

    @Test
    void rootIsAnAdministrator() {
        Token t = accounts().tokenForUser("root");
        assertEquals("root", t.name());
        assertEquals(M.child(1000), t.user());
        assertTrue(t.isAdministrator());
        assertTrue(t.groups().contains(M.child(1001)));
        assertTrue(t.groups().containsAll(BUILT_IN));
        assertFalse(t.contains(WellKnownSids.DISTRIBUTED_COM_USERS));
        assertFalse(t.contains(WellKnownSids.ANONYMOUS));
    }

    @Test
    void anOrdinaryUserGetsItsGroupsAndTheBuiltInOnes() {
        Token t = accounts().tokenForUser("alice");
        assertEquals(M.child(3000), t.user());
        assertEquals(List.of(M.child(3001), M.child(2983), M.child(2985)), t.groups().stream().limit(3).toList());
        assertTrue(t.groups().containsAll(BUILT_IN));
        assertFalse(t.isAdministrator());
        assertTrue(t.contains(WellKnownSids.DISTRIBUTED_COM_USERS), "alice is listed in dcom4j-dcom-users");
    }

    @Test
    void membersOfTheAdminsGroupAreAdministrators() {
        assertTrue(accounts().tokenForUser("bob").isAdministrator(), "listed member");
        assertTrue(accounts().tokenForUser("dave").isAdministrator(), "primary group");
        assertFalse(accounts().tokenForUser("carol").isAdministrator());
        assertTrue(accounts().tokenForUser("carol").contains(WellKnownSids.DISTRIBUTED_COM_USERS));
    }

    @Test
    void theGroupNamesAreConfigurable() {
        LocalAccounts a = new LocalAccounts(M, DIR, "ops", "users");
        assertTrue(a.tokenForUser("alice").isAdministrator());
        assertFalse(a.tokenForUser("bob").isAdministrator());
        assertTrue(a.tokenForUser("carol").contains(WellKnownSids.DISTRIBUTED_COM_USERS), "primary group users");
        assertFalse(a.tokenForUser("alice").contains(WellKnownSids.DISTRIBUTED_COM_USERS));
    }

    @Test
    void theGroupNamesComeFromTheRegistryWhenSet() {
        try (Registry r = Registry.open(dir)) {
            LocalAccounts before = LocalAccounts.open(r, DIR);
            assertEquals(LocalAccounts.DEFAULT_ADMINS_GROUP, before.adminsGroup());
            r.set(Tokens.ADMIN, LocalAccounts.IDENTITY_KEY, RegValue.sz("AdminsGroup", "ops"));
            r.set(Tokens.ADMIN, LocalAccounts.IDENTITY_KEY, RegValue.sz("DcomUsersGroup", "users"));
            LocalAccounts a = LocalAccounts.open(r, DIR);
            assertEquals("ops", a.adminsGroup());
            assertEquals("users", a.dcomUsersGroup());
            assertEquals(r.machineSid(), a.machineSid());
            assertTrue(a.tokenForUser("alice").isAdministrator());
            assertThrows(AccessDeniedException.class, () -> r.set(a.tokenForUser("carol"), LocalAccounts.IDENTITY_KEY,
                    RegValue.sz("AdminsGroup", "users")));
        }
    }

    @Test
    void anUnknownUserNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> accounts().tokenForUser("mallory"));
        assertEquals("unknown Unix user \"mallory\": not found by getent passwd nor in /etc/passwd", e.getMessage());
    }

    @Test
    void aUidWithoutAnAccountStillGetsAToken() {
        Token t = accounts().tokenForUid(5000);
        assertEquals("uid=5000", t.name());
        assertEquals(M.child(11000), t.user());
        assertEquals(BUILT_IN, List.copyOf(t.groups()));
        assertEquals(accounts().tokenForUser("alice"), accounts().tokenForUid(1000));
    }

    @Test
    void describesWellKnownAndLocalSids() {
        LocalAccounts a = accounts();
        assertEquals("BUILTIN\\Administrators (S-1-5-32-544)", a.describe(WellKnownSids.BUILTIN_ADMINISTRATORS));
        assertEquals("alice (uid 1000, S-1-5-21-10-20-30-3000)", a.describe(M.child(3000)));
        assertEquals("group dcom4j-admins (gid 990, S-1-5-21-10-20-30-2981)", a.describe(M.child(2981)));
        assertEquals("uid 7 (no such user, S-1-5-21-10-20-30-1014)", a.describe(M.child(1014)));
        assertEquals("this machine's domain (S-1-5-21-10-20-30)", a.describe(M));
        assertEquals("S-1-5-21-9-9-9-1000", a.describe(Sid.parse("S-1-5-21-9-9-9-1000")));
        assertEquals("S-1-5-21-10-20-30-500", a.describe(M.child(500)));
    }

    @Test
    void theCurrentUserIsTheProcesssUid() {
        long[] proc = LocalAccounts.ProcessIds.fromProcStatus();
        assertArrayEquals(java.util.Arrays.copyOf(proc, 2), java.util.Arrays.copyOf(LocalAccounts.ProcessIds.current(), 2));
        Token t = accounts().currentUser();
        assertEquals(M.child(1000 + 2 * (int) proc[0]), t.user());
        assertEquals(proc[0] == 0, t.isAdministrator());
    }

    @Test
    void theSystemDirectoryFindsRoot() {
        LocalAccounts.Directory sys = LocalAccounts.Directory.system();
        assertEquals(0, sys.user("root").orElseThrow().uid());
        assertEquals("root", sys.user(0).orElseThrow().name());
        assertTrue(sys.user("no-such-user-dcom4j").isEmpty());
        assertTrue(sys.user("-s").isEmpty());
        assertEquals(0, sys.group("root").orElseThrow().gid());
    }
}
