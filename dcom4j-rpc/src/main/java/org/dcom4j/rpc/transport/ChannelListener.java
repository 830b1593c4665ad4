package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link Listener} over a blocking {@link ServerSocketChannel}; deletes its socket file on close. */
final class ChannelListener implements Listener {
    interface Wrapper {
        Connection wrap(SocketChannel channel) throws IOException;
    }

    private final Transport transport;
    private final ServerSocketChannel server;
    private final String endpoint;
    private final Wrapper wrapper;
    private final Path socketFile;

    ChannelListener(Transport transport, ServerSocketChannel server, String endpoint, Wrapper wrapper, Path socketFile) {
        this.transport = transport;
        this.server = server;
        this.endpoint = endpoint;
        this.wrapper = wrapper;
        this.socketFile = socketFile;
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel ch = server.accept();
        try {
            return wrapper.wrap(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }
}
