package org.dcom4j.rpcss.dcom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.Dcom4jScm;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;

/**
 * The machine's running object table (IRunningObjectTable's role, kept by rpcss): display name →
 * the OBJREF a registered server exported, with the uid that registered it, its flags and AppID.
 * Bounded: {@value Dcom4jScm#MAX_ROT_ENTRIES} entries, {@value Dcom4jScm#MAX_ROT_ENTRIES_PER_SERVER}
 * per server registration. Who may see an entry is the caller's business ({@code ScmHandler} passes a
 * visibility predicate). Thread-safe (one monitor; every operation is a scan of a bounded map).
 */
final class RunningObjectTable {
    /**
     * One entry.
     *
     * @param registration the server registration it belongs to (it ends with it)
     * @param uid          the kernel uid that registered it
     */
    record Entry(int cookie, String displayName, int registration, int uid, int flags, UUID appId, MInterfacePointer objref) {
        boolean allowAnyClient() {
            return (flags & Dcom4jScm.ROTFLAGS_ALLOWANYCLIENT) != 0;
        }
    }

    /** A registered entry and whether another entry of its name existed ({@link Hresult#MK_S_MONIKERALREADYREGISTERED}). */
    record Registered(Entry entry, boolean duplicate) {
    }

    private final Map<Integer, Entry> byCookie = new LinkedHashMap<>();
    private int nextCookie = 1;

    /** Whether {@code name} is a display name: 1..{@value Dcom4jScm#MAX_DISPLAY_NAME} characters, no control characters. */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > Dcom4jScm.MAX_DISPLAY_NAME) {
            return false;
        }
        return name.codePoints().noneMatch(Character::isISOControl);
    }

    /**
     * Records an entry of {@code server}.
     *
     * @throws ComException E_INVALIDARG for a bad name, flags or OBJREF (not standard, not of the
     *                      server's OXID); E_OUTOFMEMORY past a limit
     */
    Registered register(ServerRegistry.Registration server, String name, MInterfacePointer objref, int flags, UUID appId)
            throws ComException {
        if (!validName(name)) {
            throw new ComException(Hresult.E_INVALIDARG, "display name: 1.." + Dcom4jScm.MAX_DISPLAY_NAME
                    + " characters without control characters, got " + (name == null ? "null" : name.length() + " characters"));
        }
        if ((flags & ~(Dcom4jScm.ROTFLAGS_REGISTRATIONKEEPSALIVE | Dcom4jScm.ROTFLAGS_ALLOWANYCLIENT)) != 0) {
            throw new ComException(Hresult.E_INVALIDARG, "flags=0x" + Integer.toHexString(flags));
        }
        if (objref == null || objref.abData() == null) {
            throw new ComException(Hresult.E_INVALIDARG, "no OBJREF");
        }
        ObjRef decoded;
        try {
            decoded = ObjRefCodec.decode(objref.abData());
        } catch (RuntimeException e) {
            throw new ComException(Hresult.E_INVALIDARG, "OBJREF: " + e.getMessage());
        }
        if (!(decoded instanceof ObjRef.Standard std) || std.std().oxid() != server.oxid()) {
            throw new ComException(Hresult.E_INVALIDARG, "the OBJREF is not a standard one of the caller's OXID "
                    + Long.toHexString(server.oxid()));
        }
        synchronized (this) {
            if (byCookie.size() >= Dcom4jScm.MAX_ROT_ENTRIES) {
                throw new ComException(Hresult.E_OUTOFMEMORY, "ROT entries=" + byCookie.size() + ", limit=" + Dcom4jScm.MAX_ROT_ENTRIES);
            }
            long mine = byCookie.values().stream().filter(e -> e.registration() == server.id()).count();
            if (mine >= Dcom4jScm.MAX_ROT_ENTRIES_PER_SERVER) {
                throw new ComException(Hresult.E_OUTOFMEMORY, "ROT entries of server " + server.id() + "=" + mine + ", limit="
                        + Dcom4jScm.MAX_ROT_ENTRIES_PER_SERVER);
            }
            // duplicates are reported only against entries of the same uid: another user's entries stay unseen
            boolean duplicate = byCookie.values().stream().anyMatch(e -> e.uid() == server.uid() && e.displayName().equals(name));
            Entry e = new Entry(allocateCookie(), name, server.id(), server.uid(), flags, appId, objref);
            byCookie.put(e.cookie(), e);
            return new Registered(e, duplicate);
        }
    }

    private int allocateCookie() {
        while (true) {
            int c = nextCookie;
            nextCookie = nextCookie == Integer.MAX_VALUE ? 1 : nextCookie + 1;
            if (!byCookie.containsKey(c)) {
                return c; // terminates: at most MAX_ROT_ENTRIES cookies are taken
            }
        }
    }

    synchronized Optional<Entry> byCookie(int cookie) {
        return Optional.ofNullable(byCookie.get(cookie));
    }

    synchronized boolean remove(int cookie) {
        return byCookie.remove(cookie) != null;
    }

    /** Drops every entry of a server registration; returns how many. */
    synchronized int removeServer(int registration) {
        int before = byCookie.size();
        byCookie.values().removeIf(e -> e.registration() == registration);
        return before - byCookie.size();
    }

    /** Drops the entries whose registration is no longer live. */
    synchronized int retain(Predicate<Integer> liveRegistration) {
        int before = byCookie.size();
        byCookie.values().removeIf(e -> !liveRegistration.test(e.registration()));
        return before - byCookie.size();
    }

    /**
     * The entry {@code name} for a caller of {@code uid}: among the visible entries of that name, the
     * caller's own (oldest first), else the oldest other one. Visibility is decided outside the monitor.
     */
    Optional<Entry> lookup(String name, int uid, Predicate<Entry> visibleToOthers) {
        List<Entry> candidates;
        synchronized (this) {
            candidates = byCookie.values().stream().filter(e -> e.displayName().equals(name)).toList();
        }
        Optional<Entry> own = candidates.stream().filter(e -> e.uid() == uid).min(Comparator.comparingInt(Entry::cookie));
        if (own.isPresent()) {
            return own;
        }
        return candidates.stream().filter(e -> e.uid() != uid).sorted(Comparator.comparingInt(Entry::cookie))
                .filter(visibleToOthers).findFirst();
    }

    /** The distinct display names visible to a caller of {@code uid}, in registration order. */
    List<String> visibleNames(int uid, Predicate<Entry> visibleToOthers) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(byCookie.values());
        }
        return all.stream().filter(e -> e.uid() == uid || visibleToOthers.test(e)).map(Entry::displayName).distinct().toList();
    }

    synchronized int size() {
        return byCookie.size();
    }
}
