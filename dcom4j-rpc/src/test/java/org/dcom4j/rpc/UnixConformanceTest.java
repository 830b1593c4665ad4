package org.dcom4j.rpc;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcom4j.rpc.transport.Transport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.junit.jupiter.api.io.TempDir;

class UnixConformanceTest extends AbstractConformanceTest {
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

    @Override
    String expectedPeerCredentials() throws java.io.IOException {
        Path probe = Files.createTempFile(runtimeDir, "probe", "");
        return Files.getAttribute(probe, "unix:uid") + ":" + Files.getAttribute(probe, "unix:gid");
    }
}
