package org.dcom4j.com.wire;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dcom4j.com.Clsids;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.ndr.FixedSize;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;

/**
 * The activation property structures (MS-DCOM 2.2.22.1–2.2.22.2.9), each an NDR record serialized
 * with {@link TypeSerialization1} inside an {@link ActivationBlob}. Each property record names its
 * identifying CLSID through {@link #clsidOf(Property)}; a property whose CLSID is not known here is
 * kept as {@link Unknown} bytes and re-encoded unchanged.
 */
public final class ActProps {
    private ActProps() {
    }

    /** One entry of the activation BLOB's Property array. */
    public sealed interface Property permits InstantiationInfoData, SpecialPropertiesData, InstanceInfoData,
            ScmRequestInfoData, ActivationContextInfoData, LocationInfoData, SecurityInfoData, ScmReplyInfoData,
            PropsOutInfo, Unknown {
    }

    /** A property this layer does not decode: its CLSID and its serialized bytes (TS1, padding included). */
    public record Unknown(UUID clsid, byte[] serialized) implements Property {
    }

    /**
     * CustomHeader (2.2.22.1). cIfs is within [MIN_ACTPROP_LIMIT, MAX_ACTPROP_LIMIT] = [1, 10].
     */
    public record CustomHeader(int totalSize, int headerSize, int dwReserved, int destCtx, int cIfs, UUID classInfoClsid,
                               @Unique @SizeIs("cIfs") List<UUID> pclsid, @Unique @SizeIs("cIfs") int[] pSizes,
                               @Unique Integer pdwReserved) {
        public CustomHeader {
            if (cIfs < Activation.MIN_ACTPROP_LIMIT || cIfs > Activation.MAX_ACTPROP_LIMIT) {
                throw new IllegalArgumentException("CustomHeader.cIfs=" + Integer.toUnsignedString(cIfs) + ", limit="
                        + Activation.MAX_ACTPROP_LIMIT);
            }
            if (pclsid == null || pSizes == null) {
                throw new IllegalArgumentException("CustomHeader.pclsid/pSizes=NULL");
            }
        }
    }

    /** InstantiationInfoData (2.2.22.2.1), CLSID_InstantiationInfo: the class and the IIDs requested. */
    public record InstantiationInfoData(UUID classId, int classCtx, int actvflags, int fIsSurrogate, int cIID, int instFlag,
                                        @Unique @SizeIs("cIID") List<UUID> pIID, int thisSize, ComVersion clientCOMVersion)
            implements Property {
        public InstantiationInfoData {
            if (cIID < 1 || cIID > Activation.MAX_REQUESTED_INTERFACES) {
                throw new IllegalArgumentException("InstantiationInfoData.cIID=" + Integer.toUnsignedString(cIID) + ", limit="
                        + Activation.MAX_REQUESTED_INTERFACES);
            }
            if (pIID == null) {
                throw new IllegalArgumentException("InstantiationInfoData.pIID=NULL");
            }
        }
    }

    /** SpecialPropertiesData (2.2.22.2.2), CLSID_SpecialSystemProperties. */
    public record SpecialPropertiesData(int dwSessionId, int fRemoteThisSessionId, int fClientImpersonating,
                                        int fPartitionIDPresent, int dwDefaultAuthnLvl, UUID guidPartition, int dwPRTFlags,
                                        int dwOrigClsctx, int dwFlags, int reserved1, long reserved2,
                                        @FixedSize(5) int[] reserved3) implements Property {
        public static final int SPD_FLAG_USE_CONSOLE_SESSION = 0x1;
    }

    /** InstanceInfoData (2.2.22.2.3), CLSID_InstanceInfo: persistent-instance activation. */
    public record InstanceInfoData(@Unique @NdrString String fileName, int mode, @Unique MInterfacePointer ifdROT,
                                   @Unique MInterfacePointer ifdStg) implements Property {
    }

    /** customREMOTE_REQUEST_SCM_INFO (2.2.22.2.4.1). */
    public record CustomRemoteRequestScmInfo(int clientImpLevel, @U16 int cRequestedProtseqs,
                                             @Unique @SizeIs("cRequestedProtseqs") short[] pRequestedProtseqs) {
    }

    /** ScmRequestInfoData (2.2.22.2.4), CLSID_ScmRequestInfo. remoteRequest MUST NOT be NULL. */
    public record ScmRequestInfoData(@Unique Integer pdwReserved, @Unique CustomRemoteRequestScmInfo remoteRequest)
            implements Property {
        public ScmRequestInfoData {
            if (remoteRequest == null) {
                throw new IllegalArgumentException("ScmRequestInfoData.remoteRequest=NULL");
            }
        }
    }

    /** ActivationContextInfoData (2.2.22.2.5), CLSID_ActivationContextInfo. */
    public record ActivationContextInfoData(int clientOK, int bReserved1, int dwReserved1, int dwReserved2,
                                            @Unique MInterfacePointer pIFDClientCtx,
                                            @Unique MInterfacePointer pIFDPrototypeCtx) implements Property {
    }

    /** LocationInfoData (2.2.22.2.6), CLSID_ServerLocationInfo: all fields MUST be NULL/0 and are ignored. */
    public record LocationInfoData(@Unique @NdrString String machineName, int processId, int apartmentId, int contextId)
            implements Property {
    }

    /** COSERVERINFO (2.2.22.2.7.1). */
    public record CoServerInfo(int dwReserved1, @Unique @NdrString String pwszName, @Unique Integer pdwReserved,
                               int dwReserved2) {
    }

    /** SecurityInfoData (2.2.22.2.7), CLSID_SecurityInfo. */
    public record SecurityInfoData(int dwAuthnFlags, @Unique CoServerInfo pServerInfo, @Unique Integer pdwReserved)
            implements Property {
    }

    /** customREMOTE_REPLY_SCM_INFO (2.2.22.2.8.1). */
    public record CustomRemoteReplyScmInfo(long oxid, @Unique DualStringArray.Ndr pdsaOxidBindings, UUID ipidRemUnknown,
                                           int authnHint, ComVersion serverVersion) {
    }

    /** ScmReplyInfoData (2.2.22.2.8), CLSID_ScmReplyInfo. */
    public record ScmReplyInfoData(@Unique Integer pdwReserved, @Unique CustomRemoteReplyScmInfo remoteReply)
            implements Property {
    }

    /** PropsOutInfo (2.2.22.2.9), CLSID_PropsOutInfo: per requested IID an HRESULT and an interface pointer. */
    public record PropsOutInfo(int cIfs, @Unique @SizeIs("cIfs") List<UUID> piid, @Unique @SizeIs("cIfs") int[] phresults,
                               @Unique @SizeIs("cIfs") List<@Unique MInterfacePointer> ppIntfData) implements Property {
        public PropsOutInfo {
            if (cIfs < 0 || cIfs > Activation.MAX_REQUESTED_INTERFACES) {
                throw new IllegalArgumentException("PropsOutInfo.cIfs=" + Integer.toUnsignedString(cIfs) + ", limit="
                        + Activation.MAX_REQUESTED_INTERFACES);
            }
        }
    }

    private static final Map<UUID, Class<? extends Record>> BY_CLSID = Map.of(
            Clsids.CLSID_InstantiationInfo, InstantiationInfoData.class,
            Clsids.CLSID_SpecialSystemProperties, SpecialPropertiesData.class,
            Clsids.CLSID_InstanceInfo, InstanceInfoData.class,
            Clsids.CLSID_ScmRequestInfo, ScmRequestInfoData.class,
            Clsids.CLSID_ActivationContextInfo, ActivationContextInfoData.class,
            Clsids.CLSID_ServerLocationInfo, LocationInfoData.class,
            Clsids.CLSID_SecurityInfo, SecurityInfoData.class,
            Clsids.CLSID_ScmReplyInfo, ScmReplyInfoData.class,
            Clsids.CLSID_PropsOutInfo, PropsOutInfo.class);

    public static UUID clsidOf(Property p) {
        return switch (p) {
            case InstantiationInfoData x -> Clsids.CLSID_InstantiationInfo;
            case SpecialPropertiesData x -> Clsids.CLSID_SpecialSystemProperties;
            case InstanceInfoData x -> Clsids.CLSID_InstanceInfo;
            case ScmRequestInfoData x -> Clsids.CLSID_ScmRequestInfo;
            case ActivationContextInfoData x -> Clsids.CLSID_ActivationContextInfo;
            case LocationInfoData x -> Clsids.CLSID_ServerLocationInfo;
            case SecurityInfoData x -> Clsids.CLSID_SecurityInfo;
            case ScmReplyInfoData x -> Clsids.CLSID_ScmReplyInfo;
            case PropsOutInfo x -> Clsids.CLSID_PropsOutInfo;
            case Unknown u -> u.clsid();
        };
    }

    /** Decodes one blob entry; unknown CLSIDs stay {@link Unknown}. Throws only {@link WireFormatException}. */
    static Property decode(UUID clsid, byte[] serialized) {
        Class<? extends Record> type = BY_CLSID.get(clsid);
        if (type == null) {
            return new Unknown(clsid, serialized);
        }
        return (Property) TypeSerialization1.decode(NdrCodec.of(type), serialized);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] encode(Property p) {
        if (p instanceof Unknown u) {
            return u.serialized();
        }
        Record r = (Record) p;
        return TypeSerialization1.encode((NdrCodec) NdrCodec.of(r.getClass()), r);
    }
}
