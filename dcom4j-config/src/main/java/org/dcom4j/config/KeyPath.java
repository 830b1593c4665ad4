package org.dcom4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed registry key path. The stored roots are {@code HKLM} and {@code HKU}; {@code HKCR} is an
 * alias of {@code HKLM\SOFTWARE\Classes} that is remembered only so an export can print the path the
 * way the caller wrote it. Immutable.
 *
 * <p>Limits, as Windows: a component 1–{@value #MAX_COMPONENT} characters, the canonical path at most
 * {@value #MAX_PATH} characters; components hold no backslash and no control character.
 */
final class KeyPath {
    static final int MAX_COMPONENT = 255;
    static final int MAX_PATH = 512;

    /** The stored root hives. */
    enum Hive {
        HKLM("HKEY_LOCAL_MACHINE"), HKU("HKEY_USERS");

        final String longName;

        Hive(String longName) {
            this.longName = longName;
        }
    }

    private static final List<String> CLASSES = List.of("SOFTWARE", "Classes");

    private final Hive hive;
    /** Components below the hive, HKCR already expanded. */
    private final List<String> components;
    /** True when the caller wrote HKCR / HKEY_CLASSES_ROOT. */
    private final boolean classesRoot;

    private KeyPath(Hive hive, List<String> components, boolean classesRoot) {
        this.hive = hive;
        this.components = List.copyOf(components);
        this.classesRoot = classesRoot;
    }

    static KeyPath root(Hive hive) {
        return new KeyPath(hive, List.of(), false);
    }

    /**
     * Parses {@code HKLM\SOFTWARE\Microsoft\Ole} (short or long root names, any case; one trailing
     * backslash tolerated).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static KeyPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty key path: expected e.g. HKLM\\SOFTWARE\\Microsoft\\Ole");
        }
        if (text.length() > 4 * MAX_PATH) {
            throw new IllegalArgumentException("key path too long: length=" + text.length() + ", limit=" + MAX_PATH);
        }
        String t = text.endsWith("\\") ? text.substring(0, text.length() - 1) : text;
        String[] parts = t.split("\\\\", -1);
        String rootName = parts[0].toUpperCase(Locale.ROOT);
        Hive hive;
        List<String> comps = new ArrayList<>();
        boolean cr = false;
        switch (rootName) {
            case "HKLM", "HKEY_LOCAL_MACHINE" -> hive = Hive.HKLM;
            case "HKU", "HKEY_USERS" -> hive = Hive.HKU;
            case "HKCR", "HKEY_CLASSES_ROOT" -> {
                hive = Hive.HKLM;
                comps.addAll(CLASSES);
                cr = true;
            }
            case "HKCU", "HKEY_CURRENT_USER" -> throw new IllegalArgumentException(
                    "HKEY_CURRENT_USER is not supported: it differs per user; write HKEY_USERS\\<user SID>\\… instead");
            case "HKCC", "HKEY_CURRENT_CONFIG", "HKEY_PERFORMANCE_DATA", "HKEY_DYN_DATA" ->
                    throw new IllegalArgumentException("root key " + parts[0] + " is not supported: use HKLM or HKU");
            default -> throw new IllegalArgumentException("unknown root key \"" + parts[0]
                    + "\" in \"" + text + "\": expected HKLM, HKU or HKCR (or HKEY_LOCAL_MACHINE, HKEY_USERS, HKEY_CLASSES_ROOT)");
        }
        for (int i = 1; i < parts.length; i++) {
            checkComponent(parts[i], text);
            comps.add(parts[i]);
        }
        KeyPath p = new KeyPath(hive, comps, cr);
        int len = p.canonical().length();
        if (len > MAX_PATH) {
            throw new IllegalArgumentException("key path too long: length=" + len + ", limit=" + MAX_PATH);
        }
        return p;
    }

    private static void checkComponent(String c, String text) {
        if (c.isEmpty()) {
            throw new IllegalArgumentException("empty key name in \"" + text + "\" (two backslashes in a row?)");
        }
        if (c.length() > MAX_COMPONENT) {
            throw new IllegalArgumentException("key name too long: length=" + c.length() + ", limit=" + MAX_COMPONENT
                    + " (\"" + c.substring(0, 20) + "…\")");
        }
        for (int i = 0; i < c.length(); i++) {
            if (c.charAt(i) < 0x20) {
                throw new IllegalArgumentException("key name contains control character U+"
                        + String.format("%04X", (int) c.charAt(i)) + " in \"" + c + "\"");
            }
        }
    }

    Hive hive() {
        return hive;
    }

    List<String> components() {
        return components;
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    boolean viaClassesRoot() {
        return classesRoot;
    }

    /** The parent key; the root has none. */
    KeyPath parent() {
        if (components.isEmpty()) {
            throw new IllegalStateException("a root key has no parent");
        }
        return new KeyPath(hive, components.subList(0, components.size() - 1), false);
    }

    /** The key {@code depth} components deep (0 = the hive root). */
    KeyPath prefix(int depth) {
        return new KeyPath(hive, components.subList(0, depth), false);
    }

    /** A child key. */
    KeyPath child(String name) {
        checkComponent(name, name);
        List<String> c = new ArrayList<>(components);
        c.add(name);
        return new KeyPath(hive, c, false);
    }

    /** {@code HKLM\SOFTWARE\Microsoft\Ole}, case as given. */
    String canonical() {
        return join(hive.name(), components);
    }

    /** The lookup form: {@link #canonical()} with each UTF-16 unit upper-cased. */
    String fold() {
        return fold(canonical());
    }

    /** The last component, or the hive name for a root. */
    String name() {
        return components.isEmpty() ? hive.name() : components.get(components.size() - 1);
    }

    /**
     * Windows compares names with its upcase table, one UTF-16 unit at a time (no length-changing
     * mappings such as ß → SS); {@link Character#toUpperCase(char)} does the same.
     */
    static String fold(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return new String(c);
    }

    /**
     * The long form regedit prints for a stored path ({@code HKLM\…} or {@code HKU\…}):
     * {@code HKEY_LOCAL_MACHINE\…}, or {@code HKEY_CLASSES_ROOT\…} when {@code classesRoot} and the
     * path lies under {@code HKLM\SOFTWARE\Classes}.
     */
    static String longForm(String storedPath, boolean classesRoot) {
        int slash = storedPath.indexOf('\\');
        String root = slash < 0 ? storedPath : storedPath.substring(0, slash);
        String rest = slash < 0 ? "" : storedPath.substring(slash);
        if (classesRoot) {
            String prefix = "HKLM\\SOFTWARE\\CLASSES";
            String f = fold(storedPath);
            if (f.equals(prefix) || f.startsWith(prefix + "\\")) {
                return "HKEY_CLASSES_ROOT" + storedPath.substring(prefix.length());
            }
        }
        return Hive.valueOf(root).longName + rest;
    }

    private static String join(String root, List<String> comps) {
        StringBuilder sb = new StringBuilder(root);
        for (String c : comps) {
            sb.append('\\').append(c);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPath k && fold().equals(k.fold());
    }

    @Override
    public int hashCode() {
        return fold().hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
