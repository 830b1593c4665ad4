package org.dcom4j.rpcss.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.config.Registry;
import org.dcom4j.samples.calculator.ICalculator;

/**
 * A Calculator local server for the launcher to start ({@link ProcessFaultsEndToEndTest}): the
 * {@link E2eFixture} server (store accounts, the Call permission) whose {@code Add(STALL, b)} prints
 * {@value #ENTERED} to its log and never returns — a call that is executing in the server when the
 * test kills it. Takes its directories from the launcher's {@code DCOM4J_RUNTIME} and
 * {@code DCOM4J_STATE} (the fixture's {@code run} and {@code state}, siblings); exits when rpcss's
 * socket disappears, so a failed test leaves no server behind for long.
 */
public final class StallingCalculatorServerMain {
    /** The first argument of Add that makes it stall. */
    static final int STALL = 999;
    /** Printed (and flushed) when a stalling Add has started executing. */
    static final String ENTERED = "STALLING-CALL-ENTERED";

    private StallingCalculatorServerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path run = Path.of(System.getenv("DCOM4J_RUNTIME"));
        Path state = Path.of(System.getenv("DCOM4J_STATE"));
        E2eFixture f = new E2eFixture(state.getParent());
        if (!f.run().equals(run)) {
            System.err.println("stalling-server: runtime " + run + " is not the fixture's " + f.run());
            System.exit(2);
        }
        CountDownLatch never = new CountDownLatch(1);
        ICalculator calc = E2eFixture.calculator((a, b) -> {
            if (a == STALL) {
                System.out.println(ENTERED);
                System.out.flush();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return a + b;
        });
        try (Registry reg = Registry.open(state);
             ComServer srv = f.serverBuilder(reg).register(ICalculator.CLSID, () -> calc).registerWithRpcss(run).start()) {
            System.out.println("stalling-server: pid " + ProcessHandle.current().pid() + ", bindings " + srv.bindings());
            Path scm = run.resolve(Dcom4jScm.NCALRPC_ENDPOINT);
            while (Files.exists(scm)) {
                Thread.sleep(500); // polls for rpcss going away, as CalculatorServer does
            }
        }
        System.exit(0);
    }
}
