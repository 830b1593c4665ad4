package org.dcom4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.dcom4j.config.LocalAccounts.UnixGroup;
import org.dcom4j.config.LocalAccounts.UnixUser;

/**
 * The two {@link LocalAccounts.Directory} implementations: the system's (getent, so every NSS
 * source counts, else {@code /etc/passwd} and {@code /etc/group}) and one over passwd/group text.
 * Both are stateless between calls and thread-safe.
 */
final class UnixDirectory {
    /** The most output read from getent or an /etc file. */
    static final int MAX_OUTPUT = 16 << 20;
    static final long GETENT_TIMEOUT_MS = 5000;

    private UnixDirectory() {
    }

    /** Names passed to getent: no option look-alikes, separators or control characters. */
    static boolean plausibleName(String name) {
        if (name == null || name.isEmpty() || name.length() > 256 || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == ':' || c == ',' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static Optional<UnixUser> parsePasswdLine(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 4 || f[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UnixUser(f[0], Integer.parseInt(f[2].strip()), Integer.parseInt(f[3].strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<UnixGroup> parseGroupLine(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 3 || f[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            int gid = Integer.parseInt(f[2].strip());
            List<String> members = f.length > 3 && !f[3].isBlank()
                    ? Arrays.stream(f[3].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            return Optional.of(new UnixGroup(f[0], gid, members));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A directory over the text of a passwd and a group file. */
    static final class TextDirectory implements LocalAccounts.Directory {
        private final List<UnixUser> users = new ArrayList<>();
        private final List<UnixGroup> groups = new ArrayList<>();

        TextDirectory(String passwd, String group) {
            for (String l : passwd.split("\n")) {
                if (!l.startsWith("#")) {
                    parsePasswdLine(l).ifPresent(users::add);
                }
            }
            for (String l : group.split("\n")) {
                if (!l.startsWith("#")) {
                    parseGroupLine(l).ifPresent(groups::add);
                }
            }
        }

        @Override
        public Optional<UnixUser> user(String name) {
            return users.stream().filter(u -> u.name().equals(name)).findFirst();
        }

        @Override
        public Optional<UnixUser> user(int uid) {
            return users.stream().filter(u -> u.uid() == uid).findFirst();
        }

        @Override
        public Optional<UnixGroup> group(String name) {
            return groups.stream().filter(g -> g.name().equals(name)).findFirst();
        }

        @Override
        public Optional<UnixGroup> group(int gid) {
            return groups.stream().filter(g -> g.gid() == gid).findFirst();
        }

        @Override
        public List<UnixGroup> groupsWithMember(String user) {
            return groups.stream().filter(g -> g.members().contains(user)).toList();
        }
    }

    /** getent first; the /etc files when getent is missing or fails. */
    static final class SystemDirectory implements LocalAccounts.Directory {
        @Override
        public Optional<UnixUser> user(String name) {
            if (!plausibleName(name)) {
                return Optional.empty();
            }
            return getent("passwd", name).map(o -> first(o, UnixDirectory::parsePasswdLine))
                    .orElseGet(() -> files().user(name));
        }

        @Override
        public Optional<UnixUser> user(int uid) {
            return getent("passwd", Integer.toString(uid)).map(o -> first(o, UnixDirectory::parsePasswdLine))
                    .orElseGet(() -> files().user(uid));
        }

        @Override
        public Optional<UnixGroup> group(String name) {
            if (!plausibleName(name)) {
                return Optional.empty();
            }
            return getent("group", name).map(o -> first(o, UnixDirectory::parseGroupLine))
                    .orElseGet(() -> files().group(name));
        }

        @Override
        public Optional<UnixGroup> group(int gid) {
            return getent("group", Integer.toString(gid)).map(o -> first(o, UnixDirectory::parseGroupLine))
                    .orElseGet(() -> files().group(gid));
        }

        @Override
        public List<UnixGroup> groupsWithMember(String user) {
            Optional<String> all = getent("group", null);
            if (all.isPresent()) {
                return new TextDirectory("", all.get()).groupsWithMember(user);
            }
            return files().groupsWithMember(user);
        }

        private static <T> Optional<T> first(String out, java.util.function.Function<String, Optional<T>> parse) {
            for (String l : out.split("\n")) {
                Optional<T> t = parse.apply(l);
                if (t.isPresent()) {
                    return t;
                }
            }
            return Optional.empty();
        }

        private static TextDirectory files() {
            return new TextDirectory(readFile(Path.of("/etc/passwd")), readFile(Path.of("/etc/group")));
        }

        private static String readFile(Path p) {
            try (InputStream in = Files.newInputStream(p)) {
                return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /**
         * {@code getent DB [KEY]}: its output ("" when the key is not found, exit 2), or empty when
         * getent cannot be run, times out or fails otherwise (the caller then reads the /etc files).
         */
        private static Optional<String> getent(String db, String key) {
            List<String> cmd = key == null ? List.of("getent", db) : List.of("getent", db, key);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                return Optional.empty();
            }
            try (InputStream in = p.getInputStream()) {
                p.getOutputStream().close();
                byte[] out = in.readNBytes(MAX_OUTPUT);
                if (!p.waitFor(GETENT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                int rc = p.exitValue();
                if (rc == 0) {
                    return Optional.of(new String(out, StandardCharsets.UTF_8));
                }
                return rc == 2 ? Optional.of("") : Optional.empty();
            } catch (IOException e) {
                p.destroyForcibly();
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return Optional.empty();
            }
        }
    }
}
