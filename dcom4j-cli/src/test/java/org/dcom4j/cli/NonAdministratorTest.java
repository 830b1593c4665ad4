package org.dcom4j.cli;

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

import org.dcom4j.config.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write by a non-administrator, end to end: the real {@code org.dcom4j.cli.Main} in its own JVM,
 * run as user {@code nobody} (uid/gid 65534, no supplementary groups) through util-linux
 * {@code setpriv}, against a store an administrator created. The store must refuse the write with
 * its own message, exit 1, and leave the value unchanged.
 *
 * <p>Only root can change its uid, so the test is <b>skipped when the tests do not run as root</b>
 * (a JUnit assumption; CI runs as root). The class path is copied to a world-readable directory
 * first, because the Maven repository under {@code /root} is not readable by {@code nobody}.
 */
class NonAdministratorTest {
    static final int NOBODY = 65534;

    @TempDir
    Path dir;

    @Test
    void refusesNobodysWriteToTheOleKeyEndToEndSkippedWhenNotRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root to run a command as nobody (setpriv); the tests are not running as root");
        Path state = dir.resolve("state");
        Cli cli = new Cli(state);
        assertEquals(0, cli.run("config", "init").code());

        Path classPath = copyClassPath(dir.resolve("cp"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        openUp(dir, state, tmp);

        List<String> cmd = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", classPath.toString(),
                "org.dcom4j.cli.Main", "config", "set", ConfigCommandTest.OLE, "EnableDCOM", "N", "--state", state.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command as nobody did not finish");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String report = "exit " + p.exitValue() + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;

        assertEquals(1, p.exitValue(), report);
        assertEquals("", stdout, report);
        assertTrue(stderr.startsWith("dcom4j: access denied: KEY_SET_VALUE on HKLM\\SOFTWARE\\Microsoft\\Ole for nobody (S-1-5-21-"),
                report);
        assertTrue(stderr.lines().count() == 1, "one line, no stack trace:\n" + report);
        try (Registry reg = Registry.open(state)) {
            assertEquals("Y", reg.get(ConfigCommandTest.OLE, "EnableDCOM").orElseThrow().asString(), "value unchanged");
        }
    }

    /** Copies every class path entry (jar or classes directory) under {@code to}; returns the new class path. */
    private static Path copyClassPath(Path to) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : cp.split(File.pathSeparator)) {
            Path src = Path.of(e);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = to.resolve(String.format("%03d", n++) + (Files.isDirectory(src) ? "" : ".jar"));
            if (Files.isDirectory(src)) {
                try (Stream<Path> tree = Files.walk(src)) {
                    for (Path f : (Iterable<Path>) tree::iterator) {
                        Path target = dst.resolve(src.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.createDirectories(to);
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(dst.toString());
        }
        return Path.of(String.join(File.pathSeparator, entries));
    }

    /**
     * Everything under {@code root} readable by all; the state directory and its files, and the
     * temp directory, writable by all — SQLite needs to create its -wal and -shm files next to the
     * database even to be refused by the store's key security, which is what is under test.
     */
    private static void openUp(Path root, Path state, Path tmp) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path f : (Iterable<Path>) tree::iterator) {
                boolean writable = f.startsWith(state) || f.startsWith(tmp);
                String perms = Files.isDirectory(f) ? (writable ? "rwxrwxrwx" : "rwxr-xr-x") : (writable ? "rw-rw-rw-" : "rw-r--r--");
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
            }
        }
    }
}
