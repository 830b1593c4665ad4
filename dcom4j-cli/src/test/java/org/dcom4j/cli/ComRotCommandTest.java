package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.IUnknown;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcom4j com rot}: the running object table entries visible to this user, one per line; exit 4 without rpcss. */
class ComRotCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsTheVisibleEntriesOnePerLine() throws Exception {
        Path state = dir.resolve("state");
        Path run = dir.resolve("run");
        try (Registry reg = Registry.open(state)) {
            Token admin = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
            DcomConfig.init(reg, admin, DcomProfile.DEFAULT);
        }
        try (Rpcss rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, run));
             ComServer srv = ComServer.builder().register(UUID.randomUUID(), () -> new IUnknown() { })
                     .ncalrpc(run).registerWithRpcss(run).start()) {
            Cli.Result empty = Cli.exec("com", "rot", "--runtime", run.toString());
            assertEquals(0, empty.code(), empty::toString);
            assertEquals("", empty.out(), empty::toString);
            int cookie = srv.registerRunning("!first", new IUnknown() { }, IUnknown.class, false);
            srv.registerRunning("clsid:{00000000-0000-0000-0000-000000000001}", new IUnknown() { }, IUnknown.class, false);
            Cli.Result r = Cli.exec("com", "rot", "--runtime", run.toString());
            assertEquals(0, r.code(), r::toString);
            assertEquals(List.of("!first", "clsid:{00000000-0000-0000-0000-000000000001}"), r.outLines(), r::toString);
            srv.revokeRunning(cookie);
            assertEquals(List.of("clsid:{00000000-0000-0000-0000-000000000001}"),
                    Cli.exec("com", "rot", "--runtime", run.toString()).outLines());
        }
    }

    @Test
    void withoutRpcssExitsFour() {
        Cli.Result r = Cli.exec("com", "rot", "--runtime", dir.resolve("nothing-here").toString());
        assertEquals(ExitCodes.ENVIRONMENT, r.code(), r::toString);
        assertTrue(r.err().contains("is the daemon running"), r::toString);
    }
}
