package org.dcom4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.dcom4j.security.Token;

/**
 * The class registry, as Windows keeps it under {@code HKLM\SOFTWARE\Classes}:
 * <pre>
 *   CLSID\{clsid}                   (default) = name, AppID = "{appid}"
 *   CLSID\{clsid}\LocalServer32     (default) = the command line that starts the server
 *   CLSID\{clsid}\ProgID            (default) = "Vendor.Class"
 *   {ProgID}\CLSID                  (default) = "{clsid}"
 *   AppID\{appid}                   RunAs = account the launcher starts the server as (absent: the launcher's own user)
 * </pre>
 * GUIDs are written upper-case in braces, as regedit shows them; reads accept any case. Writes are
 * access-checked by the registry (administrators only under HKLM). Stateless; thread-safe.
 */
public final class ComClasses {
    public static final String CLASSES = "HKLM\\SOFTWARE\\Classes";
    public static final String CLSID = CLASSES + "\\CLSID";
    /** A ProgID: letters, digits and dots, not starting with a digit or dot, at most 39 characters (Windows' limit). */
    private static final Pattern PROG_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,38}");

    private ComClasses() {
    }

    /**
     * One registered class.
     *
     * @param localServer32 the server's command line (empty when the class has no local server)
     */
    public record ComClass(UUID clsid, String name, Optional<UUID> appId, Optional<String> localServer32, Optional<String> progId) {
        public ComClass {
            Objects.requireNonNull(clsid, "clsid");
            name = name == null ? "" : name;
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(localServer32, "localServer32");
            Objects.requireNonNull(progId, "progId");
            progId.ifPresent(ComClasses::checkProgId);
        }
    }

    public static String clsidKey(UUID clsid) {
        return CLSID + "\\" + braced(clsid);
    }

    static String braced(UUID id) {
        return "{" + id.toString().toUpperCase(Locale.ROOT) + "}";
    }

    /** Parses {@code {GUID}} or a bare GUID; empty when it is neither. */
    public static Optional<UUID> parseGuid(String text) {
        String t = text.strip();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.matches("[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(t));
    }

    static void checkProgId(String progId) {
        if (!PROG_ID.matcher(progId).matches()) {
            throw new IllegalArgumentException("bad ProgID \"" + progId + "\": letters, digits, '_' and '.', not starting with a"
                    + " digit or '.', at most 39 characters");
        }
    }

    /** The class {@code clsid}, or empty when it is not registered. */
    public static Optional<ComClass> find(Registry registry, UUID clsid) {
        Optional<String> key = registry.canonicalPath(clsidKey(clsid));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String k = key.get();
        String name = registry.get(k, "").map(RegValue::asString).orElse("");
        Optional<UUID> appId = registry.get(k, "AppID").map(RegValue::asString).flatMap(ComClasses::parseGuid);
        Optional<String> server = registry.get(k + "\\LocalServer32", "").map(RegValue::asString).filter(s -> !s.isBlank());
        Optional<String> progId = registry.get(k + "\\ProgID", "").map(RegValue::asString).filter(s -> PROG_ID.matcher(s).matches());
        return Optional.of(new ComClass(clsid, name, appId, server, progId));
    }

    /** The CLSID a ProgID names ({@code HKLM\SOFTWARE\Classes\{ProgID}\CLSID}), or empty. */
    public static Optional<UUID> clsidOfProgId(Registry registry, String progId) {
        if (!PROG_ID.matcher(progId).matches()) {
            return Optional.empty();
        }
        return registry.get(CLASSES + "\\" + progId + "\\CLSID", "").map(RegValue::asString).flatMap(ComClasses::parseGuid);
    }

    /** A CLSID in any GUID form, or a ProgID resolved through the registry. */
    public static Optional<UUID> resolve(Registry registry, String clsidOrProgId) {
        Optional<UUID> guid = parseGuid(clsidOrProgId);
        return guid.isPresent() ? guid : clsidOfProgId(registry, clsidOrProgId.strip());
    }

    /** Every registered class, in key order. */
    public static List<ComClass> list(Registry registry) {
        List<ComClass> out = new ArrayList<>();
        if (!registry.exists(CLSID)) {
            return out;
        }
        for (String sub : registry.subkeys(CLSID)) {
            parseGuid(sub).flatMap(id -> find(registry, id)).ifPresent(out::add);
        }
        return out;
    }

    /** The AppID's RunAs account, or empty (the launcher's own user). */
    public static Optional<String> runAs(Registry registry, UUID appId) {
        return registry.get(DcomConfig.appIdKey(appId), "RunAs").map(RegValue::asString).filter(s -> !s.isBlank());
    }

    /** Writes (replaces) a class registration in one transaction; the ProgID key too when given. */
    public static void register(Registry registry, Token token, ComClass c) {
        String key = clsidKey(c.clsid());
        registry.batch(token, b -> {
            b.deleteKey(key);
            b.createKey(key);
            b.set(key, RegValue.sz("", c.name()));
            c.appId().ifPresent(a -> b.set(key, RegValue.sz("AppID", braced(a))));
            c.localServer32().ifPresent(s -> b.set(key + "\\LocalServer32", RegValue.sz("", s)));
            c.progId().ifPresent(p -> {
                b.set(key + "\\ProgID", RegValue.sz("", p));
                b.set(CLASSES + "\\" + p + "\\CLSID", RegValue.sz("", braced(c.clsid())));
            });
        });
    }

    /** Removes a class and its ProgID key; false when it was not registered. */
    public static boolean unregister(Registry registry, Token token, UUID clsid) {
        Optional<ComClass> c = find(registry, clsid);
        if (c.isEmpty()) {
            return false;
        }
        registry.batch(token, b -> {
            b.deleteKey(clsidKey(clsid));
            c.get().progId().ifPresent(p -> b.deleteKey(CLASSES + "\\" + p));
        });
        return true;
    }

    /** Sets or removes (null) the AppID's RunAs account. */
    public static void setRunAs(Registry registry, Token token, UUID appId, String account) {
        String key = DcomConfig.appIdKey(appId);
        registry.batch(token, b -> {
            b.createKey(key);
            if (account == null || account.isBlank()) {
                b.deleteValue(key, "RunAs");
            } else {
                b.set(key, RegValue.sz("RunAs", account));
            }
        });
    }
}
