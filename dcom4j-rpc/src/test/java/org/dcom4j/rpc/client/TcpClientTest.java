package org.dcom4j.rpc.client;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.dcom4j.rpc.epm.Tower;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.Transport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpClientTest extends AbstractClientTest {
    @Override
    Transport transport() {
        return TcpTransport.loopback();
    }

    @Override
    String listenEndpoint(String name) {
        return "0";
    }

    @Override
    String binding(String endpoint) {
        return "ncacn_ip_tcp:127.0.0.1" + (endpoint == null ? "" : "[" + endpoint + "]");
    }

    @Override
    Tower tower(String endpoint) {
        return Tower.tcp(ECHO, Integer.parseInt(endpoint), new byte[] {127, 0, 0, 1});
    }

    @Test
    void shouldTimeOutAConnectThatIsNeverAccepted() throws Exception {
        // A listener with a backlog of 1 that never accepts: once its accept queue is full, Linux drops
        // further SYNs, so the next connect hangs until our deadline.
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(new java.net.InetSocketAddress(full.getInetAddress(), full.getLocalPort()));
                    fillers.add(ch);
                }
                Thread.sleep(100);
                RpcClient client = new RpcClient(config().withTimeouts(java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(5)));
                long t0 = System.nanoTime();
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                        () -> client.bind(binding(Integer.toString(full.getLocalPort())), ECHO));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(e.getMessage().startsWith("connect timed out"), e.getMessage());
                assertTrue(ms >= 250 && ms < 3000, "timed out after " + ms + " ms");
            } finally {
                for (java.nio.channels.SocketChannel ch : fillers) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void shouldReportARefusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> client().bind(binding(Integer.toString(port)), ECHO));
        assertTrue(!(e instanceof SocketTimeoutException), e.toString());
    }
}
