package org.dcom4j.config;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import org.dcom4j.security.Sid;

/**
 * One account of the {@link Accounts} store as an authentication needs it: name (as created), SID,
 * NT hash, the SIDs of its groups, and whether it is disabled.
 *
 * <p>It holds a copy of the NT hash, which is password-equivalent: {@link #ntHash()} hands out a
 * fresh copy the caller owns (and should wipe), and {@link #close()} wipes this object's own copy.
 * {@link #toString()} never shows the hash. Not thread-safe once {@link #close()} may run.
 */
public final class Account implements AutoCloseable {
    private final String name;
    private final Sid sid;
    private final byte[] ntHash;
    private final Set<Sid> groups;
    private final boolean disabled;

    Account(String name, Sid sid, byte[] ntHash, Set<Sid> groups, boolean disabled) {
        this.name = Objects.requireNonNull(name, "name");
        this.sid = Objects.requireNonNull(sid, "sid");
        this.ntHash = ntHash.clone();
        this.groups = Set.copyOf(groups);
        this.disabled = disabled;
    }

    /** The name as it was created (lookups are case-insensitive). */
    public String name() {
        return name;
    }

    public Sid sid() {
        return sid;
    }

    /** A copy of the 16-byte NT hash (MD4 of the UTF-16LE password), owned by the caller; all zero after {@link #close()}. */
    public byte[] ntHash() {
        return ntHash.clone();
    }

    /** The SIDs of the account store's groups this account is a member of. */
    public Set<Sid> groups() {
        return groups;
    }

    /** A disabled account must not log on. */
    public boolean disabled() {
        return disabled;
    }

    /** Wipes this object's copy of the NT hash. */
    @Override
    public void close() {
        Arrays.fill(ntHash, (byte) 0);
    }

    @Override
    public String toString() {
        return "Account[" + name + ", " + sid + (disabled ? ", disabled" : "") + ", groups=" + groups + "]";
    }
}
