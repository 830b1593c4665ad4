package org.dcom4j.ndr;

import java.util.Map;

/**
 * Ref, unique and full pointers (C706 14.3.10–14.3.12).
 *
 * <pre>
 * top-level [ref]:            (nothing) referent
 * top-level [unique]/[ptr]:   referent_id(4) referent          (id 0 = NULL, no referent)
 * embedded (any kind):        referent_id(4) in place … referent after the enclosing top-level
 *                             structure or parameter, depth first
 * </pre>
 * Referent ids come from {@link Writer#nextReferentId()} ({@code 0x00020000 + 4·n}); a full
 * pointer reuses the id of the same object (identity) and its referent is sent once.
 */
final class PointerCodec implements Codec {
    enum Kind { REF, UNIQUE, FULL }

    /** Decode state of a top-level [ref] pointer: the referent follows in place. */
    private static final Object REF_IN_PLACE = new Object();
    /** Decode state of a non-NULL unique or embedded ref pointer: its referent follows in the buffer pass. */
    private static final Object PENDING = new Object();

    private record Pending(int referentId) {
    }

    private final Kind kind;
    private final boolean topLevel;
    private final Codec referent;
    /** {@link #referent} when it is a record: called directly, not through the (megamorphic) interface. */
    private final StructCodec struct;
    private final String name;

    PointerCodec(Kind kind, boolean topLevel, Codec referent, String name) {
        this.kind = kind;
        this.topLevel = topLevel;
        this.referent = referent;
        this.struct = referent instanceof StructCodec s ? s : null;
        this.name = name;
    }

    private boolean inPlace() {
        return topLevel && kind == Kind.REF;
    }

    @Override
    public int align() {
        return inPlace() ? 1 : 4;
    }

    @Override
    public int minSize() {
        return inPlace() ? 0 : 4;
    }

    @Override
    public boolean usesContext() {
        return referent.usesContext();
    }

    @Override
    public boolean usesContextInBuffers() {
        return referent.usesContext();
    }

    @Override
    public boolean hasBuffers() {
        return true;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        if (v == null && kind == Kind.REF) {
            throw w.error("[ref] pointer " + name + " is null");
        }
        if (inPlace()) {
            return;
        }
        w.out.align(4);
        if (v == null) {
            w.out.put32(0);
        } else if (kind == Kind.FULL) {
            Map<Object, Integer> ids = w.fullIds();
            Integer id = ids.get(v);
            if (id == null) {
                id = w.nextReferentId();
                ids.put(v, id);
            }
            w.out.put32(id);
        } else {
            w.out.put32(w.nextReferentId());
        }
    }

    @Override
    public void writeBuffers(Writer w, Object v, Object[] ctx) {
        if (v == null || (kind == Kind.FULL && !w.firstFullReferent(v))) {
            return;
        }
        w.enter();
        if (struct != null) {
            struct.writeScalars(w, v, ctx, false);
            struct.writeBuffers(w, v, ctx);
        } else {
            referent.writeScalars(w, v, ctx, false);
            referent.writeBuffers(w, v, ctx);
        }
        w.leave();
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        if (inPlace()) {
            return REF_IN_PLACE;
        }
        int id = r.i32();
        if (id == 0) {
            if (kind == Kind.REF) {
                throw new NdrException("null [ref] pointer " + name + ": referent_id=0", r.offset() - 4);
            }
            return null;
        }
        return kind == Kind.FULL ? new Pending(id) : PENDING;
    }

    @Override
    public Object readBuffers(Reader r, Object state, Object[] ctx) {
        if (state == null) {
            return null;
        }
        if (kind != Kind.FULL || state == REF_IN_PLACE) {
            return readReferent(r, ctx);
        }
        int id = ((Pending) state).referentId();
        Map<Integer, Object> table = r.fullPointers();
        Object known = table.get(id);
        if (known == Reader.IN_PROGRESS) {
            throw r.error("full pointer cycle: referent_id=0x" + Integer.toHexString(id) + " refers to a referent being decoded");
        }
        if (known != null) {
            return known;
        }
        table.put(id, Reader.IN_PROGRESS);
        Object v = readReferent(r, ctx);
        table.put(id, v);
        return v;
    }

    private Object readReferent(Reader r, Object[] ctx) {
        r.enter();
        Object v = struct != null ? struct.read(r, ctx) : referent.read(r, ctx);
        r.leave();
        return v;
    }
}
