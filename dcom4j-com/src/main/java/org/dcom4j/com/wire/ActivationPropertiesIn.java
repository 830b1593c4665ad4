package org.dcom4j.com.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.ActProps.ActivationContextInfoData;
import org.dcom4j.com.wire.ActProps.CoServerInfo;
import org.dcom4j.com.wire.ActProps.CustomRemoteRequestScmInfo;
import org.dcom4j.com.wire.ActProps.InstantiationInfoData;
import org.dcom4j.com.wire.ActProps.LocationInfoData;
import org.dcom4j.com.wire.ActProps.ScmRequestInfoData;
import org.dcom4j.com.wire.ActProps.SecurityInfoData;
import org.dcom4j.com.wire.ActProps.SpecialPropertiesData;
import org.dcom4j.com.wire.Orpc.ComVersion;

/**
 * An activation request (the [in] activation properties of RemoteCreateInstance/RemoteGetClassObject):
 * the blob's properties in wire order, with accessors for what a server acts on. InstantiationInfoData
 * and ScmRequestInfoData are required (MS-DCOM 3.1.2.5.2.3.3); the rest are optional.
 */
public record ActivationPropertiesIn(ActivationBlob blob) {
    public ActivationPropertiesIn {
        if (blob.find(InstantiationInfoData.class) == null) {
            throw new WireFormatException("ActivationPropertiesIn: InstantiationInfoData missing");
        }
        if (blob.find(ScmRequestInfoData.class) == null) {
            throw new WireFormatException("ActivationPropertiesIn: ScmRequestInfoData missing");
        }
    }

    /**
     * A request with the properties Windows' CoCreateInstanceEx sends: InstantiationInfo, SpecialSystemProperties,
     * ActivationContextInfo, SecurityInfo (when {@code serverName} is non-null), ServerLocationInfo, ScmRequestInfo.
     * InstantiationInfo comes first because impacket-based servers (the interop mock) read the first
     * property as InstantiationInfoData; Windows finds properties by CLSID.
     */
    public static ActivationPropertiesIn of(UUID clsid, List<UUID> iids, String serverName, int clientImpLevel, short[] protseqs) {
        List<ActProps.Property> p = new ArrayList<>();
        p.add(instantiation(clsid, iids));
        p.add(new SpecialPropertiesData(0, 0, 0, 0, 0, new UUID(0, 0), 0, 0x14, 0, 0, 0, new int[5]));
        p.add(new ActivationContextInfoData(0, 0, 0, 0, null, null));
        if (serverName != null) {
            p.add(new SecurityInfoData(0, new CoServerInfo(0, serverName, null, 0), null));
        }
        p.add(new LocationInfoData(null, 0, 0, 0));
        p.add(new ScmRequestInfoData(null, new CustomRemoteRequestScmInfo(clientImpLevel, protseqs.length, protseqs.clone())));
        return new ActivationPropertiesIn(new ActivationBlob(ActivationBlob.MSHCTX_DIFFERENTMACHINE, p));
    }

    // thisSize is the serialized size of the structure itself (TS1 included); it does not change with its own value.
    private static InstantiationInfoData instantiation(UUID clsid, List<UUID> iids) {
        InstantiationInfoData probe = new InstantiationInfoData(clsid, 0x14, 0, 0, iids.size(), 0, List.copyOf(iids), 0, ComVersion.V5_7);
        int size = ActProps.encode(probe).length;
        return new InstantiationInfoData(clsid, 0x14, 0, 0, iids.size(), 0, List.copyOf(iids), size, ComVersion.V5_7);
    }

    public InstantiationInfoData instantiationInfo() {
        return blob.find(InstantiationInfoData.class);
    }

    public UUID clsid() {
        return instantiationInfo().classId();
    }

    public List<UUID> iids() {
        return instantiationInfo().pIID();
    }

    public int classCtx() {
        return instantiationInfo().classCtx();
    }

    public ComVersion clientVersion() {
        return instantiationInfo().clientCOMVersion();
    }

    /** COSERVERINFO.pwszName from SecurityInfoData, or null. */
    public String serverName() {
        SecurityInfoData s = blob.find(SecurityInfoData.class);
        return s == null || s.pServerInfo() == null ? null : s.pServerInfo().pwszName();
    }

    public int clientImpLevel() {
        CustomRemoteRequestScmInfo r = blob.find(ScmRequestInfoData.class).remoteRequest();
        return r.clientImpLevel();
    }

    /** The requested protocol sequence tower ids (e.g. 7 for ncacn_ip_tcp), unsigned. */
    public List<Integer> requestedProtseqs() {
        short[] s = blob.find(ScmRequestInfoData.class).remoteRequest().pRequestedProtseqs();
        List<Integer> out = new ArrayList<>();
        if (s != null) {
            for (short v : s) {
                out.add(v & 0xFFFF);
            }
        }
        return List.copyOf(out);
    }

    /** SpecialPropertiesData.dwSessionId, or -1 when the property is absent. */
    public int sessionId() {
        SpecialPropertiesData s = blob.find(SpecialPropertiesData.class);
        return s == null ? -1 : s.dwSessionId();
    }
}
