package org.dcom4j.rpcss.dcom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.Activation.ActivationResponse;
import org.dcom4j.com.wire.Activation.RemoteActivationRequest;
import org.dcom4j.com.wire.Activation.RemoteActivationResponse;
import org.dcom4j.com.wire.Activation.RemoteCreateInstanceRequest;
import org.dcom4j.com.wire.Activation.RemoteGetClassObjectRequest;
import org.dcom4j.com.wire.ActivationProperties;
import org.dcom4j.com.wire.ActivationPropertiesIn;
import org.dcom4j.com.wire.ActivationPropertiesOut;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.com.wire.WireFormatException;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IRemoteSCMActivator (opnum 3 RemoteGetClassObject, 4 RemoteCreateInstance) and IActivation
 * (opnum 0 RemoteActivation), MS-DCOM 3.1.2.5.2. RemoteGetClassObject (and RemoteActivation's Mode
 * MODE_GET_CLASS_OBJECT) runs RemoteCreateInstance's checks and launch ({@link ActivationService}) and
 * answers the class object (IClassFactory) the server hands out for its one IID. The RPC layer admits every caller (anonymous too,
 * declared {@link InterfaceSecurity#ANONYMOUS_ALLOWED}) so that refusals are what Windows answers: an
 * HRESULT in the reply (E_ACCESSDENIED), decided by {@link ActivationService}, not a fault.
 *
 * <p>Answers to bad input, each a named test:
 * <ul>
 * <li>a stub that does not decode as NDR: fault rpc_x_bad_stub_data (1783);</li>
 * <li>activation properties missing, not an OBJREF_CUSTOM, lying CustomHeader sizes or counts, a
 *     required property missing: E_INVALIDARG;</li>
 * <li>pUnkOuter non-NULL (aggregation across machines): CLASS_E_NOAGGREGATION;</li>
 * <li>RemoteGetClassObject (or MODE_GET_CLASS_OBJECT) naming other than one IID: E_INVALIDARG;</li>
 * <li>ORPCTHIS of another major COM version: RPC_E_VERSION_MISMATCH;</li>
 * <li>RemoteActivation's pwszObjectName longer than {@value #MAX_OBJECT_NAME} characters (the MS03-026
 *     overflow shape): E_INVALIDARG, the name never copied further; any object name or storage
 *     (persistent activation): E_NOTIMPL.</li>
 * </ul>
 * Thread-safe.
 */
final class ActivatorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ActivatorHandler.class);
    /** MAX_PATH: no object name a file moniker could carry is longer. */
    static final int MAX_OBJECT_NAME = 260;

    private final ActivationService service;
    private final Bindings bindings;

    ActivatorHandler(ActivationService service, Bindings bindings) {
        this.service = service;
        this.bindings = bindings;
    }

    RpcInterface remoteScmActivator() {
        RpcHandler h = (ctx, opnum, stub) -> switch (opnum) {
            case Activation.REMOTE_CREATE_INSTANCE -> {
                RemoteCreateInstanceRequest r = decode(RemoteCreateInstanceRequest.class, ctx, stub);
                yield activate(ctx, false, r.orpcThis(), r.pUnkOuter(), r.pActProperties());
            }
            case Activation.REMOTE_GET_CLASS_OBJECT -> {
                RemoteGetClassObjectRequest r = decode(RemoteGetClassObjectRequest.class, ctx, stub);
                yield activate(ctx, true, r.orpcThis(), null, r.pActProperties());
            }
            default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum); // 0-2: not used on the wire
        };
        return new RpcInterface(Activation.IREMOTE_SCM_ACTIVATOR, Activation.REMOTE_CREATE_INSTANCE + 1, h,
                InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    RpcInterface activation() {
        return new RpcInterface(Activation.IACTIVATION, 1, this::remoteActivation, InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    private static <T extends Record> T decode(Class<T> type, CallContext ctx, byte[] stub) throws RpcFaultException {
        try {
            return Ndr.decode(type, ctx, stub);
        } catch (NdrException | IllegalArgumentException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * RemoteCreateInstance, or RemoteGetClassObject ({@code classObject}: the activation properties name
     * exactly one IID, usually IID_IClassFactory, and the reply's one interface pointer is the class object).
     */
    private byte[] activate(CallContext ctx, boolean classObject, OrpcThis orpcThis, MInterfacePointer pUnkOuter,
                            MInterfacePointer pActProperties) {
        String op = classObject ? "RemoteGetClassObject" : "RemoteCreateInstance";
        try {
            checkOrpcThis(orpcThis);
            if (pUnkOuter != null) {
                throw new ComException(Hresult.CLASS_E_NOAGGREGATION, "pUnkOuter is not NULL");
            }
            if (pActProperties == null) {
                throw new ComException(Hresult.E_INVALIDARG, "pActProperties=NULL");
            }
            ActivationPropertiesIn in;
            try {
                in = ActivationProperties.decodeIn(pActProperties.abData());
            } catch (WireFormatException | IllegalArgumentException e) {
                throw new ComException(Hresult.E_INVALIDARG, "activation properties: " + e.getMessage(), e);
            }
            UUID clsid = in.clsid();
            List<UUID> iids = in.iids();
            if (classObject && iids.size() != 1) {
                throw new ComException(Hresult.E_INVALIDARG, "InstantiationInfoData.cIID=" + iids.size() + ", expected=1");
            }
            ActivationService.Activated a = classObject ? service.getClassObject(ctx, clsid, iids.getFirst())
                    : service.activate(ctx, clsid, iids);
            DualStringArray dsa = bindings.forClient(a.server().bindings(), ctx.distance(), in.requestedProtseqs(), in.serverName());
            List<byte[]> objrefs = new ArrayList<>();
            for (MInterfacePointer m : a.objrefs()) {
                objrefs.add(m == null ? null : m.abData());
            }
            byte[] out = ActivationProperties.encodeOut(ActivationPropertiesOut.of(iids, a.hresults(), objrefs, a.server().oxid(), dsa,
                    a.server().ipidRemUnknown(), ctx.authLevel(), ComVersion.V5_7));
            return Ndr.encode(new ActivationResponse(OrpcThat.EMPTY, MInterfacePointer.of(out), Hresult.S_OK));
        } catch (ComException e) {
            LOG.debug("{} from {} ({}): {}", op, ctx.peerAddress(), ctx.token().name(), e.getMessage());
            return Ndr.encode(new ActivationResponse(OrpcThat.EMPTY, null, e.hresult()));
        }
    }

    private byte[] remoteActivation(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        RemoteActivationRequest r = decode(RemoteActivationRequest.class, ctx, stub);
        int n = r.interfaces();
        try {
            checkOrpcThis(r.orpcThis());
            if (r.pwszObjectName() != null && r.pwszObjectName().length() > MAX_OBJECT_NAME) {
                throw new ComException(Hresult.E_INVALIDARG, "pwszObjectName length=" + r.pwszObjectName().length() + ", limit="
                        + MAX_OBJECT_NAME);
            }
            if (r.pwszObjectName() != null || r.pObjectStorage() != null) {
                throw new ComException(Hresult.E_NOTIMPL, "persistent activation (object name or storage) is not supported");
            }
            if (r.pIIDs() == null || r.pIIDs().size() != n) {
                throw new ComException(Hresult.E_INVALIDARG, "pIIDs count != Interfaces=" + n);
            }
            boolean classObject = r.mode() == Activation.MODE_GET_CLASS_OBJECT;
            if (classObject && n != 1) {
                throw new ComException(Hresult.E_INVALIDARG, "MODE_GET_CLASS_OBJECT with Interfaces=" + n + ", expected=1");
            }
            ActivationService.Activated a = classObject ? service.getClassObject(ctx, r.clsid(), r.pIIDs().getFirst())
                    : service.activate(ctx, r.clsid(), r.pIIDs());
            List<Integer> towers = ObjectExporterHandler.towers(r.aRequestedProtseqs());
            DualStringArray dsa = bindings.forClient(a.server().bindings(), ctx.distance(), towers, null);
            return Ndr.encode(new RemoteActivationResponse(OrpcThat.EMPTY, a.server().oxid(), dsa.toNdr(), a.server().ipidRemUnknown(),
                    ctx.authLevel(), ComVersion.V5_7, Hresult.S_OK, a.objrefs(), a.hresults(), 0));
        } catch (ComException e) {
            LOG.debug("RemoteActivation from {} ({}): {}", ctx.peerAddress(), ctx.token().name(), e.getMessage());
            int[] hrs = new int[n];
            java.util.Arrays.fill(hrs, e.hresult());
            return Ndr.encode(new RemoteActivationResponse(OrpcThat.EMPTY, 0, null, new UUID(0, 0), 0, ComVersion.V5_7,
                    e.hresult(), Collections.nCopies(n, (MInterfacePointer) null), hrs, 0));
        }
    }

    private static void checkOrpcThis(OrpcThis t) throws ComException {
        if (t == null || t.version() == null || t.version().majorVersion() != 5) {
            throw new ComException(Hresult.RPC_E_VERSION_MISMATCH, "ORPCTHIS version=" + (t == null ? null : t.version()));
        }
    }
}
