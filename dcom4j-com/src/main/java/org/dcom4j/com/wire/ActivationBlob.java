package org.dcom4j.com.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.ActProps.CustomHeader;
import org.dcom4j.com.wire.ActProps.Property;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrLimits;

/**
 * The activation properties BLOB (MS-DCOM 2.2.22), the pObjectData of the OBJREF_CUSTOM whose CLSID is
 * CLSID_ActivationPropertiesIn or CLSID_ActivationPropertiesOut:
 * <pre>
 * dwSize (4) | dwReserved (4) | CustomHeader (TS1, headerSize bytes) | Property[0] (pSizes[0]) | … | Property[cIfs-1]
 *            ^---------------------------------- dwSize = CustomHeader.totalSize ------------------------------^
 * </pre>
 * Decoding checks dwSize against the bytes present, totalSize against dwSize, headerSize and every
 * pSizes entry against what is left, and cIfs against MAX_ACTPROP_LIMIT (10).
 */
public record ActivationBlob(int destCtx, List<Property> properties) {
    /** What Windows and impacket put in CustomHeader.destCtx (MSHCTX_DIFFERENTMACHINE). */
    public static final int MSHCTX_DIFFERENTMACHINE = 2;
    private static final UUID GUID_NULL = new UUID(0, 0);

    public ActivationBlob {
        properties = List.copyOf(properties);
        if (properties.size() < Activation.MIN_ACTPROP_LIMIT || properties.size() > Activation.MAX_ACTPROP_LIMIT) {
            throw new IllegalArgumentException("properties=" + properties.size() + ", limit=" + Activation.MAX_ACTPROP_LIMIT);
        }
    }

    /** The first property of the given type, or null. */
    public <T extends Property> T find(Class<T> type) {
        for (Property p : properties) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        return null;
    }

    public static ActivationBlob decode(byte[] b) {
        LeReader r = new LeReader(b, 0, b.length);
        long dwSize = r.i32("ACTIVATION_BLOB.dwSize") & 0xFFFFFFFFL;
        r.i32("ACTIVATION_BLOB.dwReserved");
        if (dwSize != r.remaining()) {
            throw new WireFormatException("ACTIVATION_BLOB.dwSize=" + dwSize + ", expected=" + r.remaining());
        }
        int base = r.position();
        TypeSerialization1.Decoded<CustomHeader> d = TypeSerialization1.decode(NdrCodec.of(CustomHeader.class), b, base,
                (int) dwSize, NdrLimits.DEFAULT);
        CustomHeader h = d.value();
        if (Integer.toUnsignedLong(h.totalSize()) != dwSize) {
            throw new WireFormatException("CustomHeader.totalSize=" + Integer.toUnsignedString(h.totalSize()) + ", expected=" + dwSize);
        }
        long headerSize = Integer.toUnsignedLong(h.headerSize());
        if (headerSize < TypeSerialization1.HEADER_SIZE || headerSize > dwSize) {
            throw new WireFormatException("CustomHeader.headerSize=" + headerSize + ", limit=" + dwSize);
        }
        long at = headerSize;
        List<Property> props = new ArrayList<>(h.cIfs());
        for (int i = 0; i < h.cIfs(); i++) {
            long size = Integer.toUnsignedLong(h.pSizes()[i]);
            if (size > dwSize - at) {
                throw new WireFormatException("CustomHeader.pSizes[" + i + "]=" + size + ", limit=" + (dwSize - at));
            }
            byte[] slice = Arrays.copyOfRange(b, (int) (base + at), (int) (base + at + size));
            props.add(ActProps.decode(h.pclsid().get(i), slice));
            at += size;
        }
        if (at != dwSize) {
            throw new WireFormatException("ACTIVATION_BLOB properties end=" + at + ", expected=" + dwSize);
        }
        return new ActivationBlob(h.destCtx(), props);
    }

    public byte[] encode() {
        List<byte[]> serialized = new ArrayList<>();
        List<UUID> clsids = new ArrayList<>();
        int[] sizes = new int[properties.size()];
        long total = 0;
        for (int i = 0; i < properties.size(); i++) {
            byte[] s = ActProps.encode(properties.get(i));
            serialized.add(s);
            clsids.add(ActProps.clsidOf(properties.get(i)));
            sizes[i] = s.length;
            total += s.length;
        }
        // headerSize does not depend on the header's values (all fixed-size), so measure once, then fill in.
        NdrCodec<CustomHeader> codec = NdrCodec.of(CustomHeader.class);
        int headerSize = TypeSerialization1.encode(codec, header(0, 0, clsids, sizes)).length;
        long dwSize = headerSize + total;
        if (dwSize > Integer.MAX_VALUE) {
            throw new WireFormatException("ACTIVATION_BLOB.dwSize=" + dwSize + ", limit=" + Integer.MAX_VALUE);
        }
        byte[] header = TypeSerialization1.encode(codec, header((int) dwSize, headerSize, clsids, sizes));
        LeWriter w = new LeWriter();
        w.i32((int) dwSize).i32(0).bytes(header);
        serialized.forEach(w::bytes);
        return w.toByteArray();
    }

    private CustomHeader header(int totalSize, int headerSize, List<UUID> clsids, int[] sizes) {
        return new CustomHeader(totalSize, headerSize, 0, destCtx, clsids.size(), GUID_NULL, List.copyOf(clsids), sizes, null);
    }
}
