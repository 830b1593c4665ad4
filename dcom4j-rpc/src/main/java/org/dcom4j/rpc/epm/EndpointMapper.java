package org.dcom4j.rpc.epm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.epm.Epm.EptEntry;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.EptMapResponse;
import org.dcom4j.rpc.epm.Epm.TwrT;

/**
 * The endpoint mapper's table and its inquiry semantics (C706 appendix O ept_lookup / ept_map,
 * rpc_mgmt_ep_elt_inq_begin for inquiry_type and vers_option; MS-RPCE 3.1.1.5.x).
 *
 * <p>Thread-safety: the table is an immutable snapshot in a volatile field, replaced under a lock on
 * {@link #register} / {@link #unregister}; lookups read the snapshot without locking. Open lookup
 * handles live in a bounded {@link LookupHandles}.
 *
 * <p>Paging: a call returns at most {@code min(max_ents, PAGE_LIMIT)} items. When everything left
 * fits, the answer is status 0 with a NULL handle (what Windows does, and what impacket's
 * {@code hept_lookup} needs — Samba's ept_s_not_registered-with-the-last-page breaks it); otherwise a
 * handle whose cursor continues on the next call. Nothing matching is {@link Epm#EPT_S_NOT_REGISTERED}.
 */
public final class EndpointMapper {
    /** Most entries or towers one response carries whatever max_ents says (bounds the response size). */
    public static final int PAGE_LIMIT = 500;
    /** nca_s_fault_context_mismatch (C706 appendix E): an unknown, foreign or wrong-kind lookup handle. */
    public static final int NCA_S_FAULT_CONTEXT_MISMATCH = 0x1c00001a;
    /** Win32 ERROR_INVALID_PARAMETER: an unknown inquiry_type, or MATCH_BY_IF without an interface id. */
    public static final int ERROR_INVALID_PARAMETER = 0x00000057;
    /** Win32 RPC_S_INVALID_VERS_OPTION (1756). */
    public static final int RPC_S_INVALID_VERS_OPTION = 0x000006dc;
    /** Most entries the table holds; a registration beyond it is refused. */
    public static final int MAX_ENTRIES = 65536;
    private static final UUID NIL = new UUID(0, 0);

    /** One registration. {@code object} is the nil UUID when none; annotation at most 63 characters. */
    public record Entry(InterfaceId interfaceId, UUID object, Tower tower, String annotation) {
        public Entry {
            Objects.requireNonNull(interfaceId, "interfaceId");
            object = object == null ? NIL : object;
            Objects.requireNonNull(tower, "tower");
            annotation = annotation == null ? "" : annotation;
            if (annotation.length() >= Epm.MAX_ANNOTATION || annotation.chars().anyMatch(c -> c == 0 || c > 0xFF)) {
                throw new IllegalArgumentException("annotation: length=" + annotation.length() + ", limit=" + (Epm.MAX_ANNOTATION - 1)
                        + " characters U+0001..U+00FF");
            }
            try {
                InterfaceId fromTower = tower.interfaceId();
                if (!fromTower.equals(interfaceId)) {
                    throw new IllegalArgumentException("tower floor 1 names " + fromTower + ", not " + interfaceId);
                }
            } catch (TowerFormatException e) {
                throw new IllegalArgumentException("tower: " + e.getMessage(), e);
            }
        }

        EptEntry toWire() {
            return new EptEntry(object, new TwrT(tower.encode()), annotation);
        }
    }

    private final Object writeLock = new Object();
    private volatile List<Entry> entries = List.of();
    private final LookupHandles handles;

    /** With at most 64 open lookup handles per association group and 4096 in all. */
    public EndpointMapper() {
        this(64, 4096);
    }

    public EndpointMapper(int handlesPerAssociationGroup, int handlesTotal) {
        this.handles = new LookupHandles(handlesPerAssociationGroup, handlesTotal);
    }

    /** The EPM interface served by this table, for {@code RpcServer.register}. */
    public RpcInterface rpcInterface() {
        // Anonymous callers allowed: clients resolve endpoints before they authenticate (Windows does the same).
        return new RpcInterface(Epm.INTERFACE, Epm.OPERATION_COUNT, new EpmHandler(this), org.dcom4j.rpc.InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    /**
     * Registers an endpoint; an entry with the same interface, object and tower is replaced (its
     * annotation updated).
     *
     * @param object the object UUID, or null / nil for none
     * @throws IllegalArgumentException when the tower's floor 1 is not {@code interfaceId} or the annotation does not fit
     * @throws IllegalStateException when the table already holds {@link #MAX_ENTRIES} entries
     */
    public void register(InterfaceId interfaceId, UUID object, Tower tower, String annotation) {
        add(new Entry(interfaceId, object, tower, annotation), false);
    }

    /** Removes the entry with this interface, object and tower; false when there was none. */
    public boolean unregister(InterfaceId interfaceId, UUID object, Tower tower) {
        UUID obj = object == null ? NIL : object;
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>(entries);
            boolean removed = next.removeIf(e -> e.interfaceId.equals(interfaceId) && e.object.equals(obj) && e.tower.equals(tower));
            entries = List.copyOf(next);
            return removed;
        }
    }

    /** Removes every entry of the interface (any object, any tower); returns how many. */
    public int unregisterAll(InterfaceId interfaceId) {
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>(entries);
            int before = next.size();
            next.removeIf(e -> e.interfaceId.equals(interfaceId));
            entries = List.copyOf(next);
            return before - next.size();
        }
    }

    /**
     * ept_insert's rule (C706): with {@code replace}, entries of the same interface (uuid and
     * version), object and protocol sequence go first.
     */
    void add(Entry entry, boolean replace) {
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>(entries);
            int[] protocol = entry.tower.protocolIds();
            next.removeIf(e -> e.interfaceId.equals(entry.interfaceId) && e.object.equals(entry.object)
                    && (e.tower.equals(entry.tower) || replace && Arrays.equals(e.tower.protocolIds(), protocol)));
            if (next.size() >= MAX_ENTRIES) {
                throw new IllegalStateException("endpoint table full: entries=" + next.size() + ", limit=" + MAX_ENTRIES);
            }
            next.add(entry);
            entries = List.copyOf(next);
        }
    }

    /** The current snapshot, in registration order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The distinct interfaces registered (for mgmt inq_if_ids). */
    public List<InterfaceId> interfaces() {
        return entries.stream().map(Entry::interfaceId).distinct().toList();
    }

    /** Drops the lookup handles of an association group; the server calls this when a group ends. */
    public void associationGroupClosed(int assocGroupId) {
        handles.closeGroup(assocGroupId);
    }

    /** Lookup handles currently open (for tests and statistics). */
    public int openHandles() {
        return handles.size();
    }

    /** Entries matching an ept_lookup inquiry (C706 rpc_mgmt_ep_elt_inq_begin). */
    public List<Entry> matching(int inquiryType, UUID object, InterfaceId ifId, int versOption) throws RpcFaultException {
        boolean byIf = inquiryType == Epm.RPC_C_EP_MATCH_BY_IF || inquiryType == Epm.RPC_C_EP_MATCH_BY_BOTH;
        boolean byObj = inquiryType == Epm.RPC_C_EP_MATCH_BY_OBJ || inquiryType == Epm.RPC_C_EP_MATCH_BY_BOTH;
        if (inquiryType < Epm.RPC_C_EP_ALL_ELTS || inquiryType > Epm.RPC_C_EP_MATCH_BY_BOTH || byIf && ifId == null) {
            throw new RpcFaultException(ERROR_INVALID_PARAMETER, "inquiry_type=" + inquiryType + ", interface_id=" + ifId);
        }
        if (byIf && (versOption < Epm.RPC_C_VERS_ALL || versOption > Epm.RPC_C_VERS_UPTO)) {
            throw new RpcFaultException(RPC_S_INVALID_VERS_OPTION, "vers_option=" + versOption + ", limit=1..5");
        }
        UUID obj = object == null ? NIL : object;
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if ((!byIf || versionMatches(e.interfaceId, ifId, versOption)) && (!byObj || e.object.equals(obj))) {
                out.add(e);
            }
        }
        return out;
    }

    static boolean versionMatches(InterfaceId have, InterfaceId want, int versOption) {
        if (!have.uuid().equals(want.uuid())) {
            return false;
        }
        return switch (versOption) {
            case Epm.RPC_C_VERS_ALL -> true;
            case Epm.RPC_C_VERS_COMPATIBLE -> have.major() == want.major() && have.minor() >= want.minor();
            case Epm.RPC_C_VERS_EXACT -> have.major() == want.major() && have.minor() == want.minor();
            case Epm.RPC_C_VERS_MAJOR_ONLY -> have.major() == want.major();
            case Epm.RPC_C_VERS_UPTO -> have.major() < want.major() || have.major() == want.major() && have.minor() <= want.minor();
            default -> false;
        };
    }

    /**
     * Towers ept_map answers for {@code mapTower} (C706 appendix O ept_map): same interface uuid and
     * major, registered minor ≥ requested, same transfer syntax, same protocol identifiers in floors
     * 3..n; entries of {@code object} first, falling back to nil-object entries when the object has none.
     */
    public List<Tower> mapping(UUID object, Tower mapTower) throws TowerFormatException {
        InterfaceId want = mapTower.interfaceId();
        InterfaceId syntax = mapTower.transferSyntax();
        int[] protocol = mapTower.protocolIds();
        UUID obj = object == null ? NIL : object;
        List<Tower> exact = new ArrayList<>();
        List<Tower> nil = new ArrayList<>();
        for (Entry e : entries) {
            if (!versionMatches(e.interfaceId, want, Epm.RPC_C_VERS_COMPATIBLE) || !Arrays.equals(e.tower.protocolIds(), protocol)
                    || !syntax.equals(e.tower.transferSyntax())) {
                continue;
            }
            if (e.object.equals(obj)) {
                exact.add(e.tower);
            } else if (e.object.equals(NIL)) {
                nil.add(e.tower);
            }
        }
        return exact.isEmpty() ? nil : exact;
    }

    /** ept_lookup with paging. */
    EptLookupResponse lookup(EptLookupRequest r, int assocGroup) throws RpcFaultException {
        int max = pageSize(r.maxEnts());
        List<?> items;
        int position;
        if (r.entryHandle().isNull()) {
            InterfaceId ifId = r.interfaceId() == null ? null : r.interfaceId().toInterfaceId();
            items = matching(r.inquiryType(), r.object(), ifId, r.versOption());
            position = 0;
            if (items.isEmpty()) {
                return new EptLookupResponse(ContextHandle.NULL, 0, r.maxEnts(), List.of(), Epm.EPT_S_NOT_REGISTERED);
            }
        } else {
            LookupHandles.Cursor c = handles.take(r.entryHandle(), LookupHandles.Kind.LOOKUP, assocGroup);
            if (c == null) {
                throw new RpcFaultException(NCA_S_FAULT_CONTEXT_MISMATCH, "unknown lookup handle");
            }
            items = c.items();
            position = c.position();
        }
        int end = (int) Math.min(items.size(), (long) position + max);
        List<EptEntry> page = new ArrayList<>(end - position);
        for (int i = position; i < end; i++) {
            page.add(((Entry) items.get(i)).toWire());
        }
        ContextHandle next = next(LookupHandles.Kind.LOOKUP, r.entryHandle(), assocGroup, items, end, max);
        return new EptLookupResponse(next, page.size(), r.maxEnts(), page, 0);
    }

    /** ept_map with paging; a tower that does not decode is the caller's (fault rpc_x_bad_stub_data). */
    EptMapResponse map(EptMapRequest r, int assocGroup) throws RpcFaultException, TowerFormatException {
        int max = pageSize(r.maxTowers());
        List<?> items;
        int position;
        if (r.entryHandle().isNull()) {
            if (r.mapTower() == null) {
                throw new TowerFormatException("map_tower is NULL");
            }
            items = mapping(r.object(), Tower.decode(r.mapTower().towerOctetString()));
            position = 0;
            if (items.isEmpty()) {
                return new EptMapResponse(ContextHandle.NULL, 0, r.maxTowers(), List.of(), Epm.EPT_S_NOT_REGISTERED);
            }
        } else {
            LookupHandles.Cursor c = handles.take(r.entryHandle(), LookupHandles.Kind.MAP, assocGroup);
            if (c == null) {
                throw new RpcFaultException(NCA_S_FAULT_CONTEXT_MISMATCH, "unknown lookup handle");
            }
            items = c.items();
            position = c.position();
        }
        int end = (int) Math.min(items.size(), (long) position + max);
        List<TwrT> page = new ArrayList<>(end - position);
        for (int i = position; i < end; i++) {
            page.add(new TwrT(((Tower) items.get(i)).encode()));
        }
        ContextHandle next = next(LookupHandles.Kind.MAP, r.entryHandle(), assocGroup, items, end, max);
        return new EptMapResponse(next, page.size(), r.maxTowers(), page, 0);
    }

    /** ept_lookup_handle_free: a NULL handle is fine, an unknown one a context mismatch. */
    void free(ContextHandle handle, int assocGroup) throws RpcFaultException {
        if (!handle.isNull() && handles.take(handle, null, assocGroup) == null) {
            throw new RpcFaultException(NCA_S_FAULT_CONTEXT_MISMATCH, "unknown lookup handle");
        }
    }

    /** Removes entries for ept_delete / ept_mgmt_delete; how many went. */
    int remove(java.util.function.Predicate<Entry> which) {
        synchronized (writeLock) {
            List<Entry> next = new ArrayList<>(entries);
            int before = next.size();
            next.removeIf(which);
            entries = List.copyOf(next);
            return before - next.size();
        }
    }

    private ContextHandle next(LookupHandles.Kind kind, ContextHandle current, int group, List<?> items, int end, int max) {
        if (end >= items.size() || max == 0) {
            // All delivered (or the client asked for none, which must not leak a handle): NULL, status 0.
            return ContextHandle.NULL;
        }
        LookupHandles.Cursor c = new LookupHandles.Cursor(kind, group, items, end);
        return current.isNull() ? handles.open(kind, group, items, end) : handles.reopen(current, c);
    }

    /** max_ents / max_towers are unsigned32; one page carries at most {@link #PAGE_LIMIT}. */
    private static int pageSize(int unsigned) {
        return (int) Math.min(Integer.toUnsignedLong(unsigned), PAGE_LIMIT);
    }
}
