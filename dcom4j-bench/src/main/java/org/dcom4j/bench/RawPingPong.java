package org.dcom4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The raw floor every socket benchmark is compared with: {@value #SIZE} bytes written by a blocking
 * {@link SocketChannel} client and read back from an echo server thread (platform thread, blocking
 * {@code SocketChannel}, direct buffers, TCP_NODELAY), over TCP on 127.0.0.1 or AF_UNIX in a temp dir.
 * JMH states shared by {@link EchoBenchmark} and {@link CallBenchmark}: both name their benchmarks on it
 * {@code baselineTcpPingPong} and {@code baselineUnixPingPong}. (State classes are not final: JMH subclasses them.)
 */
public final class RawPingPong {
    /** Bytes each way: issue 3's Echo payload, and about a DCOM null call (request ≈ 72 bytes, response ≈ 36). */
    static final int SIZE = EchoBenchmark.SIZE;

    private RawPingPong() {
    }

    /**
     * Raw echo servers: a TCP listener on 127.0.0.1 and an AF_UNIX listener in a temp dir, each
     * connection served by its own platform thread with a blocking SocketChannel that reads 64 bytes
     * and writes them back.
     */
    @State(Scope.Benchmark)
    public static class RawServerState {
        Path dir;
        ServerSocketChannel tcp;
        ServerSocketChannel unix;
        InetSocketAddress tcpAddress;
        UnixDomainSocketAddress unixAddress;
        final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("dcom4j-bench-raw");
            tcp = ServerSocketChannel.open();
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            tcpAddress = (InetSocketAddress) tcp.getLocalAddress();
            unixAddress = UnixDomainSocketAddress.of(dir.resolve("echo"));
            unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unix.bind(unixAddress, 512);
            acceptLoop(tcp, true);
            acceptLoop(unix, false);
        }

        private void acceptLoop(ServerSocketChannel listener, boolean nodelay) {
            Thread.ofPlatform().daemon().name("raw-accept").start(() -> {
                while (listener.isOpen()) {
                    SocketChannel ch;
                    try {
                        ch = listener.accept();
                        if (nodelay) {
                            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        }
                    } catch (IOException e) {
                        return; // closed at teardown
                    }
                    accepted.add(ch);
                    Thread.ofPlatform().daemon().name("raw-echo").start(() -> echoLoop(ch));
                }
            });
        }

        private static void echoLoop(SocketChannel ch) {
            ByteBuffer buf = ByteBuffer.allocateDirect(SIZE);
            try (ch) {
                while (true) {
                    buf.clear();
                    while (buf.hasRemaining()) {
                        if (ch.read(buf) < 0) {
                            return;
                        }
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            } catch (IOException e) {
                // peer gone or closed at teardown
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            tcp.close();
            unix.close();
            for (SocketChannel ch : accepted) {
                ch.close();
            }
            EchoBenchmark.deleteTree(dir);
        }
    }

    /** Per-thread raw client: one blocking SocketChannel, direct buffers. */
    public abstract static class RawClient {
        SocketChannel channel;
        final ByteBuffer out = ByteBuffer.allocateDirect(SIZE);
        final ByteBuffer in = ByteBuffer.allocateDirect(SIZE);

        void open(SocketChannel ch) {
            channel = ch;
            out.put(EchoBenchmark.payload()).flip();
        }

        /** Writes the 64 bytes, reads the 64 echoed bytes; returns one of them for the blackhole. */
        byte pingPong() throws IOException {
            out.rewind();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            in.clear();
            while (in.hasRemaining()) {
                if (channel.read(in) < 0) {
                    throw new IOException("echo server closed the connection");
                }
            }
            return in.get(SIZE - 1);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
        }
    }

    @State(Scope.Thread)
    public static class RawTcpClient extends RawClient {
        @Setup(Level.Trial)
        public void connect(RawServerState server) throws IOException {
            SocketChannel ch = SocketChannel.open(server.tcpAddress);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            open(ch);
        }
    }

    @State(Scope.Thread)
    public static class RawUnixClient extends RawClient {
        @Setup(Level.Trial)
        public void connect(RawServerState server) throws IOException {
            open(SocketChannel.open(server.unixAddress));
        }
    }
}
