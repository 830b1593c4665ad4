package org.dcom4j.com.runtime;

import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcStubHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.security.Distance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server stub of one {@code @ComInterface}: finds the IPID named by the request's object UUID,
 * checks the call ({@link CallGuard}), decodes ORPCTHIS and the [in] and [in, out] parameters, invokes
 * the Java object with a fresh {@link org.dcom4j.com.Out} per [out] parameter and an
 * {@link org.dcom4j.com.InOut} holding each [in, out] value, and encodes ORPCTHAT, the holders' values,
 * the [out, retval] and the HRESULT. Faults (MS-RPCE 2.2.2.11 status):
 * <ul>
 * <li>no object UUID, or an IPID that is unknown or released: RPC_E_DISCONNECTED 0x80010108 (what a
 *     Windows client reports for an object whose server let it go, and what the interop mock sends);</li>
 * <li>an IPID of another interface: nca_s_unk_if 0x1c010003 (the interface is not this object's);</li>
 * <li>Call denied: E_ACCESSDENIED 0x80070005 as the fault status — the stub never ran, so there is no
 *     [out] to marshal; the caller sees the same HRESULT as from a response;</li>
 * <li>an IPID of an object on which the caller's user SID holds no reference (nor does this process's
 *     own code, {@link ExportTable#mayUse}): E_ACCESSDENIED as well;</li>
 * <li>an opnum without a method (0–2 included): nca_s_op_rng_error; stubs that do not decode:
 *     rpc_x_bad_stub_data.</li>
 * </ul>
 * A method throwing {@link ComException} returns its HRESULT; any other exception E_FAIL (logged).
 * In a failed call the holders are still encoded as the method left them (IDispatch::Invoke sets its
 * [out] EXCEPINFO, then fails with DISP_E_EXCEPTION), except interface pointers, which are NULL; the
 * [out, retval] is zero, false or NULL. When those values cannot be encoded (a null non-pointer
 * record, say), the call becomes a fault whose status is the HRESULT.
 * While the method runs, {@link #CALLER} names the caller, so that objects this server exports during
 * the call ([out] and [in] interface pointers) are bound to it.
 * Thread-safe; runs on the RPC connection's thread.
 */
public final class OrpcDispatcher implements RpcStubHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OrpcDispatcher.class);
    static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true);

    /**
     * The caller of the ORPC call running on this thread, the table it called into, the marshaler that
     * turns Java objects into interface pointers for it (and back), and whether it came over the network:
     * the interface pointers a remote caller passes are never reached over ncalrpc (a remote caller must
     * not make this server call local endpoints).
     */
    public record Caller(ExportTable table, String owner, PointerMarshaler marshaler, boolean remote) {
    }

    /** Bound while an exported method runs (and while its response's interface pointers are marshaled). */
    public static final CurrentCaller CALLER = new CurrentCaller();

    /**
     * The {@link Caller} bound to the running thread during an ORPC call: a per-thread slot that the
     * dispatcher sets before the method and restores after it (calls nest), so a call allocates nothing
     * for it (a {@code ScopedValue} binding allocated a carrier and a snapshot per call). Like a scoped
     * value, it is not inherited by threads the method starts.
     */
    public static final class CurrentCaller {
        private final ThreadLocal<Caller> current = new ThreadLocal<>();

        private CurrentCaller() {
        }

        /** Whether an ORPC call runs on this thread. */
        public boolean isBound() {
            return current.get() != null;
        }

        /** The caller of the ORPC call running on this thread; NoSuchElementException outside one. */
        public Caller get() {
            Caller c = current.get();
            if (c == null) {
                throw new java.util.NoSuchElementException("no ORPC call runs on this thread");
            }
            return c;
        }

        /** Binds {@code c}; returns what was bound, for {@link #restore}. */
        private Caller enter(Caller c) {
            Caller prior = current.get();
            current.set(c);
            return prior;
        }

        private void restore(Caller prior) {
            current.set(prior);
        }
    }

    private final InterfaceDescriptor descriptor;
    private final ExportTable table;
    private final CallGuard guard;
    private final PointerMarshaler marshaler;
    /** Per opnum, the method's invoker ({@link Invokers}); null where there is no method or it is inaccessible. */
    private final Invokers.Invoker[] invokers;
    /** The caller of the last call, reused while the same principal calls (a connection's calls share one Sid). */
    private volatile Caller lastCaller;

    public OrpcDispatcher(InterfaceDescriptor descriptor, ExportTable table, CallGuard guard, PointerMarshaler marshaler) {
        this.descriptor = descriptor;
        this.table = table;
        this.guard = guard;
        this.marshaler = marshaler;
        this.invokers = new Invokers.Invoker[descriptor.operationCount()];
        for (MethodDescriptor m : descriptor.methods()) {
            try {
                invokers[m.opnum()] = Invokers.of(m.method());
            } catch (IllegalArgumentException e) {
                LOG.warn("{} cannot be invoked; its calls answer E_FAIL", m.method(), e);
            }
        }
    }

    /** The RPC interface to register: the IID v0.0, authenticated remote callers only. */
    public RpcInterface rpcInterface() {
        return new RpcInterface(descriptor.interfaceId(), descriptor.operationCount(), this, InterfaceSecurity.AUTHENTICATED);
    }

    /** The IPID entry a call addresses, or the fault the call gets. */
    static ExportTable.Ipid target(ExportTable table, CallContext ctx, UUID iid) throws RpcFaultException {
        ExportTable.Ipid e = table.find(ctx.object());
        if (e == null) {
            throw new RpcFaultException(Hresult.RPC_E_DISCONNECTED, "unknown IPID: ipid=" + ctx.object());
        }
        if (!e.iid().equals(iid)) {
            throw new RpcFaultException(FaultStatus.NCA_S_UNK_IF, "IPID of another interface: ipid=" + e.ipid()
                    + ", iid=" + e.iid() + ", called=" + iid);
        }
        return e;
    }

    /** E_ACCESSDENIED unless the caller (or this process's own code) holds a reference on {@code e}'s object. */
    static void checkOwner(ExportTable table, ExportTable.Ipid e, String owner) throws RpcFaultException {
        if (!table.mayUse(e, owner)) {
            LOG.info("IPID {} refused: its object holds no reference of caller {}", e.ipid(), owner);
            throw new RpcFaultException(Hresult.E_ACCESSDENIED, "IPID obtained by another principal: ipid=" + e.ipid());
        }
    }

    static void checkAccess(CallGuard guard, CallContext ctx) throws RpcFaultException {
        int hr = guard.check(ctx);
        if (hr != Hresult.S_OK) {
            LOG.info("Call denied: caller={} level={} distance={}", ctx.token() == null ? "?" : ctx.token().name(),
                    ctx.authLevel(), ctx.distance());
            throw new RpcFaultException(hr, "Call access denied");
        }
    }

    @Override
    public void call(CallContext ctx, int opnum, byte[] stub, int offset, int length, NdrBuffer response) throws RpcFaultException {
        checkAccess(guard, ctx); // before the IPID lookup: a denied caller learns nothing about the table
        ExportTable.Ipid target = target(table, ctx, descriptor.iid());
        String owner = ExportTable.ownerOf(ctx);
        checkOwner(table, target, owner);
        MethodDescriptor m = descriptor.method(opnum);
        if (m == null) {
            throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "no method at opnum " + opnum);
        }
        Object[] in;
        try {
            in = m.request().decode(stub, offset, length, Drep.of(ctx.drep()), LIMITS);
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, "opnum " + opnum + ": " + e.getMessage());
        }
        Invokers.Invoker invoker = invokers[opnum];
        int hr = Hresult.S_OK;
        Object[] values;
        Caller prior = CALLER.enter(caller(owner, ctx.distance() == Distance.REMOTE));
        try {
            Object[] args = null;
            Object result = null;
            Object impl = null;
            try {
                if (invoker == null) {
                    throw new IllegalStateException(m.method() + " is not accessible");
                }
                impl = target.implementation(descriptor.type());
                args = m.arguments(in, marshaler);
            } catch (ComException e) {
                hr = e.hresult();
            } catch (RuntimeException e) {
                LOG.warn("{} opnum {} could not be invoked", descriptor.type().getName(), opnum, e);
                hr = Hresult.E_FAIL;
            }
            if (args != null) {
                try {
                    result = invoker.invoke(impl, args);
                } catch (Throwable t) {
                    hr = hresultOf(t);
                }
            }
            try {
                values = m.responseValues(Orpc.OrpcThat.EMPTY, in, args, result, hr, marshaler);
            } catch (ComException e) {
                hr = Hresult.isFailure(e.hresult()) ? e.hresult() : Hresult.E_FAIL;
                values = m.failureValues(Orpc.OrpcThat.EMPTY, in, args, hr);
            } catch (RuntimeException e) {
                LOG.warn("{} opnum {}: an [out] interface pointer could not be marshaled", descriptor.type().getName(), opnum, e);
                hr = Hresult.E_FAIL;
                values = m.failureValues(Orpc.OrpcThat.EMPTY, in, args, hr);
            }
        } finally {
            CALLER.restore(prior);
        }
        respond(m, opnum, hr, values, response);
    }

    /** The {@link Caller} of a call by {@code owner}: the last one when it is the same principal and distance. */
    private Caller caller(String owner, boolean remote) {
        Caller c = lastCaller;
        if (c == null || c.remote() != remote || !c.owner().equals(owner)) {
            c = new Caller(table, owner, marshaler, remote);
            lastCaller = c;
        }
        return c;
    }

    private void respond(MethodDescriptor m, int opnum, int hr, Object[] values, NdrBuffer response) throws RpcFaultException {
        try {
            m.response().encode(values, response);
        } catch (NdrException | IllegalArgumentException e) {
            if (Hresult.isFailure(hr)) {
                throw new RpcFaultException(hr, "failure without a marshalable [out]"); // e.g. a null [string]
            }
            LOG.warn("{} opnum {} returned a value NDR cannot carry", descriptor.type().getName(), opnum, e);
            throw new RpcFaultException(Hresult.E_FAIL, e.getMessage());
        }
    }

    private int hresultOf(Throwable t) {
        if (t instanceof ComException c) {
            return c.hresult();
        }
        LOG.warn("{} threw; answering E_FAIL", descriptor.type().getName(), t);
        return Hresult.E_FAIL;
    }
}
