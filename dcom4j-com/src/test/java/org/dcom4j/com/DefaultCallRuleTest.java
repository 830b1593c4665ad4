package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dcom4j.ntlm.NtHash;
import org.dcom4j.ntlm.NtlmAccount;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.ntlm.NtlmServerConfig;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without initializeSecurity or a policy: this process's own user (ncalrpc) and administrators only. */
class DefaultCallRuleTest {
    @TempDir
    Path dir;

    static RpcSecurity accounts(Token bob, Token admin) {
        byte[] hash = NtHash.of("pw".toCharArray());
        return RpcSecurity.defaults()
                .withNtlm(new NtlmServerConfig("DCOM4JTEST", "WORKGROUP", "dcom4jtest", "", Clock.systemUTC()))
                .withAccounts((domain, user) -> switch (user.toLowerCase(Locale.ROOT)) {
                    case "bob" -> Optional.of(new NtlmAccount("bob", hash, bob));
                    case "admin" -> Optional.of(new NtlmAccount("admin", hash, admin));
                    default -> Optional.empty();
                });
    }

    @Test
    void servesTheOwnUserLocallyAndAdministratorsRemotelyAndNobodyElse() throws Exception {
        Token bob = Token.of("T\\bob", Sid.of(5, 21, 9, 9, 9, 1001), List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS));
        Token admin = Token.of("T\\admin", Sid.of(5, 21, 9, 9, 9, 500), List.of(WellKnownSids.EVERYONE, WellKnownSids.BUILTIN_ADMINISTRATORS));
        try (ComServer server = ComServer.builder().rpcSecurity(accounts(bob, admin)).tcp(InetAddress.getLoopbackAddress()).ncalrpc(dir).start()) {
            Calculator calc = new Calculator(); // each client's close() releases the references it got
            try (ComClient local = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(dir))) {
                assertEquals(3, local.unmarshal(server.export(calc, ICalculator.class), ICalculator.class).add(1, 2), "the server's own uid over ncalrpc");
            }
            try (ComClient remote = new ComClient(ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "bob", "pw".toCharArray())),
                    RpcClientConfig.defaults())) {
                ICalculator c = remote.unmarshal(server.export(calc, ICalculator.class), ICalculator.class);
                assertEquals(Hresult.E_ACCESSDENIED, assertThrows(ComException.class, () -> c.add(1, 2)).hresult());
            }
            try (ComClient remote = new ComClient(ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "admin", "pw".toCharArray())),
                    RpcClientConfig.defaults())) {
                assertEquals(3, remote.unmarshal(server.export(calc, ICalculator.class), ICalculator.class).add(1, 2));
            }
        }
    }
}
