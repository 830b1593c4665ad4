package org.dcom4j.security;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An access token: who a caller is for every access check. The user SID and the group SIDs are
 * all matched against ACE trustees; the token is immutable and compares by value (hash
 * precomputed), so it can key a decision cache.
 *
 * <p>Everyone (S-1-1-0) is a group like any other: an anonymous token does not hold it unless a
 * caller adds it, which is why the DCOM tables list Everyone and ANONYMOUS LOGON separately.
 */
public final class Token {
    private final String name;
    private final Sid user;
    private final Set<Sid> groups;
    private final boolean anonymous;
    private final int hash;

    private Token(String name, Sid user, Set<Sid> groups, boolean anonymous) {
        this.name = Objects.requireNonNull(name, "name");
        this.user = Objects.requireNonNull(user, "user");
        this.groups = groups;
        this.anonymous = anonymous;
        this.hash = Objects.hash(user, groups, anonymous);
    }

    /** An authenticated token; Authenticated Users is not added implicitly, callers list every group. */
    public static Token of(String name, Sid user, Collection<Sid> groups) {
        return new Token(name, user, Collections.unmodifiableSet(new LinkedHashSet<>(groups)), false);
    }

    /**
     * The ANONYMOUS LOGON token: user S-1-5-7, plus {@code extraGroups} (for a remote caller
     * NETWORK). Neither Everyone nor Authenticated Users.
     */
    public static Token anonymous(Collection<Sid> extraGroups) {
        return new Token("NT AUTHORITY\\ANONYMOUS LOGON", WellKnownSids.ANONYMOUS,
                Collections.unmodifiableSet(new LinkedHashSet<>(extraGroups)), true);
    }

    /** The account name, for messages. */
    public String name() {
        return name;
    }

    public Sid user() {
        return user;
    }

    /** The group SIDs, in the order given. */
    public Set<Sid> groups() {
        return groups;
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    /** True when {@code sid} is this token's user or one of its groups. */
    public boolean contains(Sid sid) {
        return user.equals(sid) || groups.contains(sid);
    }

    public boolean isAdministrator() {
        return contains(WellKnownSids.BUILTIN_ADMINISTRATORS);
    }

    /** This token with more groups. */
    public Token withGroups(Collection<Sid> more) {
        Set<Sid> all = new LinkedHashSet<>(groups);
        all.addAll(more);
        return new Token(name, user, Collections.unmodifiableSet(all), anonymous);
    }

    /** This token without {@code sids} among its groups. */
    public Token withoutGroups(Collection<Sid> sids) {
        Set<Sid> all = new LinkedHashSet<>(groups);
        all.removeAll(sids);
        return new Token(name, user, Collections.unmodifiableSet(all), anonymous);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && hash == t.hash && anonymous == t.anonymous && user.equals(t.user)
                && groups.equals(t.groups);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code name (S-…) groups=[…]} with well-known names. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(user).append(')');
        sb.append(" groups=[");
        String sep = "";
        for (Sid g : groups) {
            sb.append(sep).append(WellKnownSids.name(g).orElse(g.toString()));
            sep = ", ";
        }
        return sb.append(']').toString();
    }
}
