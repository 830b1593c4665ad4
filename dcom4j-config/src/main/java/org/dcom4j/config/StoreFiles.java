package org.dcom4j.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Who may write the store's files: the creation rule and the description of a file's owner and mode
 * for error messages. The key ACLs decide who may change what through dcom4j; the file system
 * decides who can write {@code registry.db} at all (see "Who may change the store" in the module
 * README). Stateless.
 *
 * <p>Creation rule: when a store is created and a Unix group named after the administrators group
 * exists, the state directory becomes {@code 2775} (setgid, so files created in it later get the
 * group) and the database {@code 0664}, both group-owned by it, so its members can write the store.
 * SQLite creates {@code -wal} and {@code -shm} with the database file's mode (and, run as root, its
 * owner), so they follow; {@link #shareSidecars} fixes them anyway. Without such a group, or when the
 * creator may not give files to it, everything keeps the creator's umask.
 */
final class StoreFiles {
    static final String WAL = "-wal";
    static final String SHM = "-shm";

    private StoreFiles() {
    }

    /** {@code registry.db-wal} and the like: SQLite's files next to the database. */
    static Path sidecar(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }

    /** The group, or null when no such Unix group exists (or the file system has no groups). */
    static GroupPrincipal group(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // UserPrincipalNotFoundException included
        }
    }

    /**
     * Before SQLite creates {@code db}: gives the directory (only when {@code dirIsNew}: it was just
     * created or was empty, so a home directory given as the state directory is never changed) and
     * an empty database file to {@code group}, group-writable. Best effort: a creator who may not
     * give files to the group keeps its umask.
     */
    static void prepareNew(Path dir, boolean dirIsNew, Path db, GroupPrincipal group) {
        if (group == null) {
            return;
        }
        if (dirIsNew) {
            try {
                Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
                Files.setAttribute(dir, "unix:mode", 02775);
            } catch (IOException | RuntimeException e) {
                return; // not ours to give away (EPERM), or no POSIX attributes: leave the umask
            }
        }
        try {
            Files.createFile(db);
        } catch (IOException e) {
            return; // another process is creating it: its rule applies
        }
        share(db, group);
    }

    /** Gives {@code -wal} and {@code -shm}, when present, the group and mode of the database. */
    static void shareSidecars(Path db, GroupPrincipal group) {
        if (group != null) {
            share(sidecar(db, WAL), group);
            share(sidecar(db, SHM), group);
        }
    }

    private static void share(Path f, GroupPrincipal group) {
        try {
            if (Files.exists(f)) {
                Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(group);
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
            }
        } catch (IOException | RuntimeException e) {
            // best effort, as above
        }
    }

    /** {@code owner root, mode rw-r--r--}, or what of it can be read. */
    static String describe(Path f) {
        try {
            return "owner " + Files.getOwner(f).getName() + ", mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        } catch (IOException | RuntimeException e) {
            return "owner and mode unreadable: " + e.getMessage();
        }
    }
}
