package org.dcom4j.com.wire;

import java.util.UUID;

/**
 * STDOBJREF (MS-DCOM 2.2.18.2): the identity of one interface on one object. 40 bytes, both inside an
 * OBJREF (packed) and as an NDR structure (in REMQIRESULT), aligned to 8:
 * <pre>
 * flags (4) | cPublicRefs (4) | oxid (8) | oid (8) | ipid (16)
 * </pre>
 */
public record StdObjRef(int flags, int cPublicRefs, long oxid, long oid, UUID ipid) {
    /** The client need not ping this object (2.2.18.2). */
    public static final int SORF_NOPING = 0x00001000;
    public static final int SIZE = 40;

    static StdObjRef read(LeReader r) {
        return new StdObjRef(r.i32("STDOBJREF.flags"), r.i32("STDOBJREF.cPublicRefs"), r.i64("STDOBJREF.oxid"),
                r.i64("STDOBJREF.oid"), r.guid("STDOBJREF.ipid"));
    }

    void write(LeWriter w) {
        w.i32(flags).i32(cPublicRefs).i64(oxid).i64(oid).guid(ipid);
    }
}
