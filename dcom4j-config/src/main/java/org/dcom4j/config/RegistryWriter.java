package org.dcom4j.config;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dcom4j.security.AccessCheck;
import org.dcom4j.security.AccessMask;
import org.dcom4j.security.AccessResult;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.SecurityFormatException;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;

/**
 * The writes of one {@link Registry#batch} transaction, each checked against the descriptor of the
 * key it touches with {@link AccessCheck} and {@link AccessMask#KEY_MAPPING}. Confined to the thread
 * running the batch and usable only until the batch's body returns.
 */
final class RegistryWriter implements Registry.Batch {
    private static final int DACL_BITS = SecurityDescriptor.DACL_PRESENT | SecurityDescriptor.DACL_DEFAULTED
            | SecurityDescriptor.DACL_TRUSTED | SecurityDescriptor.DACL_AUTO_INHERIT_REQ
            | SecurityDescriptor.DACL_AUTO_INHERITED | SecurityDescriptor.DACL_PROTECTED;
    private static final int SACL_BITS = SecurityDescriptor.SACL_PRESENT | SecurityDescriptor.SACL_DEFAULTED
            | SecurityDescriptor.SACL_AUTO_INHERIT_REQ | SecurityDescriptor.SACL_AUTO_INHERITED
            | SecurityDescriptor.SACL_PROTECTED;

    private final KeyStore ks;
    private final Token token;
    private final long now = KeyStore.nowMicros();
    private boolean done;

    RegistryWriter(KeyStore ks, Token token) {
        this.ks = ks;
        this.token = token;
    }

    void finish() {
        done = true;
    }

    @Override
    public void createKey(String key) {
        run(() -> ensureKey(KeyPath.parse(key)));
    }

    @Override
    public void set(String key, RegValue value) {
        Objects.requireNonNull(value, "value");
        run(() -> {
            KeyStore.KeyRow row = ensureKey(KeyPath.parse(key));
            check(row, AccessMask.KEY_SET_VALUE, "KEY_SET_VALUE");
            ks.putValue(row.id(), value);
            ks.touch(row.id(), now);
            return null;
        });
    }

    @Override
    public boolean deleteValue(String key, String name) {
        return run(() -> {
            KeyStore.KeyRow row = ks.find(KeyPath.parse(key));
            if (row == null || ks.value(row.id(), name).isEmpty()) {
                return false;
            }
            check(row, AccessMask.KEY_SET_VALUE, "KEY_SET_VALUE");
            ks.deleteValue(row.id(), name);
            ks.touch(row.id(), now);
            return true;
        });
    }

    @Override
    public boolean deleteKey(String key) {
        return run(() -> {
            KeyPath p = KeyPath.parse(key);
            if (p.isRoot()) {
                throw new IllegalArgumentException("cannot delete the root key " + p.canonical());
            }
            KeyStore.KeyRow row = ks.find(p);
            if (row == null) {
                return false;
            }
            // RegDeleteTree deletes every key below one by one, each needing DELETE.
            for (KeyStore.KeyRow r : ks.subtree(row)) {
                check(r, AccessMask.DELETE, "DELETE");
            }
            ks.deleteSubtree(row);
            KeyStore.KeyRow parent = ks.find(p.parent());
            if (parent != null) {
                ks.touch(parent.id(), now);
            }
            return true;
        });
    }

    @Override
    public void setKeySecurity(String key, SecurityDescriptor sd) {
        Objects.requireNonNull(sd, "sd");
        run(() -> {
            KeyPath p = KeyPath.parse(key);
            KeyStore.KeyRow row = ks.find(p);
            if (row == null) {
                throw new IllegalArgumentException("no such key: " + p.canonical());
            }
            SecurityDescriptor current = parse(row);
            check(row, AccessMask.WRITE_DAC, "WRITE_DAC");
            Sid owner = sd.owner() != null ? sd.owner() : current.owner();
            Sid group = sd.group() != null ? sd.group() : current.group();
            if (!Objects.equals(owner, current.owner()) || !Objects.equals(group, current.group())) {
                check(row, AccessMask.WRITE_OWNER, "WRITE_OWNER");
                if (owner != null && !token.contains(owner) && !token.isAdministrator()) {
                    throw new AccessDeniedException(row.path(), "WRITE_OWNER", token,
                            "only an administrator may make " + owner + " the owner; others may take ownership only for themselves or their groups");
                }
            }
            if (sd.saclPresent() && !token.isAdministrator()) {
                throw new AccessDeniedException(row.path(), "ACCESS_SYSTEM_SECURITY", token,
                        "only an administrator may set a SACL");
            }
            SecurityDescriptor daclFrom = sd.daclPresent() ? sd : current;
            SecurityDescriptor saclFrom = sd.saclPresent() ? sd : current;
            SecurityDescriptor next = new SecurityDescriptor((daclFrom.control() & DACL_BITS)
                    | (saclFrom.control() & SACL_BITS), owner, group, saclFrom.sacl(), daclFrom.dacl());
            if (!p.isRoot()) {
                next = KeySecurity.reinherit(next, parse(ks.find(p.parent())));
            }
            ks.updateSd(row.id(), next.toBytes());
            propagate(row, next);
            return null;
        });
    }

    /** Re-inherits every unprotected key below {@code top}, parents first, as SetSecurityInfo does. */
    private void propagate(KeyStore.KeyRow top, SecurityDescriptor topSd) throws SQLException {
        List<KeyStore.KeyRow> rows = ks.subtree(top);
        Map<String, SecurityDescriptor> done = new HashMap<>();
        done.put(top.fold(), topSd);
        for (KeyStore.KeyRow r : rows.subList(1, rows.size())) {
            String f = r.fold();
            SecurityDescriptor parentSd = done.get(f.substring(0, f.lastIndexOf('\\')));
            if (parentSd == null) {
                continue; // its parent's descriptor is unreadable: left alone, and so is everything below
            }
            SecurityDescriptor mine;
            try {
                mine = SecurityDescriptor.fromBytes(r.sd());
            } catch (SecurityFormatException e) {
                continue;
            }
            SecurityDescriptor next = KeySecurity.reinherit(mine, parentSd);
            if (!next.equals(mine)) {
                ks.updateSd(r.id(), next.toBytes());
            }
            done.put(f, next);
        }
    }

    /** The key, created (with every missing ancestor) when absent; each creation is checked. */
    private KeyStore.KeyRow ensureKey(KeyPath p) throws SQLException {
        KeyStore.KeyRow row = ks.find(p);
        if (row != null) {
            return row;
        }
        int depth = p.components().size();
        int d = depth - 1;
        KeyStore.KeyRow anc = null;
        for (; d >= 0; d--) {
            anc = ks.find(p.prefix(d));
            if (anc != null) {
                break;
            }
        }
        if (anc == null) {
            throw new ConfigStoreException("root key " + p.hive() + " is missing from the config store");
        }
        for (int i = d + 1; i <= depth; i++) {
            check(anc, AccessMask.KEY_CREATE_SUB_KEY, "KEY_CREATE_SUB_KEY");
            String path = anc.path() + "\\" + p.components().get(i - 1);
            SecurityDescriptor sd = KeySecurity.forNewKey(parse(anc), token);
            byte[] bytes = sd.toBytes();
            long id = ks.insertKey(anc.id(), path, bytes, now);
            ks.touch(anc.id(), now);
            anc = new KeyStore.KeyRow(id, path, bytes);
        }
        return anc;
    }

    private SecurityDescriptor parse(KeyStore.KeyRow row) {
        try {
            return SecurityDescriptor.fromBytes(row.sd());
        } catch (SecurityFormatException e) {
            throw new AccessDeniedException(row.path(), "any access", token,
                    "the key's security descriptor is unreadable (" + e.getMessage() + "); access fails closed");
        }
    }

    private void check(KeyStore.KeyRow row, int right, String rightName) {
        SecurityDescriptor sd = parse(row);
        AccessResult r = AccessCheck.check(sd, token, right, AccessMask.KEY_MAPPING);
        if (r.allowed()) {
            return;
        }
        String reason = r.reason() == AccessResult.Reason.DENIED_BY_ACE && r.decidingAce() >= 0
                ? "denied by ACE #" + (r.decidingAce() + 1) + " " + sd.dacl().aces().get(r.decidingAce())
                : "no ACE grants it";
        throw new AccessDeniedException(row.path(), rightName, token, reason);
    }

    @FunctionalInterface
    private interface Op<T> {
        T run() throws SQLException;
    }

    private <T> T run(Op<T> op) {
        if (done) {
            throw new IllegalStateException("a Registry.Batch may be used only inside its batch");
        }
        try {
            return op.run();
        } catch (SQLException e) {
            throw new ConfigStoreException("config store: " + e.getMessage(), e);
        }
    }
}
