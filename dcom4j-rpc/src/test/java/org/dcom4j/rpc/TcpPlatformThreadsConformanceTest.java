package org.dcom4j.rpc;

/** The same conformance body with platform threads for accept and read loops (the latency choice). */
class TcpPlatformThreadsConformanceTest extends TcpConformanceTest {
    @Override
    RpcServerConfig config() {
        return super.config().withThreadModel(ThreadModel.PLATFORM);
    }
}
