package org.dcom4j.com.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.UUID;
import org.dcom4j.com.CreateResult;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.scm.ObjectServer;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.security.Distance;

/**
 * IDcom4jObjectServer, the interface rpcss calls in this process ({@link ObjectServer}): only an
 * ncalrpc caller whose kernel uid is {@code rpcssUid} (the owner of rpcss's dcom4j-scm socket) is
 * served; anyone else gets fault rpc_s_access_denied. Calls wait (up to 10 s) until RegisterServer has
 * answered, so OIDs carry the registration id. CreateInstance binds the references it returns to the
 * request's callerSid (an empty one: unbound), and so does GetClassObject (one IID, the result's
 * only entry); OidsPinged moves the OIDs' deadlines; OidsExpired frees
 * them at once (no longer sent by rpcss, kept for the contract). Thread-safe.
 */
public final class ObjectServerService implements RpcHandler {
    public static final int MAX_IIDS = 0x8000;
    public static final int MAX_OIDS = 1 << 16;

    /** Activation's last step for a caller ({@code callerSid} a SID string, or empty: unbound). */
    @FunctionalInterface
    public interface Creator {
        CreateResult create(UUID clsid, List<UUID> iids, String callerSid);
    }

    private final int rpcssUid;
    private final Creator create;
    private final Creator classObject;
    private final LongPredicate expire;
    private final Consumer<long[]> pinged;
    private final CountDownLatch registered = new CountDownLatch(1);

    /** {@code classObject} answers GetClassObject: called with one IID, it returns one HRESULT and OBJREF. */
    public ObjectServerService(int rpcssUid, Creator create, Creator classObject, LongPredicate expire, Consumer<long[]> pinged) {
        this.rpcssUid = rpcssUid;
        this.create = create;
        this.classObject = classObject;
        this.expire = expire;
        this.pinged = pinged;
    }

    public RpcInterface rpcInterface() {
        return new RpcInterface(ObjectServer.INTERFACE, ObjectServer.OPERATION_COUNT, this, InterfaceSecurity.AUTHENTICATED);
    }

    /** RegisterServer answered: calls may proceed. */
    public void registered() {
        registered.countDown();
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        if (ctx.distance() != Distance.LOCAL || rpcssUid < 0
                || ctx.peerCredentials().map(p -> p.uid() != rpcssUid).orElse(true)) {
            throw new RpcFaultException(FaultStatus.RPC_S_ACCESS_DENIED, "ObjectServer: caller is not rpcss");
        }
        try {
            if (!registered.await(10, TimeUnit.SECONDS)) {
                throw new RpcFaultException(Hresult.CO_E_SERVER_STOPPING, "not registered with rpcss");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcFaultException(Hresult.CO_E_SERVER_STOPPING, "interrupted");
        }
        try {
            return switch (opnum) {
                case ObjectServer.CREATE_INSTANCE -> {
                    var r = NdrCodec.of(ObjectServer.CreateInstanceRequest.class).decode(stub, Drep.of(ctx.drep()), OrpcDispatcher.LIMITS);
                    if (r.iids().isEmpty() || r.iids().size() > MAX_IIDS) {
                        throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, "cIids=" + r.iids().size() + ", limit=1.." + MAX_IIDS);
                    }
                    CreateResult c = create.create(r.clsid(), r.iids(), r.callerSid() == null ? "" : r.callerSid());
                    int[] hrs = c.hresults().stream().mapToInt(Integer::intValue).toArray();
                    List<Orpc.MInterfacePointer> refs = new ArrayList<>();
                    for (ObjRef.Standard o : c.objRefs()) {
                        refs.add(o == null ? null : Orpc.MInterfacePointer.of(ObjRefCodec.encode(o)));
                    }
                    yield NdrCodec.of(ObjectServer.CreateInstanceResponse.class).encode(
                            new ObjectServer.CreateInstanceResponse(hrs.length, hrs, refs, c.hresult()));
                }
                case ObjectServer.GET_CLASS_OBJECT -> {
                    var r = NdrCodec.of(ObjectServer.GetClassObjectRequest.class).decode(stub, Drep.of(ctx.drep()), OrpcDispatcher.LIMITS);
                    CreateResult c = classObject.create(r.clsid(), List.of(r.iid()), r.callerSid() == null ? "" : r.callerSid());
                    ObjRef.Standard o = c.objRefs().getFirst();
                    int hr = c.hresults().getFirst();
                    yield NdrCodec.of(ObjectServer.GetClassObjectResponse.class).encode(new ObjectServer.GetClassObjectResponse(
                            Hresult.isFailure(hr) || o == null ? null : Orpc.MInterfacePointer.of(ObjRefCodec.encode(o)),
                            Hresult.isFailure(hr) || o != null ? hr : Hresult.E_UNEXPECTED));
                }
                case ObjectServer.OIDS_EXPIRED -> {
                    var r = NdrCodec.of(ObjectServer.OidsExpiredRequest.class).decode(stub, Drep.of(ctx.drep()), OrpcDispatcher.LIMITS);
                    if (r.oids().length > MAX_OIDS) {
                        throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, "cOids=" + r.oids().length + ", limit=" + MAX_OIDS);
                    }
                    for (long oid : r.oids()) {
                        expire.test(oid);
                    }
                    yield NdrCodec.of(ObjectServer.OidsExpiredResponse.class).encode(new ObjectServer.OidsExpiredResponse(Hresult.S_OK));
                }
                case ObjectServer.OIDS_PINGED -> {
                    var r = NdrCodec.of(ObjectServer.OidsPingedRequest.class).decode(stub, Drep.of(ctx.drep()), OrpcDispatcher.LIMITS);
                    if (r.oids().length > MAX_OIDS) {
                        throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, "cOids=" + r.oids().length + ", limit=" + MAX_OIDS);
                    }
                    pinged.accept(r.oids());
                    yield NdrCodec.of(ObjectServer.OidsPingedResponse.class).encode(new ObjectServer.OidsPingedResponse(Hresult.S_OK));
                }
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum " + opnum);
            };
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }
}
