package org.dcom4j.samples.calculator;

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

    /** Starts the server for {@code runtimeDir} (rpcss's runtime directory). */
    public static ComServer start(Path runtimeDir) throws IOException {
        return ComServer.builder()
                .register(ICalculator.CLSID, Calculator::new)
                .tcp(InetAddress.getByName("0.0.0.0"))
                .ncalrpc(runtimeDir)
                .registerWithRpcss(runtimeDir)
                .start();
    }

    /** Serves until SIGTERM or until rpcss's socket disappears; then closes. */
    public static void run(Path runtimeDir) throws IOException, InterruptedException {
        ComServer server = start(runtimeDir);
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
        run(Path.of(dir));
        System.exit(0);
    }
}
