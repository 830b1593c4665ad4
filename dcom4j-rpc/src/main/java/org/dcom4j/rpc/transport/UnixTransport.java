package org.dcom4j.rpc.transport;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.dcom4j.security.Distance;

/**
 * ncalrpc over AF_UNIX stream sockets: the endpoint name {@code NAME} is the socket file
 * {@code runtimeDir/NAME}. Distance LOCAL. The peer's uid/gid come from the kernel
 * ({@link ExtendedSocketOptions#SO_PEERCRED}) at accept time. The JDK reports them as names, so
 * names are mapped back to numbers through the C library (getpwnam/getgrnam, serialised because
 * those return static storage); a name that is all digits is taken as the number itself.
 *
 * <p>{@link #listen} replaces a stale socket file of the same name: the runtime directory is
 * private to the service (the daemon creates it 0700), so whatever is there is our own leftover.
 *
 * @param runtimeDir the directory holding the socket files
 */
public record UnixTransport(Path runtimeDir) implements Transport {
    public static final String PROTOCOL_SEQUENCE = "ncalrpc";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public String protocolSequence() {
        return PROTOCOL_SEQUENCE;
    }

    @Override
    public Distance distance() {
        return Distance.LOCAL;
    }

    @Override
    public Listener listen(String endpoint) throws IOException {
        Path file = socketFile(endpoint);
        Files.createDirectories(runtimeDir);
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // A socket file outlives a crashed server. Remove it only when nobody answers on it:
            // deleting a live server's socket would silently take its endpoint over.
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(file))) {
                throw new java.net.BindException("cannot listen on " + PROTOCOL_SEQUENCE + ":[" + endpoint + "] at " + file
                        + ": another server is listening there");
            } catch (java.net.BindException e) {
                throw e;
            } catch (IOException stale) {
                Files.deleteIfExists(file);
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(file), 512);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + PROTOCOL_SEQUENCE + ":[" + endpoint + "] at " + file + ": " + e.getMessage(), e);
        }
        return new ChannelListener(this, server, endpoint, ch -> new ChannelConnection(ch, Distance.LOCAL, credentials(ch), file.toString()), file);
    }

    @Override
    public Connection connect(String host, String endpoint) throws IOException {
        Path file = socketFile(endpoint);
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(file));
        return new ChannelConnection(ch, Distance.LOCAL, credentials(ch), file.toString());
    }

    @Override
    public Connection connect(String host, String endpoint, java.time.Duration timeout) throws IOException {
        Path file = socketFile(endpoint);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        TimedConnect.connect(ch, UnixDomainSocketAddress.of(file), timeout, protocolSequence() + ":" + host + "[" + endpoint + "]");
        try {
            return new ChannelConnection(ch, Distance.LOCAL, credentials(ch), file.toString());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private Path socketFile(String endpoint) {
        if (endpoint == null || !NAME.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("bad ncalrpc endpoint name: endpoint=" + endpoint + ", limit=[A-Za-z0-9._-]{1,64}");
        }
        return runtimeDir.resolve(endpoint);
    }

    private static PeerCredentials credentials(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String user = p.user().getName();
        String group = p.group().getName();
        return new PeerCredentials(Ids.resolve(user, "getpwnam"), Ids.resolve(group, "getgrnam"), user, group);
    }

    /** Name → id through libc; struct passwd/group keep the id at offset 16 on LP64 Linux. */
    @SuppressWarnings("restricted") // FFM downcalls: the module runs with --enable-native-access
    private static final class Ids {
        private static final int ID_OFFSET = 16;
        private static final MethodHandle GETPWNAM = lookup("getpwnam");
        private static final MethodHandle GETGRNAM = lookup("getgrnam");

        private static MethodHandle lookup(String function) {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(function)
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS)))
                    .orElse(null);
        }

        static synchronized int resolve(String name, String function) {
            if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(name);
            }
            MethodHandle h = function.equals("getpwnam") ? GETPWNAM : GETGRNAM;
            if (h == null) {
                return -1;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment entry = (MemorySegment) h.invokeExact(arena.allocateFrom(name));
                return entry.equals(MemorySegment.NULL) ? -1 : entry.reinterpret(ID_OFFSET + 4).get(ValueLayout.JAVA_INT, ID_OFFSET);
            } catch (Throwable e) {
                return -1;
            }
        }
    }
}
