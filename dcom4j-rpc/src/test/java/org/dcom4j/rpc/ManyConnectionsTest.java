package org.dcom4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.Transport;
import org.junit.jupiter.api.Test;

/** 200 connections open at once, each bound and calling, on virtual threads (the default model). */
class ManyConnectionsTest extends AbstractServerTest {
    private static final int CLIENTS = 200;

    @Override
    Transport transport() {
        return TcpTransport.loopback();
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    RpcServerConfig config() {
        return RpcServerConfig.defaults().withThreadModel(ThreadModel.VIRTUAL).withMaxConnections(CLIENTS + 10).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @Test
    void servesTwoHundredSimultaneousConnections() throws Exception {
        CountDownLatch allBound = new CountDownLatch(CLIENTS);
        CountDownLatch counted = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                byte[] stub = {(byte) i, (byte) (i >> 8)};
                results.add(pool.submit(() -> {
                    try (RawClient c = connect()) {
                        c.bind(4280, 0, ECHO);
                        allBound.countDown();
                        counted.await();
                        assertArrayEquals(stub, (byte[]) c.call(0, 0, null, stub, 4280));
                    }
                    return null;
                }));
            }
            assertTrue(allBound.await(20, TimeUnit.SECONDS), "all clients bound");
            assertEquals(CLIENTS, server.connectionCount());
            counted.countDown();
            for (Future<?> f : results) {
                f.get();
            }
        }
    }
}
