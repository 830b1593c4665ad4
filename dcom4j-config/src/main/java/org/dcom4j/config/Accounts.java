package org.dcom4j.config;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.dcom4j.ntlm.NtHash;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * The machine's local accounts for NTLM, as Windows' SAM keeps them: users with an NT hash, groups,
 * membership. Kept in {@code stateDir/accounts.db} (SQLite, WAL, {@code synchronous=FULL}), apart from
 * the world-readable {@code registry.db}, because an NT hash is password-equivalent: the file is
 * created {@code rw-------}, or {@code rw-rw----} of the Unix group
 * {@value LocalAccounts#DEFAULT_ADMINS_GROUP} when it exists, and a file others can read is refused
 * (see {@link AccountsDb}). Only NT hashes are stored, never passwords.
 *
 * <p><b>SIDs.</b> A user's SID is the machine SID plus a RID fixed when it is created: a user named
 * like a Unix user gets that user's RID, 1000 + 2 × uid ({@link LocalAccounts}), so its network
 * identity and its local (ncalrpc) identity are one SID; any other account gets the next RID from
 * {@value AccountsDb#FIRST_RID} up — above every RID the uid mapping gives for uids below 499,999,500,
 * so the two never meet in practice (a RID in use is never handed out twice). RIDs are never reused,
 * as Windows never reuses them: a deleted account's SID may still sit in ACEs. User-created groups
 * get their RID the same way; the builtin groups {@link Builtin} always exist.
 *
 * <p><b>Who may do what.</b> Every write needs an administrator's token ({@link Token#isAdministrator()})
 * and every read through {@link #open} too, else {@link AccessDeniedException}; {@link #forService}
 * is the daemon's read-only view, for which the file permissions decide. Every read goes to the
 * database (nothing is cached), so a change takes effect at the next authentication.
 *
 * <p>Account changes are written to the registry's {@link EventLog} with Windows' event ids (4720
 * created, 4724 password reset, 4726 deleted, 4731 group created, 4732 member added, 4733 member
 * removed); no secret is ever logged. Password arrays passed in are only read: the caller owns and
 * wipes them; the NT hashes computed here are wiped after use.
 *
 * <p>Thread-safe (one connection, used under a lock). Owns its connection; the {@link Registry} it was
 * opened with must stay open while it is used.
 */
public final class Accounts implements AutoCloseable {
    /** The event log source of account events (the Windows log they belong to). */
    public static final String EVENT_SOURCE = "Security";
    static final String NOT_ADMIN = "only administrators may read or change accounts";
    static final int USER_CREATED = 4720;
    static final int PASSWORD_RESET = 4724;
    static final int USER_DELETED = 4726;
    static final int GROUP_CREATED = 4731;
    static final int MEMBER_ADDED = 4732;
    static final int MEMBER_REMOVED = 4733;

    /** The groups every account store has. */
    public enum Builtin {
        ADMINISTRATORS("Administrators", WellKnownSids.BUILTIN_ADMINISTRATORS),
        DISTRIBUTED_COM_USERS("Distributed COM Users", WellKnownSids.DISTRIBUTED_COM_USERS);

        private final String groupName;
        private final Sid sid;

        Builtin(String groupName, Sid sid) {
            this.groupName = groupName;
            this.sid = sid;
        }

        public String groupName() {
            return groupName;
        }

        public Sid sid() {
            return sid;
        }
    }

    /** A user as {@link #users()} lists it; no hash. */
    public record UserInfo(String name, Sid sid, Instant created, Instant passwordChanged, boolean disabled,
                           List<String> groups) {
        public UserInfo {
            groups = List.copyOf(groups);
        }
    }

    /** A group as {@link #groups()} lists it. */
    public record GroupInfo(String name, Sid sid, boolean builtin, List<String> members) {
        public GroupInfo {
            members = List.copyOf(members);
        }
    }

    private final AccountsDb db;
    private final Sid machineSid;
    private final LocalAccounts local;
    private final EventLog log;
    private final Token caller;

    private Accounts(AccountsDb db, Sid machineSid, LocalAccounts local, EventLog log, Token caller) {
        this.db = db;
        this.machineSid = machineSid;
        this.local = local;
        this.log = log;
        this.caller = caller;
    }

    /** {@link #open(Registry, LocalAccounts, Token)} with the system's Unix users. */
    public static Accounts open(Registry registry, Token caller) {
        return open(registry, LocalAccounts.open(registry), caller);
    }

    /**
     * The account store of {@code registry}'s state directory, for an administrator: refused
     * ({@link AccessDeniedException}) unless {@code caller} is one, and every call checks again. The file is created (private, see the class comment) by the
     * first call that needs it, never by a refused one. {@code local} names the Unix users whose RIDs
     * new accounts share.
     */
    public static Accounts open(Registry registry, LocalAccounts local, Token caller) {
        Objects.requireNonNull(caller, "caller");
        if (!caller.isAdministrator()) {
            throw new AccessDeniedException(file(registry).toString(), "open", caller, NOT_ADMIN);
        }
        return new Accounts(new AccountsDb(file(registry), adminGroups(local), registry.machineSid(), true),
                registry.machineSid(), local, registry.eventLog(), caller);
    }

    /**
     * The daemon's view: reads only ({@link #find}, {@link #networkToken}, the lists), with no token
     * check — whether this process may read the file at all is the file system's decision. No
     * accounts while the file does not exist; it is looked for again at every read.
     */
    public static Accounts forService(Registry registry) {
        LocalAccounts local = LocalAccounts.open(registry);
        return new Accounts(new AccountsDb(file(registry), adminGroups(local), registry.machineSid(), false),
                registry.machineSid(), local, registry.eventLog(), null);
    }

    /** The groups {@link LocalAccounts#open(Registry, Accounts)} adds to a Unix user's token, read on this store's connection. */
    Set<Sid> groupsOfUnixUser(String unixName, Sid unixSid) {
        return AccountRows.groupsOfUnixUser(db, machineSid, unixName, unixSid);
    }

    static Path file(Registry registry) {
        return registry.file().resolveSibling(AccountsDb.FILE_NAME);
    }

    static Set<String> adminGroups(LocalAccounts local) {
        return Set.copyOf(List.of(local.adminsGroup(), LocalAccounts.DEFAULT_ADMINS_GROUP));
    }

    /** The database file. */
    public Path file() {
        return db.file();
    }

    /**
     * Creates a user; returns its SID.
     *
     * @throws AccessDeniedException    when the caller is not an administrator
     * @throws IllegalArgumentException for a bad name or password, or a name in use by a user or group
     */
    public Sid addUser(String name, char[] password) {
        requireAdmin("DOMAIN_CREATE_USER");
        AccountNames.user(name);
        AccountNames.password(password);
        byte[] hash = NtHash.of(password);
        try {
            long now = AccountsDb.micros(Instant.now());
            Sid sid = db.transaction(true, c -> {
                AccountRows.requireUnused(c, name);
                long rid = unixRid(name).orElse(-1L);
                if (rid >= 0) {
                    String holder = AccountRows.one(c, "SELECT name FROM users WHERE rid = ?", rid);
                    if (holder != null) {
                        throw new IllegalArgumentException("user \"" + name + "\" would get RID " + rid
                                + " (its Unix namesake's), which account \"" + holder + "\" already has");
                    }
                } else {
                    rid = AccountRows.allocateRid(c, machineSid, db.file());
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, name_fold, rid, nt_hash,"
                        + " created, password_changed, disabled) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
                    ps.setString(1, name);
                    ps.setString(2, KeyPath.fold(name));
                    ps.setLong(3, rid);
                    ps.setBytes(4, hash);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    ps.executeUpdate();
                }
                return sid(rid);
            });
            event(USER_CREATED, "A user account was created: " + name + " (" + sid + ")", target(name, sid));
            return sid;
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /**
     * Sets a user's password (an administrator's reset: the old one is not asked for).
     *
     * @throws IllegalArgumentException for an unknown user or a bad password
     */
    public void setPassword(String name, char[] password) {
        requireAdmin("USER_FORCE_PASSWORD_CHANGE");
        AccountNames.password(password);
        byte[] hash = NtHash.of(password);
        String[] stored = new String[1];
        try {
            Sid sid = db.transaction(true, c -> {
                long rid = AccountRows.userRid(c, name);
                stored[0] = AccountRows.one(c, "SELECT name FROM users WHERE rid = ?", rid);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE users SET nt_hash = ?, password_changed = ? WHERE rid = ?")) {
                    ps.setBytes(1, hash);
                    ps.setLong(2, AccountsDb.micros(Instant.now()));
                    ps.setLong(3, rid);
                    ps.executeUpdate();
                }
                return sid(rid);
            });
            event(PASSWORD_RESET, "An attempt was made to reset an account's password: " + stored[0] + " (" + sid + ")",
                    target(stored[0], sid));
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** Deletes a user and its memberships; returns its SID. Its RID is never handed out again. */
    public Sid deleteUser(String name) {
        requireAdmin("DELETE");
        String[] stored = new String[1];
        Sid sid = db.transaction(true, c -> {
            long rid = AccountRows.userRid(c, name);
            stored[0] = AccountRows.one(c, "SELECT name FROM users WHERE rid = ?", rid);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE rid = ?")) {
                ps.setLong(1, rid);
                ps.executeUpdate();
            }
            return sid(rid);
        });
        event(USER_DELETED, "A user account was deleted: " + stored[0] + " (" + sid + ")", target(stored[0], sid));
        return sid;
    }

    /** Creates a local group (machine SID + a new RID); returns its SID. */
    public Sid addGroup(String name) {
        requireAdmin("DOMAIN_CREATE_ALIAS");
        AccountNames.group(name);
        Sid sid = db.transaction(true, c -> {
            AccountRows.requireUnused(c, name);
            Sid s = sid(AccountRows.allocateRid(c, machineSid, db.file()));
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO groups (name, name_fold, sid, builtin, created) VALUES (?, ?, ?, 0, ?)")) {
                ps.setString(1, name);
                ps.setString(2, KeyPath.fold(name));
                ps.setString(3, s.toString());
                ps.setLong(4, AccountsDb.micros(Instant.now()));
                ps.executeUpdate();
            }
            return s;
        });
        event(GROUP_CREATED, "A security-enabled local group was created: " + name + " (" + sid + ")",
                target(name, sid));
        return sid;
    }

    /** Adds {@code user} to {@code group}; false when it was a member already. */
    public boolean addMember(String group, String user) {
        return membership(group, user, true);
    }

    /** Removes {@code user} from {@code group}; false when it was not a member. */
    public boolean removeMember(String group, String user) {
        return membership(group, user, false);
    }

    private boolean membership(String group, String user, boolean add) {
        requireAdmin(add ? "ALIAS_ADD_MEMBER" : "ALIAS_REMOVE_MEMBER");
        String[] names = new String[4]; // group name, group SID, user name, user SID
        boolean changed = db.transaction(true, c -> {
            long g;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, sid FROM groups WHERE name_fold = ?")) {
                ps.setString(1, KeyPath.fold(group));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no such group: \"" + group + "\"");
                    }
                    g = rs.getLong(1);
                    names[0] = rs.getString(2);
                    names[1] = rs.getString(3);
                }
            }
            long rid = AccountRows.userRid(c, user);
            names[2] = AccountRows.one(c, "SELECT name FROM users WHERE rid = ?", rid);
            names[3] = sid(rid).toString();
            try (PreparedStatement ps = c.prepareStatement(add
                    ? "INSERT OR IGNORE INTO members (group_id, user_id) SELECT ?, id FROM users WHERE rid = ?"
                    : "DELETE FROM members WHERE group_id = ? AND user_id = (SELECT id FROM users WHERE rid = ?)")) {
                ps.setLong(1, g);
                ps.setLong(2, rid);
                return ps.executeUpdate() > 0;
            }
        });
        if (changed) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("MemberName", names[2]);
            f.put("MemberSid", names[3]);
            f.putAll(target(names[0], Sid.parse(names[1])));
            event(add ? MEMBER_ADDED : MEMBER_REMOVED, "A member was " + (add ? "added to" : "removed from")
                    + " a security-enabled local group: " + names[2] + " (" + names[3] + ") "
                    + (add ? "to " : "from ") + names[0] + " (" + names[1] + ")", f);
        }
        return changed;
    }

    /** Every user, in case-insensitive name order, with the names of its groups; no hashes. */
    public List<UserInfo> users() {
        requireReader("DOMAIN_LIST_ACCOUNTS");
        if (!readable()) {
            return List.of();
        }
        return db.transaction(false, c -> {
            List<UserInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.name, u.rid, u.created, u.password_changed,"
                    + " u.disabled, (SELECT group_concat(name, char(10)) FROM (SELECT g.name FROM members m JOIN groups g"
                    + " ON g.id = m.group_id WHERE m.user_id = u.id ORDER BY g.name_fold))"
                    + " FROM users u ORDER BY u.name_fold");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UserInfo(rs.getString(1), sid(rs.getLong(2)), AccountsDb.instant(rs.getLong(3)),
                            AccountsDb.instant(rs.getLong(4)), rs.getInt(5) != 0, AccountRows.lines(rs.getString(6))));
                }
            }
            return out;
        });
    }

    /** Every group (builtin ones included), in case-insensitive name order, with its members' names. */
    public List<GroupInfo> groups() {
        requireReader("DOMAIN_LIST_ACCOUNTS");
        if (!readable()) {
            return List.of();
        }
        return db.transaction(false, c -> {
            List<GroupInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.name, g.sid, g.builtin,"
                    + " (SELECT group_concat(name, char(10)) FROM (SELECT u.name FROM members m JOIN users u"
                    + " ON u.id = m.user_id WHERE m.group_id = g.id ORDER BY u.name_fold))"
                    + " FROM groups g ORDER BY g.name_fold");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GroupInfo(rs.getString(1), Sid.parse(rs.getString(2)), rs.getInt(3) != 0,
                            AccountRows.lines(rs.getString(4))));
                }
            }
            return out;
        });
    }

    /** The user {@code name} (case-insensitive) with its NT hash and group SIDs, read now from the file. */
    public Optional<Account> find(String name) {
        requireReader("DOMAIN_LOOKUP");
        if (name == null || name.isEmpty() || name.length() > AccountNames.MAX_USER || !readable()) {
            return Optional.empty();
        }
        return db.transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, rid, nt_hash, disabled FROM users WHERE name_fold = ?")) {
                ps.setString(1, KeyPath.fold(name));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Account>empty();
                    }
                    byte[] hash = rs.getBytes(4);
                    try {
                        return Optional.of(new Account(rs.getString(2), sid(rs.getLong(3)), hash,
                                AccountRows.groupSids(c, rs.getLong(1)), rs.getInt(5) != 0));
                    } finally {
                        Arrays.fill(hash, (byte) 0);
                    }
                }
            }
        });
    }

    /**
     * The token of a network logon by {@code name}: its SID; the SIDs of its groups; Everyone,
     * Authenticated Users, NETWORK and BUILTIN\Users — not LOCAL or INTERACTIVE. Empty for an unknown
     * or disabled account. Unix group memberships do not count here: a network identity's groups are
     * the account store's.
     */
    public Optional<Token> networkToken(String name) {
        Optional<Account> a = find(name);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        try (Account account = a.get()) {
            return networkToken(account);
        }
    }

    /**
     * {@link #networkToken(String)} for an account already read with {@link #find} (so an NTLM
     * server checks the hash and builds the token from one read); empty when it is disabled.
     */
    public static Optional<Token> networkToken(Account account) {
        if (account.disabled()) {
            return Optional.empty();
        }
        Set<Sid> groups = new LinkedHashSet<>(List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS,
                WellKnownSids.NETWORK, WellKnownSids.BUILTIN_USERS));
        groups.addAll(account.groups());
        return Optional.of(Token.of(account.name(), account.sid(), groups));
    }

    private boolean readable() {
        return caller != null || db.exists(); // an administrator's store is created on first use
    }

    private void requireAdmin(String right) {
        if (caller == null) {
            throw new IllegalStateException("the service's view of the account store " + db.file() + " is read-only");
        }
        if (!caller.isAdministrator()) {
            throw new AccessDeniedException(db.file().toString(), right, caller, NOT_ADMIN);
        }
    }

    private void requireReader(String right) {
        if (caller != null && !caller.isAdministrator()) {
            throw new AccessDeniedException(db.file().toString(), right, caller, NOT_ADMIN);
        }
    }

    /** The RID of the Unix user named {@code name} (or its lower-case form), if there is one. */
    private Optional<Long> unixRid(String name) {
        Optional<Sid> s = local.userSid(name);
        String lower = name.toLowerCase(Locale.ROOT);
        if (s.isEmpty() && !lower.equals(name)) {
            s = local.userSid(lower);
        }
        return s.map(Sid::rid);
    }

    private Sid sid(long rid) {
        return machineSid.child((int) rid);
    }

    private Map<String, String> target(String name, Sid sid) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("TargetUserName", name);
        f.put("TargetSid", sid.toString());
        f.put("SubjectUserName", caller.name());
        f.put("SubjectUserSid", caller.user().toString());
        return f;
    }

    private void event(int id, String message, Map<String, String> fields) {
        log.append(SecurityEvent.Level.INFORMATION, EVENT_SOURCE, id, message + " by " + caller.name(), fields);
    }

    /**
     * These accounts as an NTLM server looks them up: the account (not disabled), its NT hash and its
     * network-logon token, read together at every logon (so changes apply at once); unknown or disabled
     * accounts look the same (empty). The hash copies this method makes are wiped.
     */
    public org.dcom4j.ntlm.NtlmAccounts ntlmAccounts() {
        return (domain, user) -> {
            Optional<Account> found = find(user);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try (Account a = found.get()) {
                if (a.disabled()) {
                    return Optional.empty();
                }
                byte[] hash = a.ntHash();
                try {
                    return networkToken(a).map(t -> new org.dcom4j.ntlm.NtlmAccount(a.name(), hash, t)); // one read: hash and groups agree
                } finally {
                    java.util.Arrays.fill(hash, (byte) 0);
                }
            }
        };
    }

    @Override
    public void close() {
        db.close();
    }
}
