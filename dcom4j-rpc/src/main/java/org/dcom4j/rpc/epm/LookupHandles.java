package org.dcom4j.rpc.epm;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;

/**
 * The open {@code ept_lookup_handle_t} context handles (C706 appendix O: a lookup handle remembers
 * where an ept_lookup / ept_map inquiry stopped). A cursor holds the matched items of the snapshot
 * it was opened on and the position reached, so paging is stable while the table changes.
 *
 * <p>Bounded: at most {@code perGroup} handles per association group and {@code total} overall; opening
 * one more evicts the oldest of that group (then the oldest overall), so a client that never calls
 * ept_lookup_handle_free (impacket's {@code hept_map} does not) costs at most the bound. A handle is
 * usable only from the association group that opened it. Thread-safe (one monitor; the endpoint
 * table's lookups do not take it).
 */
final class LookupHandles {
    /** What a cursor pages through: lookup entries or map towers (a handle of one kind is refused by the other). */
    enum Kind {
        LOOKUP, MAP
    }

    record Cursor(Kind kind, int assocGroup, List<?> items, int position) {
    }

    private final int perGroup;
    private final int total;
    private final LinkedHashMap<UUID, Cursor> cursors = new LinkedHashMap<>();
    private final Map<Integer, Integer> perGroupCount = new java.util.HashMap<>();

    LookupHandles(int perGroup, int total) {
        if (perGroup < 1 || total < perGroup) {
            throw new IllegalArgumentException("perGroup=" + perGroup + ", total=" + total + ", limit=1<=perGroup<=total");
        }
        this.perGroup = perGroup;
        this.total = total;
    }

    /** Opens a handle on {@code items} from {@code position}; returns its wire form. */
    synchronized ContextHandle open(Kind kind, int assocGroup, List<?> items, int position) {
        if (perGroupCount.getOrDefault(assocGroup, 0) >= perGroup) {
            evictOldest(assocGroup);
        }
        if (cursors.size() >= total) {
            evictOldest(null);
        }
        UUID id = UUID.randomUUID();
        cursors.put(id, new Cursor(kind, assocGroup, items, position));
        perGroupCount.merge(assocGroup, 1, Integer::sum);
        return new ContextHandle(0, id);
    }

    /**
     * Removes and returns the cursor of {@code handle}, or null when it is unknown, of another
     * kind or opened by another association group (the caller faults with a context mismatch).
     */
    synchronized Cursor take(ContextHandle handle, Kind kind, int assocGroup) {
        Cursor c = cursors.get(handle.uuid());
        if (c == null || handle.attributes() != 0 || c.assocGroup != assocGroup || (kind != null && c.kind != kind)) {
            return null;
        }
        remove(handle.uuid(), c);
        return c;
    }

    /** Puts a cursor back under the same handle (paging continues); counts as newest. */
    synchronized ContextHandle reopen(ContextHandle handle, Cursor c) {
        if (perGroupCount.getOrDefault(c.assocGroup, 0) >= perGroup) {
            evictOldest(c.assocGroup);
        }
        if (cursors.size() >= total) {
            evictOldest(null);
        }
        cursors.put(handle.uuid(), c);
        perGroupCount.merge(c.assocGroup, 1, Integer::sum);
        return handle;
    }

    /** Drops every handle of an association group (to be called when the group ends). */
    synchronized void closeGroup(int assocGroup) {
        cursors.values().removeIf(c -> c.assocGroup == assocGroup);
        perGroupCount.remove(assocGroup);
    }

    synchronized int size() {
        return cursors.size();
    }

    private void evictOldest(Integer assocGroup) {
        Iterator<Map.Entry<UUID, Cursor>> it = cursors.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<UUID, Cursor> e = it.next();
            if (assocGroup == null || e.getValue().assocGroup == assocGroup) {
                it.remove();
                decrement(e.getValue().assocGroup);
                return;
            }
        }
    }

    private void remove(UUID id, Cursor c) {
        cursors.remove(id);
        decrement(c.assocGroup);
    }

    private void decrement(int group) {
        perGroupCount.computeIfPresent(group, (k, n) -> n == 1 ? null : n - 1);
    }
}
