package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store read by a user who cannot write it, and the group rule for new stores. The real thing
 * needs two Unix users: when the tests run as root, {@link StoreProbe} runs in its own JVM as
 * {@code nobody} (uid/gid 65534, through util-linux {@code setpriv}, with the class path copied
 * where nobody can read it); when they do not, the in-process variant makes the directory
 * unwritable instead (root would write it anyway). Each variant is skipped by assumption in the
 * other case.
 */
class ReadOnlyStoreTest {
    static final int NOBODY = 65534;
    static final String NO_GROUP = "dcom4j-test-no-such-group";

    @TempDir
    Path dir;

    @Test
    void nobodyReadsRootsStoreWithAndWithoutAWriterButCannotWriteItSkippedWhenNotRoot() throws Exception {
        assumeTrue(isRoot(), "needs root to run a JVM as nobody");
        Path state = dir.resolve("state");
        Path cp = copyClassPath(dir.resolve("cp"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        openUp(dir, tmp);
        try (Registry root = Registry.open(state, NO_GROUP)) {
            root.set(Tokens.ADMIN, StoreProbe.KEY, RegValue.sz("Probe", "one"));
            chmod(state, "rwxr-xr-x");
            chmod(root.file(), "rw-r--r--");
            root.set(Tokens.ADMIN, StoreProbe.KEY, RegValue.sz("Probe", "two")); // in the -wal, not checkpointed
            assertTrue(Files.exists(StoreFiles.sidecar(root.file(), StoreFiles.WAL)));

            String out = asNobody(cp, tmp, state);
            assertReadOnlyProbe(out, "two", root.file());
        }
        assertFalse(Files.exists(StoreFiles.sidecar(state.resolve(Store.FILE_NAME), StoreFiles.WAL)),
                "the last writer removes the -wal");
        assertReadOnlyProbe(asNobody(cp, tmp, state), "two", state.resolve(Store.FILE_NAME).toAbsolutePath());
        try (Registry root = Registry.open(state)) {
            assertTrue(root.eventLog().query(java.time.Instant.EPOCH, org.dcom4j.security.SecurityEvent.Level.INFORMATION, 10)
                    .isEmpty(), "nobody's event log entries were dropped");
            assertEquals("ok", root.integrityCheck());
        }
    }

    @Test
    void aNewStoreBelongsToTheAdministratorsGroupWhoseMembersCanWriteItSkippedWhenNotRoot() throws Exception {
        assumeTrue(isRoot(), "needs root to run a JVM as nobody");
        String group = groupName(NOBODY);
        assumeTrue(group != null, "no group with gid 65534");
        Path state = dir.resolve("state");
        Path cp = copyClassPath(dir.resolve("cp"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        openUp(dir, tmp);
        try (Registry root = Registry.open(state, group)) {
            assertEquals(02775, (int) Files.getAttribute(state, "unix:mode") & 07777);
            for (String suffix : List.of("", StoreFiles.WAL, StoreFiles.SHM)) {
                Path f = StoreFiles.sidecar(root.file(), suffix);
                PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class);
                assertEquals(group, a.group().getName(), f.toString());
                assertEquals("rw-rw-r--", PosixFilePermissions.toString(a.permissions()), f.toString());
            }
        }
        String out = asNobody(cp, tmp, state, "by-nobody");
        assertTrue(out.contains("readOnly=false\n"), out);
        assertTrue(out.contains("admin=written\n"), out);
        try (Registry root = Registry.open(state)) {
            assertEquals("by-nobody", root.get(StoreProbe.KEY, "Probe").orElseThrow().asString());
        }
    }

    @Test
    void readsAStoreInADirectoryItCannotWriteSkippedWhenRoot() throws Exception {
        assumeFalse(isRoot(), "root can write any file; the nobody variant covers this");
        Path state = dir.resolve("state");
        try (Registry owner = Registry.open(state, NO_GROUP)) {
            owner.set(Tokens.ADMIN, StoreProbe.KEY, RegValue.sz("Probe", "one"));
        }
        Path db = state.resolve(Store.FILE_NAME).toAbsolutePath();
        chmod(db, "r--r--r--");
        chmod(state, "r-xr-xr-x");
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            StoreProbe.run(state, "probe", new PrintStream(b, true, StandardCharsets.UTF_8));
            String out = b.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("readOnly=true\n"), out);
            assertTrue(out.contains("get=one\n"), out);
            assertTrue(out.contains("admin=ConfigStoreException: store " + db + " is read-only for this user (owner "),
                    out);
        } finally {
            chmod(state, "rwxr-xr-x");
            chmod(db, "rw-r--r--");
        }
    }

    @Test
    void aNewStoreKeepsTheUmaskWhenThereIsNoAdministratorsGroup() throws Exception {
        Path state = dir.resolve("state");
        try (Registry r = Registry.open(state, NO_GROUP)) {
            assertFalse(r.readOnly());
            assertEquals(0, (int) Files.getAttribute(state, "unix:mode") & 02000, "no setgid");
        }
    }

    private static void assertReadOnlyProbe(String out, String value, Path db) {
        assertTrue(out.startsWith("readOnly=true\nget=" + value + "\nlog=ok\n"), out);
        assertTrue(out.contains("alice=AccessDeniedException: access denied: KEY_SET_VALUE on " + StoreProbe.KEY
                + " for alice"), out);
        assertTrue(out.contains("admin=ConfigStoreException: store " + db + " is read-only for this user"
                + " (owner root, mode rw-r--r--): an administrator must be able to write it — see 'Who may change"
                + " the store' in dcom4j-config/README.md\n"), out);
    }

    /** Runs {@link StoreProbe} as nobody; returns its stdout, after checking it exited 0 and said nothing on stderr. */
    private String asNobody(Path classPath, Path tmp, Path state, String... write) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", classPath.toString(),
                StoreProbe.class.getName(), state.toAbsolutePath().toString()));
        cmd.addAll(List.of(write));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe as nobody did not finish");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String report = "exit " + p.exitValue() + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        assertEquals(0, p.exitValue(), report);
        assertFalse(stderr.contains("dcom4j"), "no event log note on a read-only store:\n" + report);
        return stdout;
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static String groupName(int gid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/group"))) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[2].equals(Integer.toString(gid))) {
                return f[0];
            }
        }
        return null;
    }

    private static void chmod(Path f, String perms) throws IOException {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
    }

    /** Copies our classes, dcom4j's and sqlite-jdbc's (nothing else is needed) under {@code to}. */
    private static Path copyClassPath(Path to) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : cp.split(File.pathSeparator)) {
            Path src = Path.of(e);
            String name = src.getFileName() == null ? "" : src.getFileName().toString();
            if (!Files.exists(src) || !(Files.isDirectory(src) || name.startsWith("sqlite-jdbc") || name.startsWith("dcom4j-"))) {
                continue;
            }
            Path dst = to.resolve(String.format("%03d", n++) + (Files.isDirectory(src) ? "" : ".jar"));
            Files.createDirectories(to);
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
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(dst.toString());
        }
        return Path.of(String.join(File.pathSeparator, entries));
    }

    /** Everything under {@code root} readable by all; {@code tmp} (sqlite-jdbc's native library) writable by all. */
    private static void openUp(Path root, Path tmp) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path f : (Iterable<Path>) tree::iterator) {
                chmod(f, Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--");
            }
        }
        chmod(tmp, "rwxrwxrwx");
    }
}
