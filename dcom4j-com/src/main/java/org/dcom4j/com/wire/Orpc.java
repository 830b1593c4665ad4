package org.dcom4j.com.wire;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;

/**
 * The ORPC call framing (MS-DCOM 2.2.11–2.2.14): every ORPC request starts with an {@link OrpcThis},
 * every response with an {@link OrpcThat}; interface pointers travel as {@link MInterfacePointer}s.
 * All records here are NDR structures; codecs come from {@code NdrCodec.of}.
 *
 * <p>Extensions ({@link OrpcExtentArray}) are kept as opaque, preserved bytes: an extent this layer does
 * not understand decodes and re-encodes unchanged. Their count is limited to {@link #MAX_EXTENTS}.
 */
public final class Orpc {
    /** Implementation limit on ORPC_EXTENT_ARRAY.size; Windows sends at most a few (error info, context). */
    public static final int MAX_EXTENTS = 64;
    /** Implementation limit on one ORPC_EXTENT's data. */
    public static final int MAX_EXTENT_SIZE = 1 << 20;

    /** ORPCTHIS.flags (MS-DCOM 2.2.13.3). */
    public static final int ORPCF_NULL = 0;
    public static final int ORPCF_LOCAL = 1;
    public static final int ORPCF_RESERVED1 = 2;
    public static final int ORPCF_RESERVED2 = 4;
    public static final int ORPCF_RESERVED3 = 8;
    public static final int ORPCF_RESERVED4 = 16;

    private Orpc() {
    }

    /** COMVERSION (2.2.11): {@code unsigned short MajorVersion; unsigned short MinorVersion;} — 4 bytes. */
    public record ComVersion(@U16 int majorVersion, @U16 int minorVersion) {
        /** 5.7, what Windows since XP SP2 and impacket announce. */
        public static final ComVersion V5_7 = new ComVersion(5, 7);
    }

    /**
     * ORPC_EXTENT (2.2.13.1): {@code GUID id; unsigned long size; [size_is((size+7)&~7)] byte data[];}
     * The size_is expression is checked here (the NDR engine takes only plain correlations): data is
     * the payload padded to a multiple of 8.
     * <pre>
     * max_count=(size+7)&~7 (4) | id (16) | size (4) | data (max_count)
     * </pre>
     */
    public record OrpcExtent(UUID id, int size, byte[] data) {
        public OrpcExtent {
            if (size < 0 || size > MAX_EXTENT_SIZE) {
                throw new IllegalArgumentException("ORPC_EXTENT.size=" + Integer.toUnsignedString(size) + ", limit=" + MAX_EXTENT_SIZE);
            }
            if (data.length != ((size + 7) & ~7)) {
                throw new IllegalArgumentException("ORPC_EXTENT.data length=" + data.length + ", expected=" + ((size + 7) & ~7));
            }
        }

        /** An extent carrying {@code payload}, padded with zeros to a multiple of 8. */
        public static OrpcExtent of(UUID id, byte[] payload) {
            return new OrpcExtent(id, payload.length, Arrays.copyOf(payload, (payload.length + 7) & ~7));
        }

        public byte[] payload() {
            return Arrays.copyOf(data, size);
        }
    }

    /**
     * ORPC_EXTENT_ARRAY (2.2.13.2):
     * {@code unsigned long size; unsigned long reserved; [size_is((size+1)&~1,), unique] ORPC_EXTENT** extent;}
     * The array holds size rounded up to even entries; unused entries are NULL.
     */
    public record OrpcExtentArray(int size, int reserved, @Unique List<@Unique OrpcExtent> extent) {
        public OrpcExtentArray {
            if (size < 0 || size > MAX_EXTENTS) {
                throw new IllegalArgumentException("ORPC_EXTENT_ARRAY.size=" + Integer.toUnsignedString(size) + ", limit=" + MAX_EXTENTS);
            }
            int slots = (size + 1) & ~1;
            if (extent == null ? size != 0 : extent.size() != slots) {
                throw new IllegalArgumentException("ORPC_EXTENT_ARRAY.extent count=" + (extent == null ? "NULL" : extent.size())
                        + ", expected=" + slots);
            }
        }

        /** An array of the given extents (NULL-padded to an even count). */
        public static OrpcExtentArray of(List<OrpcExtent> extents) {
            java.util.ArrayList<OrpcExtent> slots = new java.util.ArrayList<>(extents);
            if (slots.size() % 2 != 0) {
                slots.add(null);
            }
            return new OrpcExtentArray(extents.size(), 0, java.util.Collections.unmodifiableList(slots));
        }

        /** The non-NULL extents in order. */
        public List<OrpcExtent> extents() {
            return extent == null ? List.of() : extent.stream().filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * ORPCTHIS (2.2.13.3), the implicit first [in] parameter of every ORPC method.
     * <pre>
     * version (4) | flags (4) | reserved1 (4) | cid (16) | extensions referent id (4) ... deferred ORPC_EXTENT_ARRAY
     * </pre>
     */
    public record OrpcThis(ComVersion version, int flags, int reserved1, UUID cid, @Unique OrpcExtentArray extensions) {
        /** Version 5.7, ORPCF_NULL, no extensions — what Windows and impacket send by default. */
        public static OrpcThis of(UUID cid) {
            return new OrpcThis(ComVersion.V5_7, ORPCF_NULL, 0, cid, null);
        }
    }

    /** ORPCTHAT (2.2.13.4), the implicit first [out] parameter: {@code unsigned long flags; [unique] ORPC_EXTENT_ARRAY* extensions;} */
    public record OrpcThat(int flags, @Unique OrpcExtentArray extensions) {
        public static final OrpcThat EMPTY = new OrpcThat(0, null);
    }

    /**
     * MInterfacePointer (2.2.14): {@code unsigned long ulCntData; [size_is(ulCntData)] byte abData[];} — a
     * conformant structure whose bytes are an OBJREF ({@link ObjRefCodec}).
     * <pre>
     * max_count (4) | ulCntData (4) | abData (ulCntData)
     * </pre>
     */
    public record MInterfacePointer(int ulCntData, @org.dcom4j.ndr.SizeIs("ulCntData") byte[] abData) {
        public static MInterfacePointer of(byte[] objref) {
            return new MInterfacePointer(objref.length, objref);
        }
    }
}
