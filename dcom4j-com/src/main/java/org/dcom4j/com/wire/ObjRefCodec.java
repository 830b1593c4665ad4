package org.dcom4j.com.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Encodes and decodes {@link ObjRef}: the one hand-written layout of DCOM (MS-DCOM 2.2.18 is a packed
 * structure, not NDR). Decoding checks every length against the bytes left and refuses trailing
 * bytes after a standard, handler or extended reference; it throws only {@link WireFormatException}.
 * Stateless and thread-safe.
 */
public final class ObjRefCodec {
    /** OBJREF_EXTENDED Signature1/Signature2: "VYSN". */
    public static final int EXTENDED_SIGNATURE = 0x4E535956;
    /** Implementation limit on OBJREF_EXTENDED.nElms (MS-DCOM says it MUST be 1). */
    public static final int MAX_DATA_ELEMENTS = 16;

    private ObjRefCodec() {
    }

    public static ObjRef decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static ObjRef decode(byte[] bytes, int off, int len) {
        LeReader r = new LeReader(bytes, off, len);
        int sig = r.i32("OBJREF.signature");
        if (sig != ObjRef.SIGNATURE) {
            throw new WireFormatException(String.format("OBJREF.signature=0x%08X, expected=0x%08X", sig, ObjRef.SIGNATURE));
        }
        int flags = r.i32("OBJREF.flags");
        UUID iid = r.guid("OBJREF.iid");
        ObjRef ref = switch (flags) {
            case ObjRef.FLAGS_OBJREF_STANDARD -> new ObjRef.Standard(iid, StdObjRef.read(r), DualStringArray.read(r));
            case ObjRef.FLAGS_OBJREF_HANDLER -> {
                StdObjRef std = StdObjRef.read(r);
                UUID clsid = r.guid("OBJREF_HANDLER.clsid");
                yield new ObjRef.Handler(iid, std, clsid, DualStringArray.read(r));
            }
            case ObjRef.FLAGS_OBJREF_CUSTOM -> {
                UUID clsid = r.guid("OBJREF_CUSTOM.clsid");
                long cbExtension = r.i32("OBJREF_CUSTOM.cbExtension") & 0xFFFFFFFFL;
                int reserved = r.i32("OBJREF_CUSTOM.reserved");
                if (cbExtension > r.remaining()) {
                    throw new WireFormatException("OBJREF_CUSTOM.cbExtension=" + cbExtension + ", limit=" + r.remaining());
                }
                byte[] ext = r.bytes("OBJREF_CUSTOM.pExtension", cbExtension);
                yield new ObjRef.Custom(iid, clsid, ext, reserved, r.bytes("OBJREF_CUSTOM.pObjectData", r.remaining()));
            }
            case ObjRef.FLAGS_OBJREF_EXTENDED -> extended(iid, r);
            default -> throw new WireFormatException(String.format("OBJREF.flags=0x%08X, expected one of 1, 2, 4, 8", flags));
        };
        if (r.remaining() != 0) {
            throw new WireFormatException("OBJREF trailing bytes=" + r.remaining() + ", limit=0");
        }
        return ref;
    }

    private static ObjRef extended(UUID iid, LeReader r) {
        StdObjRef std = StdObjRef.read(r);
        signature(r.i32("OBJREF_EXTENDED.Signature1"), "Signature1");
        DualStringArray dsa = DualStringArray.read(r);
        long n = r.i32("OBJREF_EXTENDED.nElms") & 0xFFFFFFFFL;
        if (n > MAX_DATA_ELEMENTS) {
            throw new WireFormatException("OBJREF_EXTENDED.nElms=" + n + ", limit=" + MAX_DATA_ELEMENTS);
        }
        signature(r.i32("OBJREF_EXTENDED.Signature2"), "Signature2");
        List<ObjRef.DataElement> elements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = r.guid("DATAELEMENT.dataID");
            int cbSize = r.i32("DATAELEMENT.cbSize");
            long cbRounded = r.i32("DATAELEMENT.cbRounded") & 0xFFFFFFFFL;
            if (cbRounded > r.remaining()) {
                throw new WireFormatException("DATAELEMENT.cbRounded=" + cbRounded + ", limit=" + r.remaining());
            }
            if (Integer.toUnsignedLong(cbSize) > cbRounded) {
                throw new WireFormatException("DATAELEMENT.cbSize=" + Integer.toUnsignedString(cbSize) + ", limit=" + cbRounded);
            }
            elements.add(new ObjRef.DataElement(id, cbSize, r.bytes("DATAELEMENT.Data", cbRounded)));
        }
        return new ObjRef.Extended(iid, std, dsa, elements);
    }

    private static void signature(int v, String field) {
        if (v != EXTENDED_SIGNATURE) {
            throw new WireFormatException(String.format("OBJREF_EXTENDED.%s=0x%08X, expected=0x%08X", field, v, EXTENDED_SIGNATURE));
        }
    }

    public static byte[] encode(ObjRef ref) {
        LeWriter w = new LeWriter();
        w.i32(ObjRef.SIGNATURE);
        switch (ref) {
            case ObjRef.Standard s -> {
                w.i32(ObjRef.FLAGS_OBJREF_STANDARD).guid(s.iid());
                s.std().write(w);
                s.saResAddr().write(w);
            }
            case ObjRef.Handler h -> {
                w.i32(ObjRef.FLAGS_OBJREF_HANDLER).guid(h.iid());
                h.std().write(w);
                w.guid(h.clsid());
                h.saResAddr().write(w);
            }
            case ObjRef.Custom c -> {
                w.i32(ObjRef.FLAGS_OBJREF_CUSTOM).guid(c.iid()).guid(c.clsid()).i32(c.extension().length).i32(c.reserved());
                w.bytes(c.extension()).bytes(c.objectData());
            }
            case ObjRef.Extended e -> {
                w.i32(ObjRef.FLAGS_OBJREF_EXTENDED).guid(e.iid());
                e.std().write(w);
                w.i32(EXTENDED_SIGNATURE);
                e.saResAddr().write(w);
                w.i32(e.elements().size()).i32(EXTENDED_SIGNATURE);
                for (ObjRef.DataElement d : e.elements()) {
                    w.guid(d.dataId()).i32(d.cbSize()).i32(d.data().length).bytes(d.data());
                }
            }
        }
        return w.toByteArray();
    }
}
