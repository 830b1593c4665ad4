package org.dcom4j.rpcss.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.dcom4j.config.ComClasses;
import org.dcom4j.config.ConfigStoreException;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.PrivilegeDrop;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.rpcss.launcher.LauncherProcess;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The daemon's start in a JVM of its own, for {@link PrivilegeDropEndToEndTest} (the drop is
 * process-wide and for good, so never in the test JVM): {@code STATE RUN USER} — rpcss bound, the
 * launcher started (root, accepting USER's uid), rpcss switched to USER. Prints {@code epm PORT},
 * {@code echo PORT}, {@code setuid0 RESULT}, {@code shadow readable|unreadable},
 * {@code registryWrite refused|ALLOWED|failed …} (a write through rpcss's own registry connection),
 * {@code fd-registry.db MODES} and the same for {@code -wal}, {@code -shm} and {@code accounts.db}
 * (the access modes of this process's descriptors of those files), {@code writable-accounts.db* none|NAME=MODE,…}
 * (its descriptors of any {@code accounts.db*} file not opened {@code O_RDONLY}), then {@code ready}; stops when
 * its stdin closes.
 */
public final class DroppedRpcssMain {
    private DroppedRpcssMain() {
    }

    /**
     * What a compromised rpcss would do: rewrite the sample's LocalServer32 through its own
     * connection, with a token it made up (the key ACL lets administrators write). {@code refused}
     * when SQLite says the connection is read-only.
     */
    private static String tryToRewriteLocalServer32(Registry registry) {
        Token forged = Token.of("SYSTEM", WellKnownSids.LOCAL_SYSTEM, List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));
        try {
            registry.set(forged, ComClasses.clsidKey(CalculatorIds.CLSID) + "\\LocalServer32",
                    RegValue.sz("", "/bin/sh -c 'echo pwned'"));
            return "ALLOWED";
        } catch (ConfigStoreException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException se && (se.getErrorCode() & 0xFF) == 8) { // SQLITE_READONLY
                    return "refused";
                }
            }
            return "failed " + e;
        }
    }

    /** The access modes of this process's descriptors of {@code file}, from /proc/self/fdinfo: {@code O_RDONLY,...}, or {@code none}. */
    private static String accessModes(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path fd : descriptors(t -> t.equals(file))) {
            out.add(accessMode(fd));
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    /**
     * This process's descriptors not opened {@code O_RDONLY} of any file whose name starts with
     * {@code prefix} in {@code dir} ({@code accounts.db}, {@code -wal}, {@code -shm}, {@code -journal}):
     * {@code NAME=MODE,...}, or {@code none}.
     */
    private static String writableDescriptors(Path dir, String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path fd : descriptors(t -> dir.equals(t.getParent()) && t.getFileName().toString().startsWith(prefix))) {
            String mode = accessMode(fd);
            if (!"O_RDONLY".equals(mode)) {
                out.add(Files.readSymbolicLink(fd).getFileName() + "=" + mode);
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    private static List<Path> descriptors(Predicate<Path> target) {
        List<Path> out = new ArrayList<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (target.test(Files.readSymbolicLink(fd))) {
                        out.add(fd);
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String accessMode(Path fd) throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString())).stream()
                .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
        int mode = Integer.parseInt(flags.substring("flags:".length()).trim(), 8) & 3;
        return mode == 0 ? "O_RDONLY" : mode == 1 ? "O_WRONLY" : "O_RDWR";
    }

    @SuppressWarnings("restricted") // FFM: the test JVM runs with --enable-native-access
    public static void main(String[] args) throws Throwable {
        Path state = Path.of(args[0]);
        Path run = Path.of(args[1]);
        PrivilegeDrop.Target user = PrivilegeDrop.resolve(args[2]);
        AtomicReference<LauncherClient> launcher = new AtomicReference<>();
        DcomOptions dcom = DcomOptions.defaults().withLauncher(clsid -> launcher.get().launch(clsid))
                .withLaunchTimeout(Duration.ofSeconds(60)).withPolicyRefresh(Duration.ZERO);
        try (Rpcss rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, state, run, dcom).withUser(user),
                bound -> {
                    try {
                        launcher.set(LauncherProcess.start(run, state, user.uid()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })) {
            Linker linker = Linker.nativeLinker();
            MethodHandle setuid = linker.downcallHandle(linker.defaultLookup().find("setuid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.out.println("epm " + rpcss.endpointMapperPort());
            System.out.println("echo " + rpcss.echoPort());
            System.out.println("setuid0 " + (int) setuid.invokeExact(0));
            System.out.println("shadow " + (Files.isReadable(Path.of("/etc/shadow")) ? "readable" : "unreadable"));
            System.out.println("registryWrite " + tryToRewriteLocalServer32(rpcss.registry()));
            for (String f : List.of("registry.db", "registry.db-wal", "registry.db-shm", "accounts.db")) {
                System.out.println("fd-" + f + " " + accessModes(state.resolve(f).toAbsolutePath()));
            }
            Path stateDir = state.toRealPath();
            System.out.println("writable-accounts.db* " + writableDescriptors(stateDir, "accounts.db"));
            System.out.println("ready");
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // EOF: the test is done
                }
            }
        } finally {
            LauncherClient l = launcher.get();
            if (l != null) {
                l.close();
            }
        }
    }
}
