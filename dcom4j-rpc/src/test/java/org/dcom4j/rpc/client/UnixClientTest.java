package org.dcom4j.rpc.client;

import java.nio.file.Path;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.transport.Transport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.junit.jupiter.api.io.TempDir;

class UnixClientTest extends AbstractClientTest {
    @TempDir
    Path runtimeDir;

    @Override
    Transport transport() {
        return new UnixTransport(runtimeDir);
    }

    @Override
    RpcClientConfig config() {
        return super.config().withRuntimeDir(runtimeDir);
    }

    @Override
    String listenEndpoint(String name) {
        return name;
    }

    @Override
    String binding(String endpoint) {
        return "ncalrpc:" + (endpoint == null ? "" : "[" + endpoint + "]");
    }

    @Override
    Tower tower(String endpoint) {
        return Tower.ncalrpc(ECHO, endpoint);
    }
}
