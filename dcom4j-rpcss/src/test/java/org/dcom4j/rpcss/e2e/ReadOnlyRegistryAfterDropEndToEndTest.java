package org.dcom4j.rpcss.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.config.ComClasses;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.config.LogEntry;
import org.dcom4j.config.RegValue;
import org.dcom4j.config.Registry;
import org.dcom4j.rpcss.PrivilegeDrop;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.security.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's launcher trusts {@code registry.db}; rpcss, once it dropped root, must not be able to
 * change it. {@link DroppedRpcssMain} (root, then nobody) tries to rewrite the sample's LocalServer32
 * through its own registry connection and reports the access modes of its descriptors of
 * {@code registry.db}, {@code -wal} and {@code -shm}: all {@code O_RDONLY}, the write refused by
 * SQLite, the value unchanged; and it holds no descriptor of any {@code accounts.db*} file other than
 * {@code O_RDONLY} (the account store has a rollback journal, so no {@code -wal}/{@code -shm} it could
 * forge accounts in). It still logs (with CallFailureLoggingLevel 1, a refused logon lands in
 * {@code events.db}) and still
 * sees what an administrator writes afterwards (a class registered after the drop is no longer
 * REGDB_E_CLASSNOTREG). Skipped when not root.
 */
class ReadOnlyRegistryAfterDropEndToEndTest {
    static final UUID LATE_CLSID = UUID.fromString("7d3c8a2e-5b41-4f6a-9e0d-2c1b3a4f5e60");
    static final UUID LATE_APPID = UUID.fromString("1a2b3c4d-5e6f-4a8b-9c0d-e1f2a3b4c5d6");

    @TempDir
    Path dir;

    @Test
    void droppedRpcssCannotChangeTheRegistryYetLogsAndSeesAdministratorWrites() throws Exception {
        assumeTrue(PrivilegeDrop.current().euid() == 0, "needs root to drop privileges");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("state");
        Path run = dir.resolve("run");
        PrivilegeDropEndToEndTest.store(state, dir.resolve("cp")); // the server is never started here
        String localServer;
        try (Registry reg = Registry.open(state)) {
            reg.set(PrivilegeDropEndToEndTest.ADMIN, DcomConfig.OLE, RegValue.dword("CallFailureLoggingLevel", 1));
            localServer = ComClasses.find(reg, CalculatorIds.CLSID).orElseThrow().localServer32().orElseThrow();
        }
        Instant started = Instant.now();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the dropped rpcss loads classes after the drop: a copy of the class path nobody can read
        String cp = RunningObjectTableAsNobodyTest.copyClassPath(dir.resolve("rpcss-cp")).toString();
        Path err = dir.resolve("rpcss.err");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, DroppedRpcssMain.class.getName(),
                state.toString(), run.toString(), "nobody").redirectError(err.toFile()).start();
        try {
            Map<String, String> out = PrivilegeDropEndToEndTest.readUntilReady(p, err);
            assertEquals("refused", out.get("registryWrite"), "a write through rpcss's registry connection");
            assertEquals("O_RDONLY", out.get("fd-registry.db"), out::toString);
            assertEquals("O_RDONLY", out.get("fd-registry.db-wal"), out::toString);
            assertEquals("O_RDONLY", out.get("fd-registry.db-shm"), out::toString);
            assertEquals("O_RDONLY", out.get("fd-accounts.db"), "the account store is opened read-only too");
            assertEquals("none", out.get("writable-accounts.db*"),
                    "no read-write descriptor of accounts.db or its -wal/-shm/-journal (rollback journal, no WAL)");
            try (Registry reg = Registry.open(state)) {
                assertEquals(localServer, ComClasses.find(reg, CalculatorIds.CLSID).orElseThrow().localServer32().orElseThrow());
                assertEquals("ok", reg.integrityCheck());
            }

            // The event log is written after the drop: a refused logon lands in events.db.
            assertThrows(Exception.class, () -> PrivilegeDropEndToEndTest.echoAdd(Integer.parseInt(out.get("epm")), "dave", "wrong"));
            try (Registry reg = Registry.open(state)) {
                List<LogEntry> logons = reg.eventLog().query(started, SecurityEvent.Level.INFORMATION, 100).stream()
                        .filter(e -> e.eventId() == SecurityEvent.LOGON_FAILURE).toList();
                assertEquals(1, logons.size(), () -> "logon failures in " + reg.eventLog().file() + ": " + logons);
            }

            // An administrator registers a class after the drop: rpcss's read-only connection sees it at once.
            assertEquals(Hresult.REGDB_E_CLASSNOTREG, activateLate(run));
            try (Registry reg = Registry.open(state)) {
                DcomConfig.registerApplication(reg, PrivilegeDropEndToEndTest.ADMIN, LATE_APPID, "Late",
                        "O:BAG:BAD:(A;;CCDCLCSWRP;;;S-1-5-21-9-9-9-1234)", null);
                ComClasses.register(reg, PrivilegeDropEndToEndTest.ADMIN, new ComClasses.ComClass(LATE_CLSID, "Late",
                        Optional.of(LATE_APPID), Optional.of("/bin/false"), Optional.empty()));
            }
            assertEquals(Hresult.E_ACCESSDENIED, activateLate(run), "registered now; its LaunchPermission refuses everyone");

            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "rpcss did not stop when its stdin closed");
            assertEquals(0, p.exitValue(), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    /** The HRESULT of a local activation of {@link #LATE_CLSID}. */
    private static int activateLate(Path run) throws Exception {
        try {
            return Activator.local(run).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
                    .createInstance(LATE_CLSID, List.of(CalculatorIds.IID_ICALCULATOR)).hresult();
        } catch (ComException e) {
            return e.hresult();
        }
    }
}
