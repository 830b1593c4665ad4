package org.dcom4j.com.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.rpc.auth.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's own behaviour; activation against rpcss is tested end to end in dcom4j-rpcss (ActivationTest). */
class ActivatorTest {
    @TempDir
    Path dir;

    @Test
    void reportsAnUnreachableScmAsServerUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Activator a = Activator.remote("127.0.0.1", port, ClientAuth.NONE).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        ComException e = assertThrows(ComException.class, () -> a.createInstance(UUID.randomUUID(), List.of(Iids.IID_IUnknown)));
        assertEquals(Hresult.RPC_S_SERVER_UNAVAILABLE, e.hresult());
        ComException l = assertThrows(ComException.class,
                () -> Activator.local(dir).createInstance(UUID.randomUUID(), List.of(Iids.IID_IUnknown)));
        assertEquals(Hresult.RPC_S_SERVER_UNAVAILABLE, l.hresult());
    }

    @Test
    void refusesAnEmptyInterfaceListAndABadPort() {
        assertThrows(IllegalArgumentException.class, () -> Activator.remote("h", 0, ClientAuth.NONE));
        assertThrows(IllegalArgumentException.class, () -> Activator.local(dir).createInstance(UUID.randomUUID(), List.of()));
    }
}
