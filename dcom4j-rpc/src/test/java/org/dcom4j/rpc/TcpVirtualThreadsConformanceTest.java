package org.dcom4j.rpc;

/** The same conformance body with virtual threads for accept and read loops (the many-idle-connections choice). */
class TcpVirtualThreadsConformanceTest extends TcpConformanceTest {
    @Override
    RpcServerConfig config() {
        return super.config().withThreadModel(ThreadModel.VIRTUAL);
    }
}
