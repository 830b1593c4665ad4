package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.dcom4j.com.ComServer;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.CalculatorServer;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcom4j com call}: Dcom4j.Calculator (installed as {@code samples install} does, its server already
 * running) called late bound over ncalrpc with typed arguments; results printed with their VARIANT type.
 */
class ComCallCommandTest {
    @TempDir
    Path dir;
    private Rpcss rpcss;
    private ComServer server;
    private Path state;
    private Path run;

    @BeforeEach
    void start() throws Exception {
        state = dir.resolve("state");
        run = dir.resolve("run");
        try (Registry reg = Registry.open(state)) {
            Token admin = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
            DcomConfig.init(reg, admin, DcomProfile.DEFAULT);
            SamplesCommand.install(reg, admin, "/bin/false");
        }
        rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, run));
        server = CalculatorServer.start(run, state);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        rpcss.close();
    }

    private Cli.Result call(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("com", "call", "--runtime", run.toString(), "--state", state.toString()));
        all.addAll(List.of(args));
        return Cli.exec(all.toArray(String[]::new));
    }

    @Test
    void addsTypedArgumentsInTheWiderType() {
        Cli.Result r = call("Dcom4j.Calculator", "Add", "i:2", "d:0.5");
        assertEquals(0, r.code(), r::toString);
        assertEquals("VT_R8 2.5", r.out().strip(), r::toString);
        assertEquals("VT_I8 5", call("Dcom4j.Calculator", "add", "i8:2", "3").out().strip());
    }

    @Test
    void echoesAnArrayAndAString() {
        assertEquals("VT_BSTR \"hi there\"", call("Dcom4j.Calculator", "Echo", "s:hi there").out().strip());
        assertTrue(call("Dcom4j.Calculator", "Echo", "i4[]:1,2,3").out().startsWith("VT_ARRAY|VT_I4"));
    }

    @Test
    void getsAndPutsTheNameProperty() {
        assertEquals("VT_BSTR \"Dcom4j Calculator\"", call("Dcom4j.Calculator", "Name", "--get").out().strip());
        Cli.Result put = call("Dcom4j.Calculator", "Name", "--put", "s:x");
        assertEquals(0, put.code(), put::toString);
        assertEquals("VT_EMPTY", put.out().strip(), "a put returns nothing");
    }

    @Test
    void aRaisedExceptionPrintsItsExcepInfoAndExitsOne() {
        Cli.Result r = call("Dcom4j.Calculator", "Fail", "s:boom");
        assertEquals(ExitCodes.DENIED, r.code(), r::toString);
        assertTrue(r.out().contains("DISP_E_EXCEPTION (0x80020009)"), r::toString);
        assertTrue(r.out().contains("description=boom"), r::toString);
    }

    @Test
    void anUnknownMemberIsUnknownName() {
        Cli.Result r = call("Dcom4j.Calculator", "Subtract", "1", "2");
        assertEquals(ExitCodes.DENIED, r.code(), r::toString);
        assertTrue(r.out().contains("DISP_E_UNKNOWNNAME"), r::toString);
    }

    @Test
    void aMalformedArgumentIsBadInput() {
        Cli.Result r = call("Dcom4j.Calculator", "Add", "i:abc", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r::toString);
    }

    @Test
    void controlCharactersFromTheServerAreShownEscaped() {
        // the server's text reaches the terminal: an escape sequence in a BSTR or EXCEPINFO must not be obeyed
        Cli.Result echo = call("Dcom4j.Calculator", "Echo", "s:a\u001b]0;owned\u0007b\u202ec");
        assertEquals("VT_BSTR \"a\\u001b]0;owned\\u0007b\\u202ec\"", echo.out().strip(), echo::toString);
        Cli.Result fail = call("Dcom4j.Calculator", "Fail", "s:x\u001b[2Jy\rz");
        assertTrue(fail.out().contains("description=x\\u001b[2Jy\\u000dz"), fail::toString);
        assertTrue(fail.out().chars().noneMatch(c -> c == 0x1b || c == '\r' || c == 0x202e), fail::toString);
    }
}
