package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryAccessTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"HKLM\\SOFTWARE\\Microsoft\\Ole", "HKLM\\SOFTWARE\\Classes\\AppID",
        "HKLM\\SOFTWARE\\Classes\\CLSID", "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM"})
    void refusesEveryWriteByANonAdministrator(String key) {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, key + "\\{Existing}", RegValue.dword("v", 1));
            r.set(Tokens.ADMIN, key, RegValue.dword("v", 1));
            for (Token t : new Token[] {Tokens.ALICE, Tokens.DCOM_USER}) {
                denied(() -> r.set(t, key, RegValue.dword("v", 2)), "KEY_SET_VALUE", key);
                denied(() -> r.set(t, key + "\\{New}", RegValue.dword("v", 2)), "KEY_CREATE_SUB_KEY", key);
                denied(() -> r.createKey(t, key + "\\{New}\\Deeper"), "KEY_CREATE_SUB_KEY", key);
                denied(() -> r.deleteValue(t, key, "v"), "KEY_SET_VALUE", key);
                denied(() -> r.deleteKey(t, key + "\\{Existing}"), "DELETE", key + "\\{Existing}");
                denied(() -> r.setKeySecurity(t, key, SecurityDescriptor.fromSddl("D:(A;;KA;;;WD)")), "WRITE_DAC", key);
            }
            assertEquals(1, r.get(key, "v").orElseThrow().asInt());
            assertFalse(r.exists(key + "\\{New}"));
            assertTrue(r.exists(key + "\\{Existing}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HKLM\\SOFTWARE\\Microsoft\\Ole", "HKLM\\SOFTWARE\\Classes\\AppID",
        "HKLM\\SOFTWARE\\Classes\\CLSID"})
    void allowsAnAdministratorEveryWrite(String key) {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, key, RegValue.dword("v", 1));
            r.set(Tokens.ADMIN, key + "\\{New}\\Deeper", RegValue.dword("v", 2));
            assertTrue(r.deleteValue(Tokens.ADMIN, key, "v"));
            assertTrue(r.deleteKey(Tokens.ADMIN, key + "\\{New}"));
            r.setKeySecurity(Tokens.ADMIN, key, r.keySecurity(key));
        }
    }

    @Test
    void theRefusalNamesKeyRightUserAndReason() {
        try (Registry r = Registry.open(dir)) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> r.set(Tokens.ALICE, "hklm\\software\\microsoft\\ole", RegValue.sz("EnableDCOM", "N")));
            assertEquals("access denied: KEY_SET_VALUE on HKLM\\SOFTWARE\\Microsoft\\Ole for alice ("
                    + Tokens.ALICE.user() + "): no ACE grants it", e.getMessage());
            assertEquals("HKLM\\SOFTWARE\\Microsoft\\Ole", e.key());
            assertEquals("KEY_SET_VALUE", e.right());
            assertEquals(Tokens.ALICE.user(), e.user());
        }
    }

    @Test
    void aDenyAceIsNamedInTheRefusal() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Denied";
            r.createKey(Tokens.ADMIN, k);
            r.setKeySecurity(Tokens.ADMIN, k, SecurityDescriptor.fromSddl("D:P(D;;KA;;;BU)(A;;KA;;;BA)"));
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> r.set(Tokens.ADMIN, k, RegValue.dword("v", 1)));
            assertTrue(e.getMessage().endsWith(": denied by ACE #1 (D;;KA;;;BU)"), e.getMessage());
        }
    }

    @Test
    void deletingATreeNeedsDeleteOnEveryKeyInIt() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Tree";
            r.createKey(Tokens.ADMIN, k + "\\Locked");
            r.setKeySecurity(Tokens.ADMIN, k + "\\Locked", SecurityDescriptor.fromSddl("D:P(A;;KR;;;BA)"));
            denied(() -> r.deleteKey(Tokens.ADMIN, k), "DELETE", k + "\\Locked");
            assertTrue(r.exists(k + "\\Locked"));
        }
    }

    @Test
    void onlyAnAdministratorMayGiveOwnershipAway() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Mine";
            r.createKey(Tokens.ADMIN, k);
            String alice = Tokens.ALICE.user().toString();
            r.setKeySecurity(Tokens.ADMIN, k, SecurityDescriptor.fromSddl("O:" + alice + "D:P(A;;KA;;;" + alice + ")"));
            assertEquals("O:" + alice + "G:SYD:P(A;;KA;;;" + alice + ")", r.keySecurity(k).toSddl());
            denied(() -> r.setKeySecurity(Tokens.ALICE, k, SecurityDescriptor.fromSddl("O:SY")), "WRITE_OWNER", k);
            denied(() -> r.setKeySecurity(Tokens.ALICE, k, SecurityDescriptor.fromSddl("S:(AU;SA;KA;;;WD)")),
                    "ACCESS_SYSTEM_SECURITY", k);
            r.set(Tokens.ALICE, k, RegValue.dword("v", 1));
        }
    }

    private static void denied(org.junit.jupiter.api.function.Executable op, String right, String key) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, op);
        assertEquals(right, e.right(), e.getMessage());
        assertTrue(e.key().equalsIgnoreCase(key), e.getMessage());
    }
}
