package org.dcom4j.com.wire;

import java.util.List;
import java.util.UUID;

/**
 * OBJREF (MS-DCOM 2.2.18): a marshaled object reference, the content of
 * {@link Orpc.MInterfacePointer#abData()}. A packed little-endian layout (not NDR), coded by
 * {@link ObjRefCodec}:
 * <pre>
 * signature 'MEOW' 0x574F454D (4) | flags (4) | iid (16) | u_objref (per flavour)
 *   STANDARD  std (40) | saResAddr (DUALSTRINGARRAY, packed)
 *   HANDLER   std (40) | clsid (16) | saResAddr
 *   CUSTOM    clsid (16) | cbExtension (4) | reserved (4) | pExtension (cbExtension) | pObjectData (rest)
 *   EXTENDED  std (40) | Signature1 (4) | saResAddr | nElms (4) | Signature2 (4) | DATAELEMENT × nElms
 * </pre>
 * Byte arrays are owned by the record (the codec copies on decode); do not mutate them.
 */
public sealed interface ObjRef {
    int SIGNATURE = 0x574F454D;
    int FLAGS_OBJREF_STANDARD = 0x1;
    int FLAGS_OBJREF_HANDLER = 0x2;
    int FLAGS_OBJREF_CUSTOM = 0x4;
    int FLAGS_OBJREF_EXTENDED = 0x8;

    UUID iid();

    /** OBJREF_STANDARD (2.2.18.4). */
    record Standard(UUID iid, StdObjRef std, DualStringArray saResAddr) implements ObjRef {
    }

    /** OBJREF_HANDLER (2.2.18.5): a standard reference plus the CLSID of a client-side handler. */
    record Handler(UUID iid, StdObjRef std, UUID clsid, DualStringArray saResAddr) implements ObjRef {
    }

    /**
     * OBJREF_CUSTOM (2.2.18.6). {@code reserved} is the field impacket calls ObjectReferenceSize; MS-DCOM
     * says it is unused and ignored on receipt. {@code extension} has cbExtension bytes (MUST be 0 long);
     * {@code objectData} runs to the end of the OBJREF.
     */
    record Custom(UUID iid, UUID clsid, byte[] extension, int reserved, byte[] objectData) implements ObjRef {
        /** No extension; reserved = objectData.length + 8, the value impacket writes. */
        public static Custom of(UUID iid, UUID clsid, byte[] objectData) {
            return new Custom(iid, clsid, new byte[0], objectData.length + 8, objectData);
        }
    }

    /** OBJREF_EXTENDED (2.2.18.7): a standard reference with data elements (e.g. an envoy context). */
    record Extended(UUID iid, StdObjRef std, DualStringArray saResAddr, List<DataElement> elements) implements ObjRef {
        public Extended {
            elements = List.copyOf(elements);
        }
    }

    /**
     * DATAELEMENT (2.2.18.8): {@code GUID dataID; unsigned long cbSize; unsigned long cbRounded; byte Data[cbRounded];}
     * {@code data} holds cbRounded bytes; cbSize is kept as sent.
     */
    record DataElement(UUID dataId, int cbSize, byte[] data) {
    }
}
