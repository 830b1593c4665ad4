package org.dcom4j.com.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.ActProps.CustomRemoteReplyScmInfo;
import org.dcom4j.com.wire.ActProps.PropsOutInfo;
import org.dcom4j.com.wire.ActProps.ScmReplyInfoData;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;

/**
 * An activation reply (the [out] activation properties): PropsOutInfo (per IID an HRESULT and an
 * OBJREF) and ScmReplyInfoData (the object exporter's OXID, bindings, IRemUnknown IPID, authn hint,
 * COM version), in that order, as Windows and the mock server send them.
 */
public record ActivationPropertiesOut(ActivationBlob blob) {
    public ActivationPropertiesOut {
        if (blob.find(PropsOutInfo.class) == null) {
            throw new WireFormatException("ActivationPropertiesOut: PropsOutInfo missing");
        }
        if (blob.find(ScmReplyInfoData.class) == null) {
            throw new WireFormatException("ActivationPropertiesOut: ScmReplyInfoData missing");
        }
    }

    /**
     * @param objrefs one OBJREF per IID, or null where the HRESULT is a failure
     */
    public static ActivationPropertiesOut of(List<UUID> iids, int[] hresults, List<byte[]> objrefs, long oxid,
                                             DualStringArray oxidBindings, UUID ipidRemUnknown, int authnHint,
                                             ComVersion serverVersion) {
        if (hresults.length != iids.size() || objrefs.size() != iids.size()) {
            throw new IllegalArgumentException("iids=" + iids.size() + ", hresults=" + hresults.length + ", objrefs=" + objrefs.size());
        }
        List<MInterfacePointer> mips = new ArrayList<>();
        for (byte[] o : objrefs) {
            mips.add(o == null ? null : MInterfacePointer.of(o));
        }
        PropsOutInfo po = new PropsOutInfo(iids.size(), List.copyOf(iids), hresults.clone(), java.util.Collections.unmodifiableList(mips));
        ScmReplyInfoData sr = new ScmReplyInfoData(null,
                new CustomRemoteReplyScmInfo(oxid, oxidBindings.toNdr(), ipidRemUnknown, authnHint, serverVersion));
        return new ActivationPropertiesOut(new ActivationBlob(ActivationBlob.MSHCTX_DIFFERENTMACHINE, List.of(po, sr)));
    }

    public PropsOutInfo propsOut() {
        return blob.find(PropsOutInfo.class);
    }

    public CustomRemoteReplyScmInfo remoteReply() {
        CustomRemoteReplyScmInfo r = blob.find(ScmReplyInfoData.class).remoteReply();
        if (r == null) {
            throw new WireFormatException("ScmReplyInfoData.remoteReply=NULL");
        }
        return r;
    }

    public List<UUID> iids() {
        return propsOut().piid() == null ? List.of() : propsOut().piid();
    }

    public int[] hresults() {
        return propsOut().phresults() == null ? new int[0] : propsOut().phresults().clone();
    }

    /** The i-th interface pointer decoded as an OBJREF, or null when NULL on the wire. */
    public ObjRef objRef(int i) {
        List<MInterfacePointer> l = propsOut().ppIntfData();
        if (l == null || i < 0 || i >= l.size()) {
            throw new WireFormatException("PropsOutInfo.ppIntfData index=" + i + ", limit=" + (l == null ? 0 : l.size()));
        }
        MInterfacePointer m = l.get(i);
        return m == null ? null : ObjRefCodec.decode(m.abData());
    }

    public long oxid() {
        return remoteReply().oxid();
    }

    public DualStringArray oxidBindings() {
        DualStringArray.Ndr n = remoteReply().pdsaOxidBindings();
        if (n == null) {
            throw new WireFormatException("customREMOTE_REPLY_SCM_INFO.pdsaOxidBindings=NULL");
        }
        return DualStringArray.fromNdr(n);
    }

    public UUID ipidRemUnknown() {
        return remoteReply().ipidRemUnknown();
    }
}
