package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dcom4j.config.ComClasses.ComClass;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComClassesTest {
    static final Token ADMIN = Token.of("admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final Token USER = Token.of("user", Sid.parse("S-1-5-21-1-2-3-1001"), List.of(WellKnownSids.EVERYONE));
    static final UUID CLSID = UUID.fromString("dfd9fd6b-7834-44cc-9311-760a14f0d774");
    static final UUID APPID = UUID.fromString("c0795241-7fc0-420f-85f1-4cabb2fa1ea5");

    @TempDir
    Path dir;

    @Test
    void registersFindsListsResolvesAndUnregistersAClass() {
        try (Registry r = Registry.open(dir)) {
            ComClass c = new ComClass(CLSID, "Dcom4j Calculator", Optional.of(APPID), Optional.of("/opt/calc --serve"),
                    Optional.of("Dcom4j.Calculator"));
            ComClasses.register(r, ADMIN, c);
            assertEquals(Optional.of(c), ComClasses.find(r, CLSID));
            assertTrue(r.exists("HKLM\\SOFTWARE\\Classes\\CLSID\\{DFD9FD6B-7834-44CC-9311-760A14F0D774}\\LocalServer32"));
            assertEquals(Optional.of(CLSID), ComClasses.resolve(r, "Dcom4j.Calculator"));
            assertEquals(Optional.of(CLSID), ComClasses.resolve(r, "{dfd9fd6b-7834-44cc-9311-760a14f0d774}"));
            assertEquals(Optional.empty(), ComClasses.resolve(r, "No.Such.Class"));
            assertEquals(List.of(c), ComClasses.list(r));
            ComClasses.setRunAs(r, ADMIN, APPID, "nobody");
            assertEquals(Optional.of("nobody"), ComClasses.runAs(r, APPID));
            assertTrue(ComClasses.unregister(r, ADMIN, CLSID));
            assertFalse(ComClasses.unregister(r, ADMIN, CLSID));
            assertEquals(Optional.empty(), ComClasses.resolve(r, "Dcom4j.Calculator"));
        }
    }

    @Test
    void onlyAdministratorsRegisterAndBadProgIdsAreRefused() {
        try (Registry r = Registry.open(dir)) {
            ComClass c = new ComClass(CLSID, "x", Optional.empty(), Optional.empty(), Optional.empty());
            assertThrows(AccessDeniedException.class, () -> ComClasses.register(r, USER, c));
            assertThrows(IllegalArgumentException.class,
                    () -> new ComClass(CLSID, "x", Optional.empty(), Optional.empty(), Optional.of("1bad\\..\\key")));
        }
    }
}
