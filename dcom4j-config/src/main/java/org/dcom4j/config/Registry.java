package org.dcom4j.config;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;

/**
 * The machine's registry: hierarchical keys with typed values and a security descriptor on every
 * key, persisted in {@code stateDir/registry.db} (SQLite, WAL, {@code synchronous=FULL}).
 *
 * <p>Keys are paths such as {@code HKLM\SOFTWARE\Microsoft\Ole}: case-insensitive and
 * case-preserving, roots {@code HKLM} and {@code HKU} (long names accepted), {@code HKCR} an alias of
 * {@code HKLM\SOFTWARE\Classes}. Reads are not access-checked. Every write takes the caller's
 * {@link Token} and is checked against the descriptor of the key it touches (see {@link Batch});
 * a refused write throws {@link AccessDeniedException} and changes nothing. Every operation is one
 * SQLite transaction; {@link #batch} makes several writes one transaction.
 *
 * <p>A store this OS user cannot write opens read-only ({@link #readOnly()}); see {@link #open}.
 *
 * <p>Thread-safe: one connection, used under a lock. Several processes may open the same state
 * directory; SQLite serializes their writes (waiting up to 10 s). The registry owns its connection
 * and its {@link EventLog} (a separate database, {@code events.db}); {@link #close()} closes both.
 */
public final class Registry implements AutoCloseable {
    /**
     * The writes of one transaction, all checked with the caller's token. Valid only inside the
     * {@link Registry#batch} call that handed it out, on that thread.
     *
     * <table>
     * <caption>Rights checked</caption>
     * <tr><td>createKey, set of a missing key</td><td>KEY_CREATE_SUB_KEY on the nearest existing
     *     ancestor, then on each key created on the way</td></tr>
     * <tr><td>set, deleteValue</td><td>KEY_SET_VALUE on the key</td></tr>
     * <tr><td>deleteKey</td><td>DELETE on the key and on every key below it</td></tr>
     * <tr><td>setKeySecurity</td><td>WRITE_DAC; WRITE_OWNER when owner or group change</td></tr>
     * </table>
     */
    public interface Batch {
        /** Creates the key and any missing ancestor (a no-op when it exists). */
        void createKey(String key);

        /** Sets a value, creating the key when missing. */
        void set(String key, RegValue value);

        /** Deletes a value; false when it (or its key) does not exist. */
        boolean deleteValue(String key, String name);

        /** Deletes a key and everything below it; false when it does not exist. Root keys cannot be deleted. */
        boolean deleteKey(String key);

        /**
         * Replaces the key's security, as SetSecurityInfo does: a null owner or group, or an absent
         * DACL or SACL, leaves that part unchanged; an unprotected DACL keeps its explicit ACEs and
         * re-inherits from the parent; the change propagates to every unprotected key below.
         */
        void setKeySecurity(String key, SecurityDescriptor sd);
    }

    private final Store store;
    private final String adminsGroup;
    private volatile EventLog eventLog;

    private Registry(Store store, String adminsGroup) {
        this.store = store;
        this.adminsGroup = adminsGroup;
    }

    /**
     * Opens {@code stateDir/registry.db}, creating the directory, the database, the schema, the
     * machine SID and the initial keys (HKLM, HKU and the DCOM keys below HKLM) when missing.
     *
     * <p>Read-write when this user can write the file and its directory; otherwise
     * <b>read-only</b> ({@link #readOnly()}): reads work, a write is still access-checked first (a
     * non-administrator gets the usual {@link AccessDeniedException}) and then fails with a
     * {@link ConfigStoreException} saying the store is read-only for this user; event log entries
     * are dropped. In a directory the user cannot write, with no {@code -wal} file (no writer has
     * the store open), SQLite can only read the file as {@code immutable}; that connection is
     * reopened for every read, but a writer that starts and checkpoints during one read can make
     * that read see stale or torn data (see "Who may change the store" in the module README).
     *
     * <p>A <b>new</b> store is given to the Unix group {@value LocalAccounts#DEFAULT_ADMINS_GROUP}
     * when it exists: the state directory (when created now or empty) becomes setgid
     * {@code rwxrwsr-x}, the database files {@code rw-rw-r--}, so its members can write the store.
     * Otherwise the files keep the creator's umask.
     *
     * @throws ConfigStoreException when the file cannot be opened (not even read-only), is from a
     *         newer dcom4j, or is missing its schema and cannot be written
     */
    public static Registry open(Path stateDir) {
        return new Registry(Store.open(stateDir), LocalAccounts.DEFAULT_ADMINS_GROUP);
    }

    /** {@link #open(Path)}, giving a new store's files to {@code adminsGroup} instead (for tests). */
    static Registry open(Path stateDir, String adminsGroup) {
        return new Registry(Store.open(stateDir, adminsGroup), adminsGroup);
    }

    /**
     * Makes this registry read-only at the OS level, for a service that must not be able to change
     * it (rpcss after it dropped root, so that the launcher can trust what it reads): the connection
     * to {@code registry.db} is closed and opened again with SQLite's read-only flag, as the
     * <em>current</em> OS user. From then on {@link #readOnly()} is true, every write fails, and
     * the database's file descriptor is {@code O_RDONLY}; call it after dropping privileges so that
     * the descriptors of {@code -wal} and {@code -shm}, which SQLite opens read-write whenever the
     * user may, are read-only too. Changes committed later by other processes (an administrator's
     * {@code dcom4j} commands) are seen by the next read. The {@link #eventLog()}, opened before,
     * stays writable (it is a separate database).
     *
     * @throws ConfigStoreException this user cannot read {@code registry.db}; the registry is closed then
     */
    public void reopenReadOnly() {
        store.reopenReadOnly();
    }

    /**
     * True when this process cannot write the store (its OS user lacks write access to the file or
     * its directory): every write fails, see {@link #open}.
     */
    public boolean readOnly() {
        return store.readOnly();
    }

    /** The database file. */
    public Path file() {
        return store.file();
    }

    /** The value {@code name} ({@code ""} for the default value) of {@code key}; empty when either is missing. */
    public Optional<RegValue> get(String key, String name) {
        KeyPath p = KeyPath.parse(key);
        Objects.requireNonNull(name, "name");
        return store.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow row = ks.find(p);
            return row == null ? Optional.<RegValue>empty() : ks.value(row.id(), name);
        });
    }

    /** The key's values in enumeration (creation) order; empty when the key is missing. */
    public List<RegValue> values(String key) {
        KeyPath p = KeyPath.parse(key);
        return store.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow row = ks.find(p);
            return row == null ? List.<RegValue>of() : List.copyOf(ks.values(row.id()));
        });
    }

    /** The names of the key's subkeys, case as created, in case-insensitive order; empty when missing. */
    public List<String> subkeys(String key) {
        KeyPath p = KeyPath.parse(key);
        return store.read(c -> {
            KeyStore ks = new KeyStore(c);
            KeyStore.KeyRow row = ks.find(p);
            return row == null ? List.<String>of() : List.copyOf(ks.subkeyNames(row.id()));
        });
    }

    public boolean exists(String key) {
        KeyPath p = KeyPath.parse(key);
        return store.read(c -> new KeyStore(c).find(p) != null);
    }

    /**
     * The key's path as stored (root short name, components in the case they were created with),
     * e.g. {@code HKLM\SOFTWARE\Classes\AppID} for {@code hkcr\appid}; empty when missing.
     */
    public Optional<String> canonicalPath(String key) {
        KeyPath p = KeyPath.parse(key);
        return store.read(c -> {
            KeyStore.KeyRow row = new KeyStore(c).find(p);
            return Optional.ofNullable(row == null ? null : row.path());
        });
    }

    /**
     * The key's security descriptor.
     *
     * @throws IllegalArgumentException when the key does not exist
     * @throws ConfigStoreException when the stored descriptor is unreadable
     */
    public SecurityDescriptor keySecurity(String key) {
        KeyPath p = KeyPath.parse(key);
        byte[] sd = store.read(c -> {
            KeyStore.KeyRow row = new KeyStore(c).find(p);
            return row == null ? null : row.sd();
        });
        if (sd == null) {
            throw new IllegalArgumentException("no such key: " + p.canonical());
        }
        try {
            return SecurityDescriptor.fromBytes(sd);
        } catch (IllegalArgumentException e) {
            throw new ConfigStoreException("the security descriptor of " + p.canonical() + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /** Creates {@code key} (and missing ancestors) as {@code token}; see {@link Batch#createKey}. */
    public void createKey(Token token, String key) {
        batch(token, b -> b.createKey(key));
    }

    /** Sets a value as {@code token}; see {@link Batch#set}. */
    public void set(Token token, String key, RegValue value) {
        batch(token, b -> b.set(key, value));
    }

    /** Deletes a value as {@code token}; see {@link Batch#deleteValue}. */
    public boolean deleteValue(Token token, String key, String name) {
        boolean[] r = new boolean[1];
        batch(token, b -> r[0] = b.deleteValue(key, name));
        return r[0];
    }

    /** Deletes a key recursively as {@code token}; see {@link Batch#deleteKey}. */
    public boolean deleteKey(Token token, String key) {
        boolean[] r = new boolean[1];
        batch(token, b -> r[0] = b.deleteKey(key));
        return r[0];
    }

    /** Replaces the key's security as {@code token}; see {@link Batch#setKeySecurity}. */
    public void setKeySecurity(Token token, String key, SecurityDescriptor sd) {
        batch(token, b -> b.setKeySecurity(key, sd));
    }

    /**
     * Runs {@code body}'s writes as one transaction, every write checked with {@code token}. If the
     * body throws (a refused write included), nothing of it is applied and the exception propagates.
     *
     * @throws AccessDeniedException when a write is refused by a key's security
     * @throws ConfigStoreException  when the store is {@link #readOnly()} (checked after the access
     *                               check of the first write) or cannot be written
     */
    public void batch(Token token, Consumer<Batch> body) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(body, "body");
        store.write(c -> {
            RegistryWriter w = new RegistryWriter(new KeyStore(c), token);
            try {
                body.accept(w);
            } finally {
                w.finish();
            }
            return null;
        });
    }

    /**
     * The event log, kept in its own database {@code events.db} next to {@code registry.db} (same
     * creation rule, see {@link #open}), opened at the first call. Owned by this registry. When
     * {@code events.db} cannot be opened the log is unavailable: entries are dropped (reported once
     * on stderr unless this registry is read-only) and queries fail, or find nothing while the file
     * does not exist.
     */
    public EventLog eventLog() {
        EventLog log = eventLog;
        if (log == null) {
            synchronized (this) {
                if (eventLog == null) {
                    eventLog = openEventLog();
                }
                log = eventLog;
            }
        }
        return log;
    }

    private EventLog openEventLog() {
        Path dir = store.file().getParent();
        try {
            return new EventLog(Store.open(dir, EventSchema.KIND, adminsGroup));
        } catch (ConfigStoreException e) {
            return EventLog.unavailable(dir.resolve(EventSchema.FILE_NAME), e, store.readOnly());
        }
    }

    /** {@code PRAGMA integrity_check}: {@code ok}, or SQLite's list of problems. */
    public String integrityCheck() {
        return store.read(c -> {
            List<String> lines = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        });
    }

    /** The machine SID created with the store (see {@link LocalAccounts}). */
    Sid machineSid() {
        String s = store.read(c -> new KeyStore(c).meta("machine_sid"));
        if (s == null) {
            throw new ConfigStoreException("the config store " + store.file() + " has no machine SID");
        }
        return Sid.parse(s);
    }

    /** Runs several reads on one snapshot; for this package's loaders. */
    <T> T read(Store.Work<T> work) {
        return store.read(work);
    }

    @Override
    public void close() {
        EventLog log;
        synchronized (this) {
            log = eventLog;
        }
        try {
            if (log != null) {
                log.close();
            }
        } finally {
            store.close();
        }
    }
}
