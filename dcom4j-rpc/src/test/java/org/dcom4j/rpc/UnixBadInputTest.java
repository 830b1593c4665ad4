package org.dcom4j.rpc;

import java.nio.file.Path;
import org.dcom4j.rpc.transport.Transport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.junit.jupiter.api.io.TempDir;

class UnixBadInputTest extends AbstractBadInputTest {
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
    String endpoint() {
        return "rpc-test";
    }
}
