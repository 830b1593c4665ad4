package org.dcom4j.rpcss;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.LocalAccounts.UnixGroup;
import org.dcom4j.config.LocalAccounts.UnixUser;

/**
 * rpcss's irreversible switch from root to an unprivileged Unix user once its ports are bound (the
 * seed: "RPCSS runs as Network Service", the privileged part — DCOMLaunch, here the launcher — keeps
 * Local System). In this order, each checked: {@code setgroups} (the user's primary group and the groups
 * listing it as a member, as {@code initgroups} would), {@code setgid}, {@code setuid}; then
 * {@code getresuid}/{@code getresgid} must name the user in all three slots, {@code setuid(0)} must
 * fail, and every thread of the process ({@code /proc/self/task/*}{@code /status}) must show the new
 * ids: glibc applies set*id to all threads of the process, which the JVM's many threads rely on.
 *
 * <p>Calls the C library through the FFM API (no JNI): the JVM needs
 * {@code --enable-native-access=ALL-UNNAMED}, as the {@code dcom4j} script gives it. Stateless; the
 * switch is process-wide and for good, so {@link #apply} belongs to a process's start, once.
 */
public final class PrivilegeDrop {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final int EPERM = 1;
    /** At most this many supplementary groups (Linux's NGROUPS_MAX is 65536; more is a directory error). */
    static final int MAX_GROUPS = 65_536;

    private PrivilegeDrop() {
    }

    /**
     * The user to become.
     *
     * @param name   the Unix user name
     * @param uid    its uid
     * @param gid    its primary gid
     * @param groups the supplementary groups to keep: the primary gid first, then the groups listing the user
     */
    public record Target(String name, int uid, int gid, List<Integer> groups) {
        public Target {
            Objects.requireNonNull(name, "name");
            groups = List.copyOf(groups);
            if (uid < 0 || gid < 0) {
                throw new IllegalArgumentException("uid=" + uid + ", gid=" + gid + ", limit=0..");
            }
            if (groups.size() > MAX_GROUPS) {
                throw new IllegalArgumentException("groups=" + groups.size() + ", limit=" + MAX_GROUPS);
            }
        }

        /** True for uid 0: nothing to drop. */
        public boolean isRoot() {
            return uid == 0;
        }
    }

    /** The real, effective and saved ids of this process. */
    public record Ids(int ruid, int euid, int suid, int rgid, int egid, int sgid) {
    }

    /**
     * Looks {@code user} up in the system's user directory (NSS through {@code getent}, else
     * {@code /etc/passwd} and {@code /etc/group}).
     *
     * @throws RpcssException no such user, naming the option to change
     */
    public static Target resolve(String user) {
        return resolve(user, LocalAccounts.Directory.system());
    }

    static Target resolve(String user, LocalAccounts.Directory directory) {
        if (user == null || user.isBlank()) {
            throw new RpcssException("--user: empty user name");
        }
        UnixUser u = directory.user(user).orElseThrow(() -> new RpcssException("--user " + user + ": no such Unix user on"
                + " this machine; create it (useradd --system --no-create-home --shell /usr/sbin/nologin " + user
                + "), name another with --user, or keep root with --stay-root (not recommended)"));
        Set<Integer> groups = new LinkedHashSet<>();
        groups.add(u.gid());
        for (UnixGroup g : directory.groupsWithMember(u.name())) {
            groups.add(g.gid());
        }
        return new Target(u.name(), u.uid(), u.gid(), new ArrayList<>(groups));
    }

    /** This process's ids (getresuid, getresgid). */
    public static Ids current() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment u = arena.allocate(ValueLayout.JAVA_INT, 3);
            MemorySegment g = arena.allocate(ValueLayout.JAVA_INT, 3);
            check("getresuid", (int) Native.GETRESUID.invokeExact(u, u.asSlice(4), u.asSlice(8)), 0);
            check("getresgid", (int) Native.GETRESGID.invokeExact(g, g.asSlice(4), g.asSlice(8)), 0);
            return new Ids(u.getAtIndex(ValueLayout.JAVA_INT, 0), u.getAtIndex(ValueLayout.JAVA_INT, 1),
                    u.getAtIndex(ValueLayout.JAVA_INT, 2), g.getAtIndex(ValueLayout.JAVA_INT, 0),
                    g.getAtIndex(ValueLayout.JAVA_INT, 1), g.getAtIndex(ValueLayout.JAVA_INT, 2));
        } catch (RpcssException e) {
            throw e;
        } catch (Throwable t) {
            throw new RpcssException("getresuid/getresgid: " + t, t);
        }
    }

    /**
     * Becomes {@code target} for good: setgroups, setgid, setuid, then the checks of the class comment.
     *
     * @throws RpcssException this process is not root, a call failed (with its errno), or a check
     *                        failed; the process must then stop serving (its ids may be half changed)
     */
    public static void apply(Target target) {
        if (target.isRoot()) {
            throw new IllegalArgumentException("the target is root: nothing to drop");
        }
        Ids before = current();
        if (before.euid() != 0) {
            throw new RpcssException("cannot switch to user " + target.name() + ": this process is not root (euid "
                    + before.euid() + ")");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, target.groups().size()));
            for (int i = 0; i < target.groups().size(); i++) {
                list.setAtIndex(ValueLayout.JAVA_INT, i, target.groups().get(i));
            }
            MemorySegment state = arena.allocate(CAPTURE);
            check("setgroups", (int) Native.SETGROUPS.invokeExact(state, (long) target.groups().size(), list), errno(state));
            check("setgid(" + target.gid() + ")", (int) Native.SETGID.invokeExact(state, target.gid()), errno(state));
            check("setuid(" + target.uid() + ")", (int) Native.SETUID.invokeExact(state, target.uid()), errno(state));
            verify(target, state);
        } catch (RpcssException e) {
            throw e;
        } catch (Throwable t) {
            throw new RpcssException("switching to user " + target.name() + ": " + t, t);
        }
    }

    private static void verify(Target target, MemorySegment state) throws Throwable {
        Ids now = current();
        Ids want = new Ids(target.uid(), target.uid(), target.uid(), target.gid(), target.gid(), target.gid());
        if (!now.equals(want)) {
            throw new RpcssException("after switching to user " + target.name() + " the ids are " + now + ", expected " + want);
        }
        int r = (int) Native.SETUID.invokeExact(state, 0);
        if (r == 0) {
            throw new RpcssException("after switching to user " + target.name() + " setuid(0) still succeeds");
        }
        if (errno(state) != EPERM) {
            throw new RpcssException("after switching to user " + target.name() + " setuid(0) failed with errno="
                    + errno(state) + ", expected EPERM (" + EPERM + ")");
        }
        List<String> wrong = threadsNotAs(target.uid(), target.gid());
        if (!wrong.isEmpty()) {
            throw new RpcssException("after switching to user " + target.name() + " some threads keep other ids: " + wrong);
        }
    }

    /**
     * The threads of this process whose real, effective, saved or filesystem uid or gid is not the
     * given one, as {@code TID: Uid: … Gid: …}; empty when all match.
     */
    public static List<String> threadsNotAs(int uid, int gid) {
        String wantUid = idLine("Uid:", uid);
        String wantGid = idLine("Gid:", gid);
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(task.resolve("status"));
                } catch (NoSuchFileException gone) {
                    continue; // the thread ended meanwhile
                }
                String u = lines.stream().filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: ?");
                String g = lines.stream().filter(l -> l.startsWith("Gid:")).findFirst().orElse("Gid: ?");
                if (!normalise(u).equals(wantUid) || !normalise(g).equals(wantGid)) {
                    wrong.add(task.getFileName() + ": " + normalise(u) + " " + normalise(g));
                }
            }
        } catch (IOException e) {
            wrong.add("/proc/self/task unreadable: " + e.getMessage());
        }
        return wrong;
    }

    private static String idLine(String prefix, int id) {
        return prefix + (" " + id).repeat(4);
    }

    private static String normalise(String statusLine) {
        return String.join(" ", statusLine.strip().split("\\s+"));
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static void check(String call, int result, int errno) {
        if (result != 0) {
            throw new RpcssException(call + " failed: errno=" + errno + (errno == EPERM ? " (EPERM)" : ""));
        }
    }

    /** The C library functions, looked up once. */
    @SuppressWarnings("restricted") // FFM downcalls: the JVM runs with --enable-native-access
    private static final class Native {
        static final MethodHandle SETGROUPS = errnoHandle("setgroups",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        static final MethodHandle SETGID = errnoHandle("setgid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle SETUID = errnoHandle("setuid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        static final MethodHandle GETRESUID = handle("getresuid", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        static final MethodHandle GETRESGID = handle("getresgid", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

        private static MemorySegment symbol(String name) {
            return LINKER.defaultLookup().find(name).orElseThrow(() -> new RpcssException("the C library has no " + name));
        }

        private static MethodHandle handle(String name, FunctionDescriptor d) {
            return LINKER.downcallHandle(symbol(name), d);
        }

        private static MethodHandle errnoHandle(String name, FunctionDescriptor d) {
            return LINKER.downcallHandle(symbol(name), d, Linker.Option.captureCallState("errno"));
        }
    }
}
