package org.dcom4j.com.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.RemUnknown;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * IRemUnknown (opnums 3–5) and IRemUnknown2 (opnum 6) on the exporter's Remote Unknown IPID
 * (MS-DCOM 3.1.1.5.6, 3.1.1.5.7). Every call is Call-checked like any ORPC call.
 * <ul>
 * <li>RemQueryInterface: per IID, S_OK and a STDOBJREF with {@code cRefs} references (a new IPID or
 *     the object's existing one), or E_NOINTERFACE; the return value is S_OK when any succeeded, else
 *     E_NOINTERFACE; an unknown {@code ripid} returns RPC_E_DISCONNECTED with no results.</li>
 * <li>RemAddRef: per reference S_OK or E_INVALIDARG (unknown IPID); the return value the first failure.</li>
 * <li>RemRelease: releases what it names; unknown IPIDs are ignored (the object may be gone already).</li>
 * <li>RemQueryInterface2: as RemQueryInterface, the references as OBJREFs ({@value ExportTable#EXPORT_REFS} each).</li>
 * </ul>
 * References are counted for the caller's user SID ({@link ExportTable#ownerOf}). A call naming a known
 * IPID of an object on which the caller holds no reference ({@link ExportTable#mayUse}) faults
 * E_ACCESSDENIED 0x80070005, nothing done; RemRelease takes only the caller's own (and unbound) references.
 * Thread-safe.
 */
public final class RemUnknownService implements RpcHandler {
    /** Bound on cIids / cInterfaceRefs of one call (Windows' proxies ask for a handful). */
    public static final int MAX_ENTRIES = 1024;

    private final UUID remUnknownIpid = UUID.randomUUID();
    private final ExportTable table;
    private final CallGuard guard;
    /** The IIDs an implementation object supports, with their Java interfaces ({@link ComInterfaces#of}). */
    private final Function<Object, java.util.Map<UUID, Class<?>>> interfacesOf;
    /** Registers the RPC interface of a Java interface before an IPID of it is handed out. */
    private final java.util.function.Consumer<Class<?>> ensureRegistered;
    private final Function<StdObjRef, ObjRef.Standard> objRefOf;

    public RemUnknownService(ExportTable table, CallGuard guard, Function<Object, java.util.Map<UUID, Class<?>>> interfacesOf,
                             java.util.function.Consumer<Class<?>> ensureRegistered, Function<StdObjRef, ObjRef.Standard> objRefOf) {
        this.table = table;
        this.guard = guard;
        this.interfacesOf = interfacesOf;
        this.ensureRegistered = ensureRegistered;
        this.objRefOf = objRefOf;
    }

    public UUID remUnknownIpid() {
        return remUnknownIpid;
    }

    public List<RpcInterface> rpcInterfaces() {
        return List.of(new RpcInterface(RemUnknown.INTERFACE, 6, this, InterfaceSecurity.AUTHENTICATED),
                new RpcInterface(RemUnknown.INTERFACE2, 7, this, InterfaceSecurity.AUTHENTICATED));
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        OrpcDispatcher.checkAccess(guard, ctx);
        if (!remUnknownIpid.equals(ctx.object())) {
            throw new RpcFaultException(Hresult.RPC_E_DISCONNECTED, "not the Remote Unknown IPID: " + ctx.object());
        }
        boolean v2 = ctx.interfaceId().uuid().equals(Iids.IID_IRemUnknown2);
        String owner = ExportTable.ownerOf(ctx);
        try {
            return switch (opnum) {
                case RemUnknown.REM_QUERY_INTERFACE -> queryInterface(decode(stub, ctx, RemUnknown.RemQueryInterfaceRequest.class), owner);
                case RemUnknown.REM_ADD_REF -> addRef(decode(stub, ctx, RemUnknown.RemAddRefRequest.class), owner);
                case RemUnknown.REM_RELEASE -> release(decode(stub, ctx, RemUnknown.RemReleaseRequest.class), owner);
                case RemUnknown.REM_QUERY_INTERFACE2 -> {
                    if (!v2) {
                        throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "RemQueryInterface2 through IRemUnknown");
                    }
                    yield queryInterface2(decode(stub, ctx, RemUnknown.RemQueryInterface2Request.class), owner);
                }
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum " + opnum);
            };
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    private static <T extends Record> T decode(byte[] stub, CallContext ctx, Class<T> type) {
        return NdrCodec.of(type).decode(stub, Drep.of(ctx.drep()), OrpcDispatcher.LIMITS);
    }

    private static void bound(int n) throws RpcFaultException {
        if (n > MAX_ENTRIES) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, "count=" + n + ", limit=" + MAX_ENTRIES);
        }
    }

    /** Per IID, a STDOBJREF with {@code refs}, or null for E_NOINTERFACE; null overall for an unknown ripid. */
    private List<StdObjRef> query(UUID ripid, int refs, List<UUID> iids, String owner) throws RpcFaultException {
        ExportTable.Ipid of = table.find(ripid);
        if (of == null) {
            return null;
        }
        OrpcDispatcher.checkOwner(table, of, owner);
        java.util.Map<UUID, Class<?>> supported = interfacesOf.apply(of.object().impl());
        List<StdObjRef> out = new ArrayList<>();
        for (UUID iid : iids) {
            Class<?> type = supported.get(iid);
            if (type != null) {
                ensureRegistered.accept(type);
                out.add(table.export(of.object().impl(), iid, refs, owner));
            } else {
                out.add(null);
            }
        }
        return out;
    }

    private byte[] queryInterface(RemUnknown.RemQueryInterfaceRequest r, String owner) throws RpcFaultException {
        bound(r.cIids());
        int refs = (int) Math.min(ExportTable.MAX_REFS, Integer.toUnsignedLong(r.cRefs()));
        List<StdObjRef> found = query(r.ripid(), refs, r.iids(), owner);
        NdrCodec<RemUnknown.RemQueryInterfaceResponse> codec = NdrCodec.of(RemUnknown.RemQueryInterfaceResponse.class);
        if (found == null) {
            return codec.encode(new RemUnknown.RemQueryInterfaceResponse(Orpc.OrpcThat.EMPTY, null, Hresult.RPC_E_DISCONNECTED));
        }
        List<RemUnknown.RemQiResult> results = new ArrayList<>();
        boolean any = false;
        for (StdObjRef s : found) {
            any |= s != null;
            results.add(s != null ? new RemUnknown.RemQiResult(Hresult.S_OK, s)
                    : new RemUnknown.RemQiResult(Hresult.E_NOINTERFACE, new StdObjRef(0, 0, 0, 0, new UUID(0, 0))));
        }
        return codec.encode(new RemUnknown.RemQueryInterfaceResponse(Orpc.OrpcThat.EMPTY, results,
                any ? Hresult.S_OK : Hresult.E_NOINTERFACE));
    }

    private byte[] queryInterface2(RemUnknown.RemQueryInterface2Request r, String owner) throws RpcFaultException {
        bound(r.cIids());
        List<StdObjRef> found = query(r.ripid(), ExportTable.EXPORT_REFS, r.iids(), owner);
        int n = r.iids().size();
        int[] phr = new int[n];
        List<Orpc.MInterfacePointer> mifs = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < n; i++) {
            StdObjRef s = found == null ? null : found.get(i);
            phr[i] = found == null ? Hresult.RPC_E_DISCONNECTED : s == null ? Hresult.E_NOINTERFACE : Hresult.S_OK;
            mifs.add(s == null ? null : Orpc.MInterfacePointer.of(ObjRefCodec.encode(withIid(objRefOf.apply(s), r.iids().get(i)))));
            any |= s != null;
        }
        return NdrCodec.of(RemUnknown.RemQueryInterface2Response.class).encode(new RemUnknown.RemQueryInterface2Response(
                Orpc.OrpcThat.EMPTY, phr, mifs, any ? Hresult.S_OK : found == null ? Hresult.RPC_E_DISCONNECTED : Hresult.E_NOINTERFACE));
    }

    private static ObjRef.Standard withIid(ObjRef.Standard o, UUID iid) {
        return new ObjRef.Standard(iid, o.std(), o.saResAddr());
    }

    /** E_ACCESSDENIED when one of the known IPIDs named is of an object {@code owner} may not use. Call with the table locked. */
    private void checkOwners(List<RemUnknown.RemInterfaceRef> refs, String owner) throws RpcFaultException {
        for (RemUnknown.RemInterfaceRef ref : refs) {
            ExportTable.Ipid e = table.find(ref.ipid());
            if (e != null) {
                OrpcDispatcher.checkOwner(table, e, owner);
            }
        }
    }

    private byte[] addRef(RemUnknown.RemAddRefRequest r, String owner) throws RpcFaultException {
        bound(r.cInterfaceRefs());
        int[] results = new int[r.interfaceRefs().size()];
        int first = Hresult.S_OK;
        synchronized (table) { // checked and counted at once
            checkOwners(r.interfaceRefs(), owner);
            for (int i = 0; i < results.length; i++) {
                RemUnknown.RemInterfaceRef ref = r.interfaceRefs().get(i);
                results[i] = table.addRef(ref.ipid(), ref.cPublicRefs(), ref.cPrivateRefs(), owner);
                first = first == Hresult.S_OK ? results[i] : first;
            }
        }
        return NdrCodec.of(RemUnknown.RemAddRefResponse.class).encode(new RemUnknown.RemAddRefResponse(Orpc.OrpcThat.EMPTY, results, first));
    }

    private byte[] release(RemUnknown.RemReleaseRequest r, String owner) throws RpcFaultException {
        bound(r.cInterfaceRefs());
        synchronized (table) {
            checkOwners(r.interfaceRefs(), owner);
            for (RemUnknown.RemInterfaceRef ref : r.interfaceRefs()) {
                table.release(ref.ipid(), ref.cPublicRefs(), ref.cPrivateRefs(), owner);
            }
        }
        return NdrCodec.of(RemUnknown.RemReleaseResponse.class).encode(new RemUnknown.RemReleaseResponse(Orpc.OrpcThat.EMPTY, Hresult.S_OK));
    }
}
