package org.dcom4j.com.wire;

import org.dcom4j.com.Clsids;
import org.dcom4j.com.Iids;

/**
 * The activation properties as they travel: an OBJREF_CUSTOM (MS-DCOM 2.2.18.6) whose CLSID is
 * CLSID_ActivationPropertiesIn/Out and whose object data is an {@link ActivationBlob}. These are the
 * bytes of {@code pActProperties.abData} / {@code ppActProperties.abData}. Decoders throw only
 * {@link WireFormatException}. Stateless, thread-safe.
 */
public final class ActivationProperties {
    private ActivationProperties() {
    }

    /** Server side: the request's OBJREF bytes. */
    public static ActivationPropertiesIn decodeIn(byte[] objref) {
        return new ActivationPropertiesIn(ActivationBlob.decode(custom(objref, Clsids.CLSID_ActivationPropertiesIn)));
    }

    /** Client side: the request's OBJREF bytes. */
    public static byte[] encodeIn(ActivationPropertiesIn in) {
        return ObjRefCodec.encode(ObjRef.Custom.of(Iids.IID_IActivationPropertiesIn, Clsids.CLSID_ActivationPropertiesIn,
                in.blob().encode()));
    }

    /** Server side: the reply's OBJREF bytes. */
    public static byte[] encodeOut(ActivationPropertiesOut out) {
        return ObjRefCodec.encode(ObjRef.Custom.of(Iids.IID_IActivationPropertiesOut, Clsids.CLSID_ActivationPropertiesOut,
                out.blob().encode()));
    }

    /** Client side: the reply's OBJREF bytes. */
    public static ActivationPropertiesOut decodeOut(byte[] objref) {
        return new ActivationPropertiesOut(ActivationBlob.decode(custom(objref, Clsids.CLSID_ActivationPropertiesOut)));
    }

    private static byte[] custom(byte[] objref, java.util.UUID clsid) {
        ObjRef ref = ObjRefCodec.decode(objref);
        if (!(ref instanceof ObjRef.Custom c)) {
            throw new WireFormatException("activation properties OBJREF flavour=" + ref.getClass().getSimpleName() + ", expected=Custom");
        }
        if (!c.clsid().equals(clsid)) {
            throw new WireFormatException("OBJREF_CUSTOM.clsid=" + c.clsid() + ", expected=" + clsid);
        }
        return c.objectData();
    }
}
