package org.dcom4j.samples.calculator;

import org.dcom4j.config.Accounts;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.PingSettings;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.Distance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dcom4j.com.ComServer;
import org.dcom4j.com.scm.Dcom4jScm;

/**
 * The Calculator's local server, the {@code calculator-server} command the launcher runs: one
 * {@link ComServer} serving {@link ICalculator#CLSID} on TCP (every interface) and ncalrpc, registered
 * with rpcss. Runs until SIGTERM (the shutdown hook revokes the registration) or until rpcss goes away
 * (its socket {@code RUNTIME/dcom4j-scm} disappears); the next activation then starts a new one.
 */
public final class CalculatorServer {
    private static final long WATCH_MILLIS = 2000;

    private CalculatorServer() {
    }

    /** Starts the server for {@code runtimeDir} (rpcss's runtime directory), without the machine's security (tests). */
    public static ComServer start(Path runtimeDir) throws IOException {
        return builder(runtimeDir).start();
    }

    private static ComServer.Builder builder(Path runtimeDir) throws IOException {
        return ComServer.builder()
                .register(ICalculator.CLSID, Calculator::new)
                .tcp(InetAddress.getByName("0.0.0.0"))
                .ncalrpc(runtimeDir)
                .registerWithRpcss(runtimeDir);
    }

    /**
     * Starts the server with the machine's security from the config store in {@code stateDir}, as a
     * Windows server gets it from LSA and the registry: NTLM logons against the local accounts, ncalrpc
     * callers named by their Unix user, and every call checked against the AppID's AccessPermission
     * (else DefaultAccessPermission) within the machine-wide limits — the DCOM decision of
     * {@link DcomAccessPolicy}, logged as CallFailureLoggingLevel says.
     */
    public static ComServer start(Path runtimeDir, Path stateDir) throws IOException {
        Registry registry = Registry.open(stateDir);
        LocalAccounts local = LocalAccounts.open(registry);
        ComApplication app = DcomConfig.application(registry, ICalculator.APPID, local)
                .orElse(new ComApplication(ICalculator.APPID, CalculatorIds.NAME, null, null, null, null));
        PingSettings ping = PingSettings.load(registry); // the same as rpcss's: both sides of the ping agree
        return builder(runtimeDir)
                .rpcSecurity(RpcSecurity.defaults().withAccounts(Accounts.forService(registry).ntlmAccounts()))
                .callerTokens((distance, peer) -> distance == Distance.LOCAL && peer != null && peer.uid() >= 0
                        ? local.tokenForUid(peer.uid()) : CallerTokens.anonymous(distance))
                .accessPolicy(new DcomAccessPolicy(DcomConfig.load(registry), registry.eventLog()), app)
                .pingTimeout(ping.period(), ping.missedPings())
                .start();
    }

    /** Serves until SIGTERM or until rpcss's socket disappears; then closes. */
    public static void run(Path runtimeDir, Path stateDir) throws IOException, InterruptedException {
        ComServer server = stateDir != null ? start(runtimeDir, stateDir) : start(runtimeDir);
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                server.close();
            }
        };
        Thread hook = new Thread(() -> {
            stop.countDown();
            close.run();
        }, "calculator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("calculator-server: " + CalculatorIds.PROGID + " {" + ICalculator.CLSID + "} served, OXID "
                + Long.toUnsignedString(server.oxid(), 16) + ", bindings " + server.bindings());
        Path scm = runtimeDir.resolve(Dcom4jScm.NCALRPC_ENDPOINT);
        while (!stop.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
            if (!Files.exists(scm)) {
                System.err.println("calculator-server: rpcss is gone (" + scm + " disappeared): stopping");
                break;
            }
        }
        close.run();
    }

    /** {@code CalculatorServer [RUNTIME_DIR]}: the directory defaults to {@code $DCOM4J_RUNTIME}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String dir = args.length > 0 ? args[0] : System.getenv("DCOM4J_RUNTIME");
        if (dir == null || dir.isBlank()) {
            System.err.println("calculator-server: no runtime directory: give it or set DCOM4J_RUNTIME");
            System.exit(2);
        }
        String state = System.getenv("DCOM4J_STATE");
        run(Path.of(dir), state == null || state.isBlank() ? null : Path.of(state));
        System.exit(0);
    }
}
