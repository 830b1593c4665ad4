package org.dcom4j.ndr;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Encoding state for one encode call: the output, the referent-id counter (Windows' scheme,
 * {@code 0x00020000 + 4·n}), the full-pointer identity table and the nesting depth.
 */
final class Writer {
    static final int FIRST_REFERENT_ID = 0x0002_0000;
    static final int MAX_DEPTH = 1024;

    final NdrBuffer out;
    private int nextId = FIRST_REFERENT_ID;
    private Map<Object, Integer> fullIds;
    private Set<Object> fullWritten;
    private int depth;

    Writer(NdrBuffer out) {
        this.out = out;
    }

    int nextReferentId() {
        int id = nextId;
        nextId += 4;
        return id;
    }

    Map<Object, Integer> fullIds() {
        if (fullIds == null) {
            fullIds = new IdentityHashMap<>();
        }
        return fullIds;
    }

    /** True the first time the referent of {@code v} is visited in the deferred pass. */
    boolean firstFullReferent(Object v) {
        if (fullWritten == null) {
            fullWritten = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        }
        return fullWritten.add(v);
    }

    NdrException error(String message) {
        return new NdrException(message, out.size());
    }

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("value nested too deep to encode: depth=" + depth + ", limit=" + MAX_DEPTH);
        }
    }

    void leave() {
        depth--;
    }
}
