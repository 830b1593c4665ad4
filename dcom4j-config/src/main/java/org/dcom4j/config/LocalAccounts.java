package org.dcom4j.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * Local identity: the machine SID and the mapping of Unix users and groups to SIDs and tokens.
 *
 * <p><b>Mapping rule</b> (Samba's "algorithmic" RIDs: users even, groups odd), under the machine SID
 * {@code S-1-5-21-a-b-c} created with the store:
 * <pre>
 *   user  RID = 1000 + 2 × uid        root (uid 0) → RID 1000
 *   group RID = 1001 + 2 × gid        gid 0        → RID 1001
 * </pre>
 * ids above {@value #MAX_ID} do not fit a 32-bit RID and are refused.
 *
 * <p>A user's token holds its user SID, the SIDs of its primary and supplementary Unix groups,
 * Everyone, Authenticated Users, LOCAL, INTERACTIVE and BUILTIN\Users; BUILTIN\Administrators for
 * uid 0 and members of the admins group ({@value #DEFAULT_ADMINS_GROUP} unless configured);
 * Distributed COM Users for members of the DCOM users group ({@value #DEFAULT_DCOM_USERS_GROUP}).
 * When opened with {@link #open(Registry)}, also the SIDs of the {@link Accounts} groups of the
 * account that has the Unix user's name <em>and</em> SID (created for that user), read from
 * {@code accounts.db} at every call when this process can read it.
 *
 * <p>Immutable and thread-safe (the directory is asked on every call, so group changes take effect
 * on the next token).
 */
public final class LocalAccounts {
    public static final String DEFAULT_ADMINS_GROUP = "dcom4j-admins";
    public static final String DEFAULT_DCOM_USERS_GROUP = "dcom4j-dcom-users";
    /** Where {@link #open(Registry)} reads the group names: REG_SZ values AdminsGroup and DcomUsersGroup. */
    public static final String IDENTITY_KEY = "HKLM\\SOFTWARE\\dcom4j\\Identity";
    /** The largest uid or gid that maps to a 32-bit RID. */
    public static final int MAX_ID = 2_147_483_147;
    static final int USER_RID_BASE = 1000;
    static final int GROUP_RID_BASE = 1001;

    /** A Unix account: name, uid and primary gid. */
    public record UnixUser(String name, int uid, int gid) {
    }

    /** A Unix group: name, gid and the users listed as its members. */
    public record UnixGroup(String name, int gid, List<String> members) {
        public UnixGroup {
            members = List.copyOf(members);
        }
    }

    /** Where users and groups come from; implementations must be thread-safe. */
    public interface Directory {
        Optional<UnixUser> user(String name);

        Optional<UnixUser> user(int uid);

        Optional<UnixGroup> group(String name);

        Optional<UnixGroup> group(int gid);

        /** The groups that list {@code user} as a member (its supplementary groups). */
        List<UnixGroup> groupsWithMember(String user);

        /** The system's: {@code getent passwd}/{@code getent group}, else {@code /etc/passwd} and {@code /etc/group}. */
        static Directory system() {
            return new UnixDirectory.SystemDirectory();
        }

        /** Over the text of a passwd and a group file (for tests and for files copied from elsewhere). */
        static Directory of(String passwd, String group) {
            return new UnixDirectory.TextDirectory(passwd, group);
        }
    }

    private final Sid machineSid;
    private final Directory directory;
    private final String adminsGroup;
    private final String dcomUsersGroup;
    private final AccountGroups accountGroups;

    /** The groups the account store gives a Unix user (name, user SID); must be thread-safe. */
    @FunctionalInterface
    interface AccountGroups {
        AccountGroups NONE = (name, sid) -> Set.of();

        Set<Sid> of(String unixName, Sid userSid);
    }

    public LocalAccounts(Sid machineSid, Directory directory, String adminsGroup, String dcomUsersGroup) {
        this(machineSid, directory, adminsGroup, dcomUsersGroup, AccountGroups.NONE);
    }

    LocalAccounts(Sid machineSid, Directory directory, String adminsGroup, String dcomUsersGroup,
                  AccountGroups accountGroups) {
        this.machineSid = Objects.requireNonNull(machineSid, "machineSid");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.adminsGroup = Objects.requireNonNull(adminsGroup, "adminsGroup");
        this.dcomUsersGroup = Objects.requireNonNull(dcomUsersGroup, "dcomUsersGroup");
        this.accountGroups = Objects.requireNonNull(accountGroups, "accountGroups");
    }

    /** The store's machine SID, the system directory, group names from {@value #IDENTITY_KEY} or the defaults. */
    public static LocalAccounts open(Registry registry) {
        return open(registry, Directory.system());
    }

    /** As {@link #open(Registry)} with another directory. */
    public static LocalAccounts open(Registry registry, Directory directory) {
        Sid machine = registry.machineSid();
        String admins = groupName(registry, "AdminsGroup", DEFAULT_ADMINS_GROUP);
        Path stateDir = registry.file().getParent();
        Set<String> adminGroups = Set.copyOf(List.of(admins, DEFAULT_ADMINS_GROUP));
        return new LocalAccounts(machine, directory, admins,
                groupName(registry, "DcomUsersGroup", DEFAULT_DCOM_USERS_GROUP),
                (name, sid) -> AccountRows.groupsOfUnixUser(stateDir, machine, adminGroups, name, sid));
    }

    /**
     * As {@link #open(Registry)}, but the account groups are read through {@code accounts} (the
     * daemon's {@link Accounts#forService} view), whose connection stays open: a daemon that opened it
     * before giving up root keeps reading a store its new user could not open.
     */
    public static LocalAccounts open(Registry registry, Accounts accounts) {
        return open(registry, Directory.system(), accounts);
    }

    /** As {@link #open(Registry, Accounts)} with another directory. */
    public static LocalAccounts open(Registry registry, Directory directory, Accounts accounts) {
        Objects.requireNonNull(accounts, "accounts");
        return new LocalAccounts(registry.machineSid(), directory, groupName(registry, "AdminsGroup", DEFAULT_ADMINS_GROUP),
                groupName(registry, "DcomUsersGroup", DEFAULT_DCOM_USERS_GROUP), accounts::groupsOfUnixUser);
    }

    private static String groupName(Registry r, String value, String dflt) {
        return r.get(IDENTITY_KEY, value).filter(v -> v.type().isString()).map(RegValue::asString)
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(dflt);
    }

    public Sid machineSid() {
        return machineSid;
    }

    public String adminsGroup() {
        return adminsGroup;
    }

    public String dcomUsersGroup() {
        return dcomUsersGroup;
    }

    /** The SID of uid {@code uid}: RID 1000 + 2 × uid. */
    public Sid userSid(int uid) {
        return machineSid.child(USER_RID_BASE + 2 * checkId(uid, "uid"));
    }

    /** The SID of gid {@code gid}: RID 1001 + 2 × gid. */
    public Sid groupSid(int gid) {
        return machineSid.child(GROUP_RID_BASE + 2 * checkId(gid, "gid"));
    }

    /** The SID of the Unix user {@code name}, if there is one. */
    public Optional<Sid> userSid(String name) {
        return directory.user(name).filter(u -> u.uid() >= 0 && u.uid() <= MAX_ID).map(u -> userSid(u.uid()));
    }

    /** The SID of the Unix group {@code name}, if there is one. */
    public Optional<Sid> groupSid(String name) {
        return directory.group(name).filter(g -> g.gid() >= 0 && g.gid() <= MAX_ID).map(g -> groupSid(g.gid()));
    }

    private static int checkId(int id, String what) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException(what + " out of range for a SID: " + what + "=" + Integer.toUnsignedLong(id)
                    + ", limit=" + MAX_ID);
        }
        return id;
    }

    /**
     * The token of the Unix user {@code unixName}.
     *
     * @throws IllegalArgumentException when there is no such user
     */
    public Token tokenForUser(String unixName) {
        UnixUser u = directory.user(unixName).orElseThrow(() -> new IllegalArgumentException(
                "unknown Unix user \"" + unixName + "\": not found by getent passwd nor in /etc/passwd"));
        return token(u, supplementaryGids(u.name()));
    }

    /**
     * The token of uid {@code uid} (as a peer's kernel credentials give it). A uid without a passwd
     * entry still gets a token, named {@code uid=N}, with the built-in groups but no Unix groups.
     */
    public Token tokenForUid(int uid) {
        checkId(uid, "uid");
        Optional<UnixUser> u = directory.user(uid);
        if (u.isEmpty()) {
            return token(new UnixUser("uid=" + uid, uid, -1), List.of());
        }
        return token(u.get(), supplementaryGids(u.get().name()));
    }

    /** The token of the user running this JVM, groups as the kernel gave them to the process. */
    public Token currentUser() {
        long[] ids = ProcessIds.current();
        int uid = (int) ids[0];
        String name = directory.user(uid).map(UnixUser::name).orElse(System.getProperty("user.name", "uid=" + uid));
        List<Integer> groups = new ArrayList<>();
        for (int i = 2; i < ids.length; i++) {
            groups.add((int) ids[i]);
        }
        return token(new UnixUser(name, uid, (int) ids[1]), groups);
    }

    private List<Integer> supplementaryGids(String user) {
        return directory.groupsWithMember(user).stream().map(UnixGroup::gid).toList();
    }

    private Token token(UnixUser u, List<Integer> supplementary) {
        Set<Integer> gids = new LinkedHashSet<>();
        if (u.gid() >= 0) {
            gids.add(u.gid());
        }
        gids.addAll(supplementary);
        Set<Sid> groups = new LinkedHashSet<>();
        for (int gid : gids) {
            if (gid >= 0 && gid <= MAX_ID) {
                groups.add(groupSid(gid));
            }
        }
        groups.add(WellKnownSids.EVERYONE);
        groups.add(WellKnownSids.AUTHENTICATED_USERS);
        groups.add(WellKnownSids.LOCAL);
        groups.add(WellKnownSids.INTERACTIVE);
        groups.add(WellKnownSids.BUILTIN_USERS);
        if (u.uid() == 0 || isMember(u, gids, adminsGroup)) {
            groups.add(WellKnownSids.BUILTIN_ADMINISTRATORS);
        }
        if (isMember(u, gids, dcomUsersGroup)) {
            groups.add(WellKnownSids.DISTRIBUTED_COM_USERS);
        }
        Sid user = userSid(u.uid());
        if (u.name().indexOf('=') < 0) { // not "uid=N" (no passwd entry): '=' is never in an account name
            groups.addAll(accountGroups.of(u.name(), user));
        }
        return Token.of(u.name(), user, groups);
    }

    private boolean isMember(UnixUser u, Set<Integer> gids, String groupName) {
        Optional<UnixGroup> g = directory.group(groupName);
        return g.isPresent() && (gids.contains(g.get().gid()) || g.get().members().contains(u.name()));
    }

    /**
     * A SID as an administrator reads it: the name of a well-known SID, {@code alice (uid 1000, S-…)}
     * or {@code group staff (gid 50, S-…)} for the machine's users and groups, else the SID itself.
     */
    public String describe(Sid sid) {
        if (WellKnownSids.name(sid).isPresent()) {
            return WellKnownSids.describe(sid);
        }
        if (sid.equals(machineSid)) {
            return "this machine's domain (" + sid + ")";
        }
        if (sid.subAuthorityCount() == machineSid.subAuthorityCount() + 1 && sid.parent().equals(machineSid)) {
            long rid = sid.rid();
            if (rid >= USER_RID_BASE && (rid - USER_RID_BASE) % 2 == 0) {
                int uid = (int) ((rid - USER_RID_BASE) / 2);
                return directory.user(uid).map(u -> u.name() + " (uid " + uid + ", " + sid + ")")
                        .orElse("uid " + uid + " (no such user, " + sid + ")");
            }
            if (rid >= GROUP_RID_BASE) {
                int gid = (int) ((rid - GROUP_RID_BASE) / 2);
                return directory.group(gid).map(g -> "group " + g.name() + " (gid " + gid + ", " + sid + ")")
                        .orElse("gid " + gid + " (no such group, " + sid + ")");
            }
        }
        return sid.toString();
    }

    /** The process's uid, gid and supplementary groups. */
    static final class ProcessIds {
        private ProcessIds() {
        }

        /** {uid, gid, group…}: from UnixSystem, else from /proc/self/status. */
        static long[] current() {
            try {
                com.sun.security.auth.module.UnixSystem us = new com.sun.security.auth.module.UnixSystem();
                long[] groups = us.getGroups() == null ? new long[0] : us.getGroups();
                long[] out = new long[2 + groups.length];
                out[0] = us.getUid();
                out[1] = us.getGid();
                System.arraycopy(groups, 0, out, 2, groups.length);
                return out;
            } catch (LinkageError | RuntimeException e) {
                return fromProcStatus();
            }
        }

        static long[] fromProcStatus() {
            String status;
            try {
                status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot tell this process's uid: " + e.getMessage(), e);
            }
            long uid = -1;
            long gid = -1;
            List<Long> groups = new ArrayList<>();
            for (String line : status.split("\n")) {
                String[] f = line.split("\\s+");
                if (line.startsWith("Uid:") && f.length > 1) {
                    uid = Long.parseLong(f[1]);
                } else if (line.startsWith("Gid:") && f.length > 1) {
                    gid = Long.parseLong(f[1]);
                } else if (line.startsWith("Groups:")) {
                    for (int i = 1; i < f.length; i++) {
                        groups.add(Long.parseLong(f[i]));
                    }
                }
            }
            if (uid < 0) {
                throw new IllegalStateException("cannot tell this process's uid: no Uid line in /proc/self/status");
            }
            long[] out = new long[2 + groups.size()];
            out[0] = uid;
            out[1] = gid;
            for (int i = 0; i < groups.size(); i++) {
                out[2 + i] = groups.get(i);
            }
            return out;
        }
    }
}
