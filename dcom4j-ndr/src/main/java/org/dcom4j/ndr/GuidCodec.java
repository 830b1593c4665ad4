package org.dcom4j.ndr;

import java.util.UUID;

/**
 * An NDR GUID (C706 appendix A, {@code uuid_t}): a structure {@code {unsigned long Data1;
 * unsigned short Data2, Data3; byte Data4[8]}} aligned to 4, so Data1..Data3 follow the integer
 * byte order of the drep and Data4 does not. Also the 20-byte context handle (C706 14.3.13).
 *
 * <pre>
 *  0        4     6     8                 16
 * +--------+-----+-----+-----------------+
 * | Data1  |Data2|Data3| Data4[8]        |   e.g. 01234567-89ab-cdef-0011-223344556677, LE:
 * +--------+-----+-----+-----------------+   67 45 23 01 ab 89 ef cd 00 11 22 33 44 55 66 77
 * </pre>
 */
enum GuidCodec implements Codec {
    GUID, CONTEXT_HANDLE;

    @Override
    public int align() {
        return 4;
    }

    @Override
    public int minSize() {
        return this == GUID ? 16 : 20;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        NdrBuffer out = w.out;
        out.align(4);
        UUID u;
        if (this == CONTEXT_HANDLE) {
            ContextHandle h = (ContextHandle) v;
            out.put32(h.attributes());
            u = h.uuid();
        } else {
            u = (UUID) v;
        }
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        out.put32((int) (hi >>> 32));
        out.put16((int) (hi >>> 16));
        out.put16((int) hi);
        for (int i = 7; i >= 0; i--) {
            out.put8((int) (lo >>> (8 * i)));
        }
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        r.align(4);
        int attributes = this == CONTEXT_HANDLE ? r.raw32() : 0;
        UUID u = r.uuid();
        return this == CONTEXT_HANDLE ? new ContextHandle(attributes, u) : u;
    }
}
