package org.dcom4j.rpcss.dcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.scm.Dcom4jScm.RotRegisterRequest;
import org.dcom4j.com.scm.Dcom4jScm.RotRegisterResponse;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running object table's rules in rpcss, decided for callers of several uids (the end-to-end tests run
 * as one uid): who may register, who sees an entry (its uid; with ALLOWANYCLIENT, whom the AppID's
 * AccessPermission admits locally), names, duplicates, limits, and entries ending with their server.
 */
class RunningObjectTableTest {
    static final UUID CLSID = UUID.fromString("6a1d1f7e-0b7c-4d2a-9a11-5c0de4a0c2b6");
    static final UUID APPID = UUID.fromString("6a1d1f7e-0b7c-4d2a-9a11-5c0de4a0a2b7");
    static final UUID ZERO = new UUID(0, 0);
    static final int SERVER_UID = 1000;
    static final int DAVE_UID = 1001;
    static final int ERIN_UID = 1002;
    static final DualStringArray NO_BINDINGS = new DualStringArray(List.of(), List.of());

    @TempDir
    Path dir;
    Registry reg;
    ServerRegistry servers;
    RunningObjectTable rot;
    ScmHandler scm;
    Token serverUser;
    Token dave;
    Token erin;

    @BeforeEach
    void setUp() {
        reg = Registry.open(dir.resolve("state"));
        Token admin = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
        DcomConfig.init(reg, admin, DcomProfile.WS2003SP1);
        Sid daveSid;
        try (Accounts a = Accounts.open(reg, admin)) {
            a.addUser("dave", "Passw0rd!".toCharArray());
            a.addUser("erin", "Passw0rd!".toCharArray());
            daveSid = a.find("dave").orElseThrow().sid();
        }
        ComClasses.register(reg, admin, new ComClasses.ComClass(CLSID, "Rot", Optional.of(APPID), Optional.empty(), Optional.empty()));
        // AccessPermission: dave (and the server's own account) may call, erin may not
        DcomConfig.registerApplication(reg, admin, APPID, "Rot", null, "O:BAG:BAD:(A;;CCDCLC;;;" + daveSid + ")(A;;CCDCLC;;;BA)");
        List<Sid> groups = List.of(WellKnownSids.EVERYONE, WellKnownSids.INTERACTIVE, WellKnownSids.AUTHENTICATED_USERS,
                WellKnownSids.BUILTIN_USERS);
        serverUser = Token.of("srv", Sid.parse("S-1-5-21-9-9-9-1000"), groups);
        dave = Token.of("dave", daveSid, groups);
        erin = Token.of("erin", Sid.parse("S-1-5-21-9-9-9-1002"), groups);
        servers = new ServerRegistry();
        rot = new RunningObjectTable();
        servers.onRemove(rot::removeServer);
        scm = new ScmHandler(servers, null, reg, LocalAccounts.open(reg), rot, new ActivationPolicy(reg, reg.eventLog(), 0));
    }

    @AfterEach
    void tearDown() {
        reg.close();
    }

    private ServerRegistry.Registration server(int uid, long oxid) throws Exception {
        return servers.register(uid, 42, "dcom4j-srv-" + oxid, oxid, UUID.randomUUID(), NO_BINDINGS, List.of(CLSID));
    }

    private static MInterfacePointer objref(long oxid) {
        return MInterfacePointer.of(ObjRefCodec.encode(new ObjRef.Standard(Iids.IID_IUnknown,
                new StdObjRef(0, 5, oxid, oxid << 8, UUID.randomUUID()), NO_BINDINGS)));
    }

    private RotRegisterResponse register(int uid, String name, long oxid, int flags, UUID appId) {
        return scm.rotRegister(uid, new RotRegisterRequest(name, objref(oxid), flags, appId));
    }

    private int get(int uid, Token token, String name) {
        return scm.rotGetObject(uid, token, name).hresult();
    }

    @Test
    void anEntryIsVisibleToItsUidOnlyWithoutAllowAnyClient() throws Exception {
        server(SERVER_UID, 7);
        RotRegisterResponse r = register(SERVER_UID, "!calc", 7, Dcom4jScm.ROTFLAGS_REGISTRATIONKEEPSALIVE, ZERO);
        assertEquals(Hresult.S_OK, r.hresult());
        assertTrue(r.cookie() != 0);
        assertEquals(Hresult.S_OK, get(SERVER_UID, serverUser, "!calc"));
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(DAVE_UID, dave, "!calc"), "another uid, even one the AppID admits");
        assertNull(scm.rotGetObject(DAVE_UID, dave, "!calc").objref());
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(DAVE_UID, dave, "!missing"), "the same answer as for a missing name");
        assertEquals(List.of("!calc"), scm.rotEnum(SERVER_UID, serverUser).displayNames());
        assertEquals(List.of(), scm.rotEnum(DAVE_UID, dave).displayNames());
    }

    @Test
    void allowAnyClientShowsTheEntryToWhomTheAppIdsAccessPermissionAdmits() throws Exception {
        server(SERVER_UID, 7);
        assertEquals(Hresult.S_OK, register(SERVER_UID, "shared", 7, 3, ZERO).hresult(), "the server's one AppID");
        assertEquals(Hresult.S_OK, get(DAVE_UID, dave, "shared"));
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(ERIN_UID, erin, "shared"));
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(ERIN_UID, null, "shared"), "no token: denied");
        assertEquals(List.of("shared"), scm.rotEnum(DAVE_UID, dave).displayNames());
        assertEquals(List.of(), scm.rotEnum(ERIN_UID, erin).displayNames());
    }

    @Test
    void allowAnyClientNeedsAnAppIdOfTheServersClasses() throws Exception {
        server(SERVER_UID, 7);
        assertEquals(Hresult.CO_E_WRONG_SERVER_IDENTITY, register(SERVER_UID, "x", 7, 3, UUID.randomUUID()).hresult());
        assertEquals(Hresult.S_OK, register(SERVER_UID, "x", 7, 3, APPID).hresult());
    }

    @Test
    void onlyARegisteredServerRegistersAndOnlyObjectsOfItsOwnOxid() throws Exception {
        server(SERVER_UID, 7);
        server(DAVE_UID, 8);
        RotRegisterResponse r = register(ERIN_UID, "n", 7, 1, ZERO);
        assertEquals(Hresult.CO_E_WRONG_SERVER_IDENTITY, r.hresult(), "no server of this uid");
        assertEquals(0, r.cookie());
        assertEquals(Hresult.CO_E_WRONG_SERVER_IDENTITY, register(DAVE_UID, "n", 7, 1, ZERO).hresult(), "another server's OXID");
        assertEquals(Hresult.CO_E_WRONG_SERVER_IDENTITY, scm.rotRegister(SERVER_UID,
                new RotRegisterRequest("n", MInterfacePointer.of(new byte[] {1, 2, 3}), 1, ZERO)).hresult(), "not an OBJREF");
        assertEquals(Hresult.E_INVALIDARG, register(SERVER_UID, "n", 7, 0x4, ZERO).hresult(), "unknown flag");
        assertEquals(0, rot.size());
    }

    @Test
    void badNamesAreRefused() throws Exception {
        server(SERVER_UID, 7);
        for (String bad : new String[] {"", "a\nb", "tab\there", "nul\0", "x".repeat(Dcom4jScm.MAX_DISPLAY_NAME + 1)}) {
            assertEquals(Hresult.E_INVALIDARG, register(SERVER_UID, bad, 7, 1, ZERO).hresult(), bad);
            assertEquals(Hresult.E_INVALIDARG, get(SERVER_UID, serverUser, bad), bad);
        }
        assertEquals(Hresult.S_OK, register(SERVER_UID, "x".repeat(Dcom4jScm.MAX_DISPLAY_NAME), 7, 1, ZERO).hresult());
        assertEquals(Hresult.S_OK, register(SERVER_UID, "clsid:{0000}!Ünïcode ☃", 7, 1, ZERO).hresult());
    }

    @Test
    void aDuplicateIsASecondEntryReportedOnlyAgainstTheSameUid() throws Exception {
        server(SERVER_UID, 7);
        server(DAVE_UID, 8);
        RotRegisterResponse first = register(SERVER_UID, "dup", 7, 1, ZERO);
        RotRegisterResponse second = register(SERVER_UID, "dup", 7, 1, ZERO);
        assertEquals(Hresult.S_OK, first.hresult());
        assertEquals(Hresult.MK_S_MONIKERALREADYREGISTERED, second.hresult());
        assertTrue(second.cookie() != first.cookie());
        assertEquals(Hresult.S_OK, register(DAVE_UID, "dup", 8, 1, ZERO).hresult(), "another uid's entry is not revealed");
        assertEquals(List.of("dup"), scm.rotEnum(SERVER_UID, serverUser).displayNames(), "names listed once");
        // each registration needs its own revoke
        assertEquals(Hresult.S_OK, scm.rotRevoke(SERVER_UID, first.cookie()));
        assertEquals(Hresult.S_OK, get(SERVER_UID, serverUser, "dup"));
        assertEquals(Hresult.S_OK, scm.rotRevoke(SERVER_UID, second.cookie()));
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(SERVER_UID, serverUser, "dup"));
    }

    @Test
    void aCallerPrefersItsOwnUidsEntryToAnotherUsersSharedOne() throws Exception {
        server(DAVE_UID, 8);
        server(SERVER_UID, 7);
        register(SERVER_UID, "name", 7, 3, ZERO); // shared, older
        RotRegisterResponse own = register(DAVE_UID, "name", 8, 1, ZERO);
        MInterfacePointer got = scm.rotGetObject(DAVE_UID, dave, "name").objref();
        assertEquals(own.cookie(), rot.lookup("name", DAVE_UID, e -> true).orElseThrow().cookie());
        assertEquals(8, ((ObjRef.Standard) ObjRefCodec.decode(got.abData())).std().oxid());
    }

    @Test
    void revokeIsForTheRegisteringUid() throws Exception {
        server(SERVER_UID, 7);
        int cookie = register(SERVER_UID, "r", 7, 1, ZERO).cookie();
        assertEquals(Hresult.E_INVALIDARG, scm.rotRevoke(DAVE_UID, cookie));
        assertEquals(Hresult.S_OK, get(SERVER_UID, serverUser, "r"));
        assertEquals(Hresult.S_OK, scm.rotRevoke(SERVER_UID, cookie));
        assertEquals(Hresult.E_INVALIDARG, scm.rotRevoke(SERVER_UID, cookie));
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(SERVER_UID, serverUser, "r"));
    }

    @Test
    void entriesEndWithTheirServersRegistration() throws Exception {
        ServerRegistry.Registration s = server(SERVER_UID, 7);
        server(SERVER_UID, 9);
        register(SERVER_UID, "a", 7, 1, ZERO);
        register(SERVER_UID, "b", 9, 1, ZERO);
        servers.remove(s.id());
        assertEquals(Hresult.MK_E_UNAVAILABLE, get(SERVER_UID, serverUser, "a"));
        assertEquals(Hresult.S_OK, get(SERVER_UID, serverUser, "b"));
        assertEquals(1, rot.size());
    }

    @Test
    void limitsPerServerAndInAll() throws Exception {
        int servers = Dcom4jScm.MAX_ROT_ENTRIES / Dcom4jScm.MAX_ROT_ENTRIES_PER_SERVER;
        for (int s = 0; s < servers; s++) {
            server(SERVER_UID, 100 + s);
            for (int i = 0; i < Dcom4jScm.MAX_ROT_ENTRIES_PER_SERVER; i++) {
                assertEquals(Hresult.S_OK, register(SERVER_UID, "e" + s + "-" + i, 100 + s, 1, ZERO).hresult());
            }
            assertEquals(Hresult.E_OUTOFMEMORY, register(SERVER_UID, "over" + s, 100 + s, 1, ZERO).hresult(), "per server");
        }
        server(SERVER_UID, 999);
        assertEquals(Hresult.E_OUTOFMEMORY, register(SERVER_UID, "one-more", 999, 1, ZERO).hresult(), "in all");
        assertEquals(Dcom4jScm.MAX_ROT_ENTRIES, scm.rotEnum(SERVER_UID, serverUser).count());
        assertEquals(Hresult.S_OK, scm.rotEnum(SERVER_UID, serverUser).hresult());
    }

    @Test
    void rotEnumStopsAtItsCharacterBound() throws Exception {
        server(SERVER_UID, 7);
        server(SERVER_UID, 8);
        int each = Dcom4jScm.MAX_DISPLAY_NAME;
        int fit = Dcom4jScm.MAX_ROT_ENUM_CHARS / each;
        for (int i = 0; i < fit + 1; i++) {
            String name = String.format("%04d", i) + "x".repeat(each - 4);
            assertEquals(Hresult.S_OK, register(SERVER_UID, name, i < 256 ? 7 : 8, 1, ZERO).hresult());
        }
        Dcom4jScm.RotEnumResponse r = scm.rotEnum(SERVER_UID, serverUser);
        assertEquals(Hresult.S_FALSE, r.hresult());
        assertEquals(fit, r.count());
        assertEquals(fit, r.displayNames().size());
    }
}
