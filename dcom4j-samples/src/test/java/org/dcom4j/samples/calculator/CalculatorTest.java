package org.dcom4j.samples.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.UUID;

import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.security.Sddl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dcom4j.Calculator through the real COM runtime over ncalrpc: Add, and CallMeBack into the client's own object. */
class CalculatorTest {
    /** Call for Everyone and for ANONYMOUS LOGON (the default caller token of an ncalrpc peer here). */
    static final String EVERYONE_CALLS = "O:BAG:BAD:(A;;CCDCLC;;;WD)(A;;CCDCLC;;;AN)";

    @TempDir
    Path runtimeDir;

    ComServer server(boolean withClass) throws Exception {
        ComServer.Builder b = ComServer.builder().initializeSecurity(Sddl.parse(EVERYONE_CALLS), AuthLevel.NONE).ncalrpc(runtimeDir);
        return (withClass ? b.register(ICalculator.CLSID, Calculator::new) : b).start();
    }

    @Test
    void keepsTheIdsOfIssueFive() {
        assertEquals(UUID.fromString("23203412-63cd-4530-9dd1-fc8e888ef55d"),
                UUID.fromString(ICalculator.class.getAnnotation(ComInterface.class).value()));
        assertEquals(CalculatorIds.IID_ICALCULATOR, UUID.fromString(ICalculator.class.getAnnotation(ComInterface.class).value()));
        assertEquals(UUID.fromString("dfd9fd6b-7834-44cc-9311-760a14f0d774"), ICalculator.CLSID);
        assertEquals(UUID.fromString("c0795241-7fc0-420f-85f1-4cabb2fa1ea5"), ICalculator.APPID);
        assertEquals("Dcom4j.Calculator", ICalculator.PROGID);
    }

    @Test
    void addsAndCallsBackAnObjectTheClientPassed() throws Exception {
        try (ComServer server = server(true); ComServer callbacks = server(false);
             ComClient client = new ComClient(ClientAuth.NONE, RpcClientConfig.defaults().withRuntimeDir(runtimeDir))) {
            client.withCallbackServer(callbacks);
            ICalculator calc = client.unmarshal(server.export(new Calculator(), ICalculator.class), ICalculator.class);
            assertEquals(5, calc.add(2, 3));
            assertEquals(Integer.MIN_VALUE, calc.add(Integer.MAX_VALUE, 1), "wraps like a C long");
            int[] calls = new int[1];
            ICalculator mine = new ICalculator() {
                @Override
                public int add(int a, int b) {
                    calls[0]++;
                    return a * b; // tells the callback from the server's own Add
                }

                @Override
                public int callMeBack(ICalculator peer, int a, int b) {
                    throw new UnsupportedOperationException();
                }
            };
            assertEquals(12, calc.callMeBack(mine, 3, 4));
            assertEquals(1, calls[0]);
        }
    }

    @Test
    void refusesANullPeerWithEPointer() {
        ComException e = assertThrows(ComException.class, () -> new Calculator().callMeBack(null, 1, 2));
        assertEquals(Hresult.E_POINTER, e.hresult());
    }
}
