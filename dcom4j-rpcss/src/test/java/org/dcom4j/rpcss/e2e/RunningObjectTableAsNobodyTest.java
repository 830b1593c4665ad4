package org.dcom4j.rpcss.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dcom4j.com.ComServer;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running object table seen by another uid over ncalrpc (SO_PEERCRED): the tests run as root, the
 * lookup runs as nobody ({@code setpriv}, as dcom4j-cli's NonAdministratorTest). Root's private entry is
 * MK_E_UNAVAILABLE to nobody, exactly as a missing name; its ALLOWANYCLIENT entry, whose AppID's
 * AccessPermission grants Everyone, is visible. Skipped when not root or without setpriv.
 */
class RunningObjectTableAsNobodyTest {
    static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    @Test
    void anotherUidSeesOnlyTheSharedEntry() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to run as nobody");
        assumeTrue(Stream.of("/usr/bin/setpriv", "/bin/setpriv").anyMatch(p -> Files.isExecutable(Path.of(p))), "no setpriv");
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, E2eFixture.EVERYONE_ALL);
        try (Registry reg = Registry.open(f.state())) {
            DcomConfig.registerApplication(reg, E2eFixture.ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, E2eFixture.EVERYONE_ALL,
                    "O:BAG:BAD:(A;;CCDCLC;;;WD)");
        }
        Path cp = copyClassPath(tmp.resolve("cp"));
        Path javaTmp = Files.createDirectories(tmp.resolve("jtmp"));
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg)) {
            srv.registerRunning("root-only", new Calculator(), ICalculator.class, false);
            srv.registerRunning("shared", new Calculator(), ICalculator.class, true);
            openUp(tmp);
            List<String> cmd = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + javaTmp,
                    "--enable-native-access=ALL-UNNAMED", "-cp", cp.toString(), RotLookupMain.class.getName(),
                    f.run().toString(), "root-only", "shared", "missing");
            Path out = tmp.resolve("out.txt");
            Path err = tmp.resolve("err.txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the lookup as nobody did not finish");
            String report = "exit " + p.exitValue() + "\n--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8)
                    + "--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), report);
            assertEquals(List.of("root-only 0x800401e3", "shared 0x00000000", "missing 0x800401e3", "enum shared"),
                    Files.readAllLines(out), report);
        }
    }

    static Path copyClassPath(Path to) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        Files.createDirectories(to);
        for (String e : cp.split(File.pathSeparator)) {
            Path src = Path.of(e);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = to.resolve(String.format("%03d", n++) + (Files.isDirectory(src) ? "" : ".jar"));
            if (Files.isDirectory(src)) {
                try (Stream<Path> tree = Files.walk(src)) {
                    for (Path file : (Iterable<Path>) tree::iterator) {
                        Path target = dst.resolve(src.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(dst.toString());
        }
        return Path.of(String.join(File.pathSeparator, entries));
    }

    /** Directories searchable and files readable by all (the sockets: connectable); the temp directories writable. */
    private static void openUp(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path f : (Iterable<Path>) tree::iterator) {
                if (f.getFileName() != null && f.getFileName().toString().equals("jtmp")) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxrwxrwx"));
                } else if (Files.isDirectory(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxrwxrwx"));
                } else {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
