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
 * its own message and the hint who may write, exit 1, and leave the value unchanged; so must every
 * other writing command ({@link RunEach} runs them in a second JVM).
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
        assertTrue(stderr.endsWith(": no ACE grants it " + HINT + "\n"), report);
        assertTrue(stderr.lines().count() == 1, "one line, no stack trace:\n" + report);
        try (Registry reg = Registry.open(state)) {
            assertEquals("Y", reg.get(ConfigCommandTest.OLE, "EnableDCOM").orElseThrow().asString(), "value unchanged");
        }

        // Every other kind of write, in one JVM: each refusal ends with who may write.
        cli.run("config", "policy", "set", "launch", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)");
        Path reg = Files.writeString(dir.resolve("t.reg"), "Windows Registry Editor Version 5.00\n\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Ole]\n\"EnableDCOM\"=\"N\"\n");
        Path fresh = Files.createDirectories(dir.resolve("fresh"));
        openUp(dir, state, tmp);
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(reg, PosixFilePermissions.fromString("rw-r--r--"));
        String s = "--state=" + state;
        List<String> each = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", classPath.toString(),
                RunEach.class.getName()));
        each.addAll(List.of("config", "delete", ConfigCommandTest.OLE, "EnableDCOM", s, RunEach.NEXT,
                "config", "import", reg.toString(), s, RunEach.NEXT,
                "app", "register", "--appid", "6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30", "--name", "X", s, RunEach.NEXT,
                "config", "policy", "set", "access", "O:BAG:BAD:(A;;CCDCLC;;;WD)", s, RunEach.NEXT,
                "config", "policy", "clear", "launch", s, RunEach.NEXT,
                "user", "list", s, RunEach.NEXT,
                "group", "add-member", "Administrators", "nobody", s, RunEach.NEXT,
                "config", "init", "--state=" + fresh));
        Process all = new ProcessBuilder(each).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(all.waitFor(60, TimeUnit.SECONDS), "the commands as nobody did not finish");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String got = String.join("\n", lines) + "\n--- stderr\n" + Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(16, lines.size(), got);
        for (int i = 0; i < lines.size(); i += 2) {
            assertEquals("exit 1", lines.get(i), got);
            assertTrue(lines.get(i + 1).startsWith("dcom4j: "), got);
        }
        for (int i = 1; i < 14; i += 2) {
            assertTrue(lines.get(i).endsWith(" " + HINT), got);
        }
        assertTrue(lines.get(3).startsWith("dcom4j: " + reg + ": line=4: access denied: "), got);
        assertEquals("dcom4j: access denied: open on " + state.toAbsolutePath().resolve("accounts.db") + " for nobody ("
                + lines.get(11).split("[()]")[1] + "): only administrators may read or change accounts " + HINT, lines.get(11), got);
        assertTrue(lines.get(13).startsWith("dcom4j: access denied: open on "), got);
        assertTrue(!Files.exists(state.resolve("accounts.db")), "a refused command creates no account store");
        assertTrue(lines.get(15).endsWith("which only administrators may change: run it as root or as a member of the Unix"
                + " group dcom4j-admins)"), got);

        // The refused init left a store without DCOM values: the administrator's init writes, it does not "rewrite".
        Cli.Result admin = new Cli(fresh).run("config", "init");
        assertEquals("wrote the DCOM values of store " + fresh + " with profile ws2003sp1", admin.outLines().get(0));
    }

    static final String HINT = "(run it as root or as a member of the Unix group dcom4j-admins)";

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
