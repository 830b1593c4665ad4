package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.UUID;
import org.dcom4j.com.automation.DispMethod;
import org.dcom4j.com.automation.Dispatcher;
import org.dcom4j.com.automation.IDispatch;
import org.dcom4j.com.automation.Variant;
import org.junit.jupiter.api.Test;

/** Com.createInstance(server, clsid, iface): CLSCTX_INPROC_SERVER, the Java object itself. */
class InProcessActivationTest {
    private static final UUID CLSID = UUID.fromString("6b1a2f3e-8d4c-4f0a-9e11-0c0ffee000c1");

    /** A Calculator with an Automation member too. */
    public static final class Both extends Calculator {
        @DispMethod(name = "Twice")
        public int twice(int a) {
            return 2 * a;
        }
    }

    @Test
    void createsANewJavaObjectPerCallWithoutAProxy() throws Exception {
        try (ComServer server = ComServer.builder().register(CLSID, Both::new).tcp(InetAddress.getLoopbackAddress()).start()) {
            ICalculator a = Com.createInstance(server, CLSID, ICalculator.class);
            ICalculator b = Com.createInstance(server, CLSID, ICalculator.class);
            assertInstanceOf(Both.class, a, "no proxy in process");
            assertNotSame(a, b);
            assertEquals(5, a.add(2, 3));
            assertEquals(0, server.exportedObjects(), "nothing exported");
        }
    }

    @Test
    void anAutomationObjectAnswersIDispatchInProcess() throws Exception {
        try (ComServer server = ComServer.builder().register(CLSID, Both::new).tcp(InetAddress.getLoopbackAddress()).start()) {
            IDispatch d = Com.createInstance(server, CLSID, IDispatch.class);
            assertEquals(Variant.i4(42), new Dispatcher(d).call("twice", 21));
        }
    }

    @Test
    void anUnknownClassOrInterfaceIsRefused() throws Exception {
        try (ComServer server = ComServer.builder().register(CLSID, Calculator::new).tcp(InetAddress.getLoopbackAddress()).start()) {
            assertEquals(Hresult.REGDB_E_CLASSNOTREG,
                    assertThrows(ComException.class, () -> Com.createInstance(server, UUID.randomUUID(), ICalculator.class)).hresult());
            assertEquals(Hresult.E_NOINTERFACE,
                    assertThrows(ComException.class, () -> Com.createInstance(server, CLSID, IDispatch.class)).hresult(), "no Automation member, no IDispatch");
        }
    }
}
