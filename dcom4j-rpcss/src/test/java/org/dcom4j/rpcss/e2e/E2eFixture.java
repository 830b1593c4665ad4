package org.dcom4j.rpcss.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.IUnknown;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sddl;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * What the end-to-end tests share: a config store in a temp directory (a DCOM profile, the accounts
 * dave — in Distributed COM Users — and erin — not —, the Dcom4j.Calculator class and its AppID), an
 * rpcss on a dynamic port with short DCOM timeouts, and an in-process {@link ComServer} serving the
 * Calculator on TCP loopback and ncalrpc, registered with rpcss.
 *
 * <p>The ComServer authenticates NTLM callers against the same store (the lookup rpcss itself does,
 * {@code RpcssSecurity.build}, which is package-private, so it is repeated here) and checks calls with
 * CoInitializeSecurity: Authenticated Users and Administrators, at PKT_INTEGRITY or above.
 */
final class E2eFixture {
    static final Token ADMIN = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
    static final String PASSWORD = "Passw0rd!";
    static final String EVERYONE_ALL = "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)";
    /** The Call permission of the in-process server: Authenticated Users and Administrators, execute (local and remote). */
    static final String CALL_SDDL = "O:BAG:BAD:(A;;CCDCLC;;;AU)(A;;CCDCLC;;;BA)";

    final Path dir;

    E2eFixture(Path dir) {
        this.dir = dir;
    }

    Path state() {
        return dir.resolve("state");
    }

    Path run() {
        return dir.resolve("run");
    }

    /** The store: {@code profile}, dave (Distributed COM Users) and erin, the class, its AppID with {@code launchSddl} (null: the machine default). */
    void store(DcomProfile profile, String launchSddl) {
        try (Registry reg = Registry.open(state())) {
            DcomConfig.init(reg, ADMIN, profile);
            try (Accounts a = Accounts.open(reg, ADMIN)) {
                if (a.find("dave").isEmpty()) {
                    a.addUser("dave", PASSWORD.toCharArray());
                    a.addUser("erin", PASSWORD.toCharArray());
                    a.addMember("Distributed COM Users", "dave");
                }
            }
            ComClasses.register(reg, ADMIN, new ComClasses.ComClass(CalculatorIds.CLSID, CalculatorIds.NAME,
                    Optional.of(CalculatorIds.APPID), Optional.empty(), Optional.of(CalculatorIds.PROGID)));
            DcomConfig.registerApplication(reg, ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, launchSddl, null);
        }
    }

    void set(String key, RegValue v) {
        try (Registry reg = Registry.open(state())) {
            reg.set(ADMIN, key, v);
        }
    }

    void addToDcomUsers(String user) {
        try (Registry reg = Registry.open(state()); Accounts a = Accounts.open(reg, ADMIN)) {
            a.addMember("Distributed COM Users", user);
        }
    }

    Sid sidOf(String user) {
        try (Registry reg = Registry.open(state()); Accounts a = Accounts.open(reg, ADMIN)) {
            return a.find(user).orElseThrow().sid();
        }
    }

    static DcomOptions shortTimeouts() {
        return DcomOptions.defaults().withLaunchTimeout(Duration.ofMillis(500)).withPing(Duration.ofSeconds(2), 2)
                .withLivenessPeriod(Duration.ofMillis(300)).withPolicyRefresh(Duration.ZERO);
    }

    Rpcss startRpcss() {
        return startRpcss(shortTimeouts());
    }

    Rpcss startRpcss(DcomOptions dcom) {
        return Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state(), run(), dcom));
    }

    /** A ComServer builder like the Calculator's local server, with store authentication and the Call permission. */
    ComServer.Builder serverBuilder(Registry registry) {
        return ComServer.builder()
                .rpcSecurity(RpcSecurity.defaults().withAccounts(Accounts.forService(registry).ntlmAccounts()))
                .callerTokens(Rpcss.callerTokens(LocalAccounts.open(registry)))
                .initializeSecurity(Sddl.parse(CALL_SDDL), AuthLevel.PKT_INTEGRITY)
                .tcp(InetAddress.getLoopbackAddress())
                .ncalrpc(run());
    }

    /** The Calculator server, registered with rpcss. */
    ComServer startCalculator(Registry registry) throws IOException {
        return startCalculator(registry, Calculator::new);
    }

    ComServer startCalculator(Registry registry, Supplier<? extends IUnknown> factory) throws IOException {
        return serverBuilder(registry).register(CalculatorIds.CLSID, factory).registerWithRpcss(run()).start();
    }

    static NtlmCredentials creds(String user) {
        return NtlmCredentials.of("", user, PASSWORD.toCharArray());
    }

    static ClientAuth ntlm(String user, int level) {
        return ClientAuth.ntlm(level, creds(user));
    }

    static RpcClientConfig clientConfig() {
        return RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    /** A remote client: NTLM as {@code user} at {@code level}. */
    static ComClient remoteClient(String user, int level) {
        return new ComClient(ntlm(user, level), clientConfig());
    }

    /** A local client: ncalrpc in {@code run()}, the kernel names it. */
    ComClient localClient() {
        return new ComClient(ClientAuth.NONE, clientConfig().withRuntimeDir(run()));
    }

    /** ICalculator as a plain Java object (for the callback). */
    static ICalculator calculator(java.util.function.IntBinaryOperator op) {
        return new ICalculator() {
            @Override
            public int add(int a, int b) {
                return op.applyAsInt(a, b);
            }

            @Override
            public int callMeBack(ICalculator peer, int a, int b) throws org.dcom4j.com.ComException {
                return peer.add(a, b);
            }
        };
    }
}
