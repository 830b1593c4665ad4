package org.dcom4j.com.wire;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;

/**
 * The activation interfaces (MS-DCOM 3.1.2.5.2): IActivation (4d9f4ab8-…, opnum 0 RemoteActivation)
 * and IRemoteSCMActivator (000001A0-…, opnums 3 RemoteGetClassObject and 4 RemoteCreateInstance).
 * Both are plain RPC interfaces v0.0 whose methods nevertheless carry ORPCTHIS/ORPCTHAT as explicit
 * parameters. The activation properties inside {@code pActProperties} are {@link ActivationProperties}.
 */
public final class Activation {
    public static final InterfaceId IACTIVATION = new InterfaceId(Iids.IID_IActivation, 0, 0);
    public static final InterfaceId IREMOTE_SCM_ACTIVATOR = new InterfaceId(Iids.IID_IRemoteSCMActivator, 0, 0);
    public static final int REMOTE_ACTIVATION = 0;
    public static final int REMOTE_GET_CLASS_OBJECT = 3;
    public static final int REMOTE_CREATE_INSTANCE = 4;

    /** MS-DCOM 2.2.28.1. */
    public static final int MAX_REQUESTED_INTERFACES = 0x8000;
    public static final int MAX_REQUESTED_PROTSEQS = 0x8000;
    public static final int MIN_ACTPROP_LIMIT = 1;
    public static final int MAX_ACTPROP_LIMIT = 10;

    /** RemoteActivation Mode values (3.1.2.5.2.3.1). */
    public static final int MODE_GET_CLASS_OBJECT = 0xFFFFFFFF;

    private Activation() {
    }

    /**
     * RemoteActivation [in] (opnum 0): {@code ORPCTHIS*, GUID* Clsid, [string, unique] wchar_t* pwszObjectName,
     * [unique] MInterfacePointer* pObjectStorage, ClientImpLevel, Mode, [range(1,MAX_REQUESTED_INTERFACES)] Interfaces,
     * [unique, size_is(Interfaces)] IID* pIIDs, [range(0,MAX_REQUESTED_PROTSEQS)] unsigned short cRequestedProtseqs,
     * [size_is(cRequestedProtseqs)] unsigned short aRequestedProtseqs[]}.
     */
    @NdrParameters
    public record RemoteActivationRequest(OrpcThis orpcThis, UUID clsid, @Unique @NdrString String pwszObjectName,
                                          @Unique MInterfacePointer pObjectStorage, int clientImpLevel, int mode,
                                          int interfaces, @Unique @SizeIs("interfaces") List<UUID> pIIDs,
                                          @U16 int cRequestedProtseqs,
                                          @SizeIs("cRequestedProtseqs") short[] aRequestedProtseqs) {
        public RemoteActivationRequest {
            if (interfaces < 1 || interfaces > MAX_REQUESTED_INTERFACES) {
                throw new IllegalArgumentException("Interfaces=" + Integer.toUnsignedString(interfaces) + ", limit=" + MAX_REQUESTED_INTERFACES);
            }
            if (cRequestedProtseqs > MAX_REQUESTED_PROTSEQS) {
                throw new IllegalArgumentException("cRequestedProtseqs=" + cRequestedProtseqs + ", limit=" + MAX_REQUESTED_PROTSEQS);
            }
        }
    }

    /**
     * RemoteActivation [out]: {@code ORPCTHAT*, OXID* pOxid, DUALSTRINGARRAY** ppdsaOxidBindings, IPID* pipidRemUnknown,
     * DWORD* pAuthnHint, COMVERSION* pServerVersion, HRESULT* phr, [size_is(Interfaces)] MInterfacePointer** ppInterfaceData,
     * [size_is(Interfaces)] HRESULT* pResults}.
     */
    @NdrParameters
    public record RemoteActivationResponse(OrpcThat orpcThat, long pOxid, @Unique DualStringArray.Ndr ppdsaOxidBindings,
                                           UUID pipidRemUnknown, int pAuthnHint, ComVersion pServerVersion, int phr,
                                           List<@Unique MInterfacePointer> ppInterfaceData, int[] pResults, int errorCode) {
    }

    /** RemoteGetClassObject [in] (opnum 3): {@code ORPCTHIS*, [unique] MInterfacePointer* pActProperties}. */
    @NdrParameters
    public record RemoteGetClassObjectRequest(OrpcThis orpcThis, @Unique MInterfacePointer pActProperties) {
    }

    /** RemoteGetClassObject / RemoteCreateInstance [out]: {@code ORPCTHAT*, MInterfacePointer** ppActProperties}. */
    @NdrParameters
    public record ActivationResponse(OrpcThat orpcThat, @Unique MInterfacePointer ppActProperties, int errorCode) {
    }

    /** RemoteCreateInstance [in] (opnum 4): {@code ORPCTHIS*, [unique] pUnkOuter, [unique] pActProperties}. */
    @NdrParameters
    public record RemoteCreateInstanceRequest(OrpcThis orpcThis, @Unique MInterfacePointer pUnkOuter,
                                              @Unique MInterfacePointer pActProperties) {
    }
}
