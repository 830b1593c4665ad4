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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.dcom4j.rpcss.PrivilegeDrop;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.rpcss.launcher.LauncherClient;
import org.dcom4j.rpcss.launcher.LauncherProcess;

/**
 * The daemon's start in a JVM of its own, for {@link PrivilegeDropEndToEndTest} (the drop is
 * process-wide and for good, so never in the test JVM): {@code STATE RUN USER} — rpcss bound, the
 * launcher started (root, accepting USER's uid), rpcss switched to USER. Prints {@code epm PORT},
 * {@code echo PORT}, {@code setuid0 RESULT}, {@code shadow readable|unreadable}, then {@code ready};
 * stops when its stdin closes.
 */
public final class DroppedRpcssMain {
    private DroppedRpcssMain() {
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
