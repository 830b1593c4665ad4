package org.dcom4j.rpcss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.samples.Dcom4jEcho;
import org.dcom4j.samples.AddRequest;
import org.dcom4j.samples.AddResponse;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpcss with the accounts store and the registry's authentication policy, end to end over TCP. */
class RpcssAuthenticationTest {
    static final Token ADMIN = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final String ECHO_KEY = RpcssSecurity.INTERFACES_KEY + "\\{" + Dcom4jEcho.INTERFACE_ID.uuid() + "}";

    @TempDir
    Path dir;

    @BeforeEach
    void initStore() {
        try (Registry reg = Registry.open(state())) {
            DcomConfig.init(reg, ADMIN, DcomProfile.DEFAULT);
            try (Accounts accounts = Accounts.open(reg, ADMIN)) {
                accounts.addUser("dave", "Passw0rd!".toCharArray());
            }
        }
    }

    private Path state() {
        return dir.resolve("state");
    }

    private void set(String key, RegValue value) {
        try (Registry reg = Registry.open(state())) {
            reg.set(ADMIN, key, value);
        }
    }

    private Rpcss start() {
        return Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state(), dir.resolve("run")));
    }

    private static int add(Rpcss rpcss, ClientAuth auth) throws Exception {
        RpcClient client = new RpcClient(RpcClientConfig.defaults());
        try (RpcBinding b = client.bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.echoPort() + "]", Dcom4jEcho.INTERFACE_ID, auth)) {
            return b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(2, 3), AddResponse.class).sum();
        }
    }

    static ClientAuth dave(int level, String password) {
        return ClientAuth.ntlm(level, NtlmCredentials.of("", "dave", password.toCharArray()));
    }

    @Test
    void anAccountMadeWithTheStoreCallsTheSampleAtIntegrityAndPrivacy() throws Exception {
        try (Rpcss rpcss = start()) {
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_INTEGRITY, "Passw0rd!")));
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Passw0rd!")));
            RpcCallException e = assertThrows(RpcCallException.class, () -> add(rpcss, dave(AuthLevel.PKT_PRIVACY, "nope")));
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, e.status());
        }
    }

    @Test
    void accountChangesTakeEffectInTheRunningDaemon() throws Exception {
        try (Rpcss rpcss = start()) {
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Passw0rd!")));
            try (Registry reg = Registry.open(state()); Accounts accounts = Accounts.open(reg, ADMIN)) {
                accounts.setPassword("dave", "Changed1!".toCharArray());
                accounts.addUser("erin", "Erin-pw1".toCharArray());
            }
            assertThrows(RpcCallException.class, () -> add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Passw0rd!")));
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Changed1!")));
            assertEquals(5, add(rpcss, ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "erin", "Erin-pw1".toCharArray()))));
            try (Registry reg = Registry.open(state()); Accounts accounts = Accounts.open(reg, ADMIN)) {
                accounts.deleteUser("dave");
            }
            assertThrows(RpcCallException.class, () -> add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Changed1!")));
        }
    }

    @Test
    void aNetworkLogonGetsItsGroupsEveryoneAuthenticatedUsersAndNetworkButNotLocal() throws Exception {
        try (Registry reg = Registry.open(state())) {
            try (Accounts accounts = Accounts.open(reg, ADMIN)) {
                accounts.addMember("Distributed COM Users", "dave");
            }
            RpcSecurity security = RpcssSecurity.build(reg);
            NtlmAccount a = security.accounts().find("", "DAVE").orElseThrow();
            Token t = a.token();
            for (Sid sid : List.of(WellKnownSids.DISTRIBUTED_COM_USERS, WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS,
                    WellKnownSids.NETWORK)) {
                assertTrue(t.contains(sid), sid + " in " + t);
            }
            assertFalse(t.contains(WellKnownSids.LOCAL), t.toString());
            assertFalse(t.contains(WellKnownSids.INTERACTIVE), t.toString());
            assertTrue(security.accounts().find("", "nobody-here").isEmpty());
        }
    }

    @Test
    void theSampleAcceptsAnonymousCallersUntilAnAdministratorWithdrawsIt() throws Exception {
        try (Rpcss rpcss = start()) {
            assertEquals(5, add(rpcss, ClientAuth.NONE));
        }
        set(ECHO_KEY, RegValue.dword(RpcssSecurity.ALLOW_ANONYMOUS, 0));
        try (Rpcss rpcss = start()) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> add(rpcss, ClientAuth.NONE));
            assertEquals(FaultStatus.RPC_S_ACCESS_DENIED, e.status());
            assertThrows(RpcCallException.class, () -> add(rpcss, ClientAuth.ntlm(AuthLevel.PKT_PRIVACY, NtlmCredentials.anonymous())));
            // authenticated callers only now: the machine-wide minimum (integrity by default) applies
            assertThrows(RpcCallException.class, () -> add(rpcss, dave(AuthLevel.CONNECT, "Passw0rd!")));
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_INTEGRITY, "Passw0rd!")));
        }
    }

    @Test
    void theMachineWideMinimumLevelRefusesLowerLevels() throws Exception {
        set(ECHO_KEY, RegValue.dword(RpcssSecurity.ALLOW_ANONYMOUS, 0));
        set(RpcssSecurity.RPC_KEY, RegValue.dword(RpcssSecurity.MINIMUM_LEVEL, AuthLevel.PKT_PRIVACY));
        try (Rpcss rpcss = start()) {
            assertThrows(RpcCallException.class, () -> add(rpcss, dave(AuthLevel.PKT_INTEGRITY, "Passw0rd!")));
            assertEquals(5, add(rpcss, dave(AuthLevel.PKT_PRIVACY, "Passw0rd!")));
        }
        set(RpcssSecurity.RPC_KEY, RegValue.dword(RpcssSecurity.MINIMUM_LEVEL, AuthLevel.CONNECT)); // an administrator's explicit choice
        try (Rpcss rpcss = start()) {
            assertEquals(5, add(rpcss, dave(AuthLevel.CONNECT, "Passw0rd!")));
        }
    }

    @Test
    void thePolicyIsReReadWithoutARestartAndBadValuesAreIgnored() {
        try (Registry reg = Registry.open(state())) {
            RpcssSecurity.ConfigPolicy policy = new RpcssSecurity.ConfigPolicy(reg, 0);
            InterfaceSecurity declared = InterfaceSecurity.ANONYMOUS_ALLOWED;
            assertEquals(new InterfaceSecurity(AuthLevel.CONNECT, true), policy.effective(Dcom4jEcho.INTERFACE_ID, declared));
            reg.set(ADMIN, ECHO_KEY, RegValue.dword(RpcssSecurity.ALLOW_ANONYMOUS, 0));
            reg.set(ADMIN, ECHO_KEY, RegValue.dword(RpcssSecurity.MINIMUM_LEVEL, AuthLevel.PKT_PRIVACY));
            assertEquals(new InterfaceSecurity(AuthLevel.PKT_PRIVACY, false), policy.effective(Dcom4jEcho.INTERFACE_ID, declared));
            reg.set(ADMIN, RpcssSecurity.RPC_KEY, RegValue.dword(RpcssSecurity.MINIMUM_LEVEL, 9)); // out of range: ignored
            reg.set(ADMIN, ECHO_KEY, RegValue.sz(RpcssSecurity.MINIMUM_LEVEL, "six")); // wrong type: ignored
            // both ignored: the interface keeps its declared connect, raised by the default machine minimum (integrity)
            assertEquals(new InterfaceSecurity(AuthLevel.PKT_INTEGRITY, false), policy.effective(Dcom4jEcho.INTERFACE_ID, declared));
        }
    }
}
