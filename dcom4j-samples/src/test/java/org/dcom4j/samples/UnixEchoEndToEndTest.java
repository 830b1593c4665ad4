package org.dcom4j.samples;

import java.nio.file.Path;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.Transport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.junit.jupiter.api.io.TempDir;

/** ncalrpc over AF_UNIX in a temporary runtime directory. */
class UnixEchoEndToEndTest extends AbstractEchoEndToEndTest {
    @TempDir
    Path runtimeDir;

    @Override
    Transport transport() {
        return new UnixTransport(runtimeDir);
    }

    @Override
    String host() {
        return "";
    }

    @Override
    String endpointToListen() {
        return "dcom4j-echo";
    }

    @Override
    String stringBinding() {
        return "ncalrpc:[" + endpoint + "]";
    }

    @Override
    RpcClientConfig clientConfig() {
        return RpcClientConfig.defaults().withRuntimeDir(runtimeDir);
    }
}
