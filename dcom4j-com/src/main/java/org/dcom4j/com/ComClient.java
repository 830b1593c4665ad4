package org.dcom4j.com;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.dcom4j.com.runtime.Exporter;
import org.dcom4j.com.runtime.Faults;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.runtime.Pinger;
import org.dcom4j.com.runtime.PointerMarshaler;
import org.dcom4j.com.runtime.ProxyHandler;
import org.dcom4j.com.runtime.ProxyHost;
import org.dcom4j.com.runtime.ProxyState;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.RemUnknown;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.client.RpcProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's client side of DCOM: turns OBJREFs into proxies ({@link java.lang.reflect.Proxy}
 * implementing the interface and {@link ComProxy}), calls them over one authenticated association per
 * object exporter (the IPID as the object UUID of each request, a fresh causality id in each ORPCTHIS),
 * counts their references with IRemUnknown, and pings the OIDs it holds (every 120 s by default).
 *
 * <p>{@link #unmarshal} resolves the OXID with ResolveOxid2 at the OBJREF's resolver bindings
 * (ncalrpc when this host's and {@link RpcClientConfig#runtimeDir()} is set, else the first TCP one);
 * {@link #attach} takes the exporter's bindings from an activation reply. Thread-safe.
 */
public final class ComClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComClient.class);
    private static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true);

    /**
     * A fresh causality id (MS-DCOM 2.2.13.1 ORPCTHIS.cid): a version-4 random UUID. It only correlates
     * the calls of one logical thread and is no secret, so it comes from the fast non-blocking
     * {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}'s SecureRandom.
     */
    static UUID causalityId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = r.nextLong() & ~0xF000L | 0x4000L; // version 4
        long lsb = r.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant
        return new UUID(msb, lsb);
    }

    private final ClientAuth auth;
    private final RpcClient rpc;
    private final Map<Long, Exporter> exporters = new ConcurrentHashMap<>();
    private final Set<ProxyState> live = ConcurrentHashMap.newKeySet();
    private final Host host = new Host();
    private volatile ComServer callbackServer;
    private volatile Duration pingInterval = Duration.ofSeconds(120);
    private Pinger pinger;
    private volatile boolean closed;

    public ComClient(ClientAuth auth, RpcClientConfig config) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.rpc = new RpcClient(Objects.requireNonNull(config, "config"));
    }

    /** Where objects this client passes as [in] interface pointers are exported; returns this client. */
    public ComClient withCallbackServer(ComServer server) {
        this.callbackServer = server;
        return this;
    }

    /** The ping period (MS-DCOM's is 120 s); takes effect for the pinger started by the first pinged proxy. */
    public ComClient withPingInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pingInterval=" + interval + ", limit=positive");
        }
        this.pingInterval = interval;
        return this;
    }

    /**
     * A proxy for a standard OBJREF: the exporter is resolved (ResolveOxid2 at the OBJREF's saResAddr) unless
     * this client knows it already. When the OBJREF's IID is not {@code iface}'s, the proxy comes from a
     * RemQueryInterface and the OBJREF's references are released.
     */
    public <T extends IUnknown> T unmarshal(ObjRef objRef, Class<T> iface) throws ComException {
        return iface.cast(unmarshalUnchecked(objRef, iface));
    }

    Object unmarshalUnchecked(ObjRef objRef, Class<?> iface) throws ComException {
        return unmarshalUnchecked(objRef, iface, true);
    }

    /**
     * {@code allowLocal} false (an OBJREF a remote caller handed to this process's server): its resolver and
     * exporter are reached over TCP only, never over ncalrpc, so a remote caller cannot make this process call
     * local endpoints.
     */
    Object unmarshalUnchecked(ObjRef objRef, Class<?> iface, boolean allowLocal) throws ComException {
        ObjRef.Standard std = standard(objRef);
        Exporter e = exporters.get(std.std().oxid());
        if (e == null) {
            e = resolve(std, allowLocal);
        }
        return proxy(std, iface, e);
    }

    /** A proxy for {@code objRef} on the exporter at {@code exporterBindings} (an activation reply's), without resolving. */
    public <T extends IUnknown> T attach(DualStringArray exporterBindings, UUID ipidRemUnknown, ObjRef objRef, Class<T> iface)
            throws ComException {
        ObjRef.Standard std = standard(objRef);
        String resolver = Exporter.choose(std.saResAddr(), rpc.config().runtimeDir() != null, true);
        Exporter e = exporters.computeIfAbsent(std.std().oxid(), oxid -> newExporter(oxid, exporterBindings, ipidRemUnknown, resolver));
        if (e == null) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "no usable binding in " + exporterBindings);
        }
        return iface.cast(proxy(std, iface, e));
    }

    private Exporter newExporter(long oxid, DualStringArray b, UUID remUnknownIpid, String resolver) {
        try {
            return new Exporter(oxid, b, remUnknownIpid, resolver, rpc, auth);
        } catch (ComException ex) {
            return null;
        }
    }

    private ObjRef.Standard standard(ObjRef objRef) throws ComException {
        if (closed) {
            throw new ComException(Hresult.CO_E_NOTINITIALIZED, "ComClient closed");
        }
        if (!(objRef instanceof ObjRef.Standard s)) {
            throw new ComException(Hresult.E_INVALIDARG, "only OBJREF_STANDARD is supported, not " + objRef.getClass().getSimpleName());
        }
        return s;
    }

    private Exporter resolve(ObjRef.Standard std, boolean allowLocal) throws ComException {
        String resolver = Exporter.choose(std.saResAddr(), allowLocal && rpc.config().runtimeDir() != null, true);
        if (resolver == null) {
            throw new ComException(Hresult.RPC_S_SERVER_UNAVAILABLE, "no usable resolver binding in " + std.saResAddr());
        }
        ObjectExporter.ResolveOxid2Response r;
        try (RpcBinding b = rpc.bind(resolver, ObjectExporter.INTERFACE, ClientAuth.NONE)) {
            r = b.call(ObjectExporter.RESOLVE_OXID2, new ObjectExporter.ResolveOxid2Request(std.std().oxid(), 2,
                    new short[] {DualStringArray.NCACN_IP_TCP, DualStringArray.NCALRPC}), ObjectExporter.ResolveOxid2Response.class);
        } catch (IOException e) {
            throw Faults.of(e, "ResolveOxid2 at " + resolver);
        }
        if (r.errorCode() != 0 || r.ppdsaOxidBindings() == null) {
            throw new ComException(Hresult.fromWin32(r.errorCode() == 0 ? 1910 : r.errorCode()), "ResolveOxid2 of oxid="
                    + Long.toHexString(std.std().oxid()) + " at " + resolver);
        }
        Exporter e = new Exporter(std.std().oxid(), DualStringArray.fromNdr(r.ppdsaOxidBindings()), r.pipidRemUnknown(), resolver, rpc, auth,
                allowLocal);
        Exporter prior = exporters.putIfAbsent(e.oxid(), e);
        return prior != null ? prior : e;
    }

    private Object proxy(ObjRef.Standard std, Class<?> iface, Exporter e) throws ComException {
        UUID want = iface == IUnknown.class ? Iids.IID_IUnknown : InterfaceDescriptor.iidOf(iface);
        ProxyState s = new ProxyState(std, iface, e);
        if (want.equals(std.iid())) {
            track(s);
            return ProxyHandler.create(host, s);
        }
        track(s); // held until the QI below has its own references
        try {
            return host.queryInterface(s, iface);
        } finally {
            host.release(s);
        }
    }

    private synchronized void track(ProxyState s) {
        live.add(s);
        if (pinger == null && s.pinged()) {
            pinger = new Pinger(rpc, pingInterval, this::heldOids);
        }
    }

    private Map<String, Set<Long>> heldOids() {
        Map<String, Set<Long>> out = new HashMap<>();
        for (ProxyState s : live) {
            if (s.pinged()) {
                out.computeIfAbsent(s.exporter().resolver(), k -> new HashSet<>()).add(s.objRef().std().oid());
            }
        }
        return out;
    }

    /** Pings now (tests): one SimplePing or ComplexPing per resolver. */
    public void pingNow() {
        Pinger p;
        synchronized (this) {
            p = pinger;
        }
        if (p != null) {
            p.pingAll();
        }
    }

    /** Releases every proxy's references (one RemRelease per exporter), stops pinging, closes the associations. */
    @Override
    public void close() {
        closed = true;
        Map<Exporter, List<ProxyState>> byExporter = new HashMap<>();
        for (ProxyState s : live) {
            byExporter.computeIfAbsent(s.exporter(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<Exporter, List<ProxyState>> e : byExporter.entrySet()) {
            List<RemUnknown.RemInterfaceRef> refs = new ArrayList<>();
            for (ProxyState s : e.getValue()) {
                int n = s.takeRefs();
                if (n > 0) {
                    refs.add(new RemUnknown.RemInterfaceRef(s.objRef().std().ipid(), n, 0));
                }
            }
            remRelease(e.getKey(), refs);
        }
        live.clear();
        synchronized (this) {
            if (pinger != null) {
                pinger.close();
            }
        }
        exporters.values().forEach(Exporter::close);
        exporters.clear();
    }

    private void remRelease(Exporter e, List<RemUnknown.RemInterfaceRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        try {
            e.binding(Iids.IID_IRemUnknown).withObject(e.remUnknownIpid()).call(RemUnknown.REM_RELEASE,
                    new RemUnknown.RemReleaseRequest(Orpc.OrpcThis.of(causalityId()), refs.size(), refs), RemUnknown.RemReleaseResponse.class);
        } catch (IOException | ComException ex) {
            LOG.info("RemRelease of {} references at oxid {} failed: {}", refs.size(), Long.toHexString(e.oxid()), ex.toString());
        }
    }

    /** The calls proxies make. */
    private final class Host implements ProxyHost {
        /** Interface pointers of calls: local objects exported through the callback server, OBJREFs unmarshalled to proxies. */
        private final PointerMarshaler pointers = new PointerMarshaler() {
            @Override
            public Orpc.MInterfacePointer marshal(Object obj, Class<?> iface) throws ComException {
                return Host.this.marshal(obj, iface);
            }

            @Override
            public Object unmarshal(Orpc.MInterfacePointer mip, Class<?> iface) throws ComException {
                return mip == null ? null : unmarshalUnchecked(ComServer.decode(mip), iface);
            }
        };

        @Override
        public Object invoke(ProxyState s, MethodDescriptor m, Object[] args) throws ComException {
            Object[] values = m.requestValues(Orpc.OrpcThis.of(causalityId()), args, pointers); // a fresh causality id (MS-DCOM 3.2.4.2)
            Object[] out;
            try {
                out = s.binding().call(m.opnum(), m.request(), values, m.response(), LIMITS);
            } catch (NdrException | IllegalArgumentException e) {
                throw new ComException(Hresult.E_INVALIDARG, m.method().getName() + ": " + e.getMessage(), e);
            } catch (RpcProtocolException e) {
                if (e.getCause() instanceof NdrException bad) {
                    throw new ComException(Hresult.RPC_E_INVALID_HEADER, m.method().getName() + " response: " + bad.getMessage(), e);
                }
                throw Faults.of(e, m.method().getName());
            } catch (IOException e) {
                throw Faults.of(e, m.method().getName());
            }
            return m.complete(out, args, pointers); // holders set, then a failure HRESULT thrown
        }

        private Orpc.MInterfacePointer marshal(Object obj, Class<?> iface) throws ComException {
            if (obj == null) {
                return null;
            }
            if (obj instanceof ComProxy p) {
                ObjRef.Standard o = p.objRef(); // passed on without references (README "Not yet")
                return Orpc.MInterfacePointer.of(ObjRefCodec.encode(new ObjRef.Standard(o.iid(),
                        new StdObjRef(o.std().flags(), 0, o.std().oxid(), o.std().oid(), o.std().ipid()), o.saResAddr())));
            }
            ComServer server = callbackServer;
            if (server == null) {
                throw new ComException(Hresult.E_FAIL, "passing a local object needs withCallbackServer(...)");
            }
            @SuppressWarnings("unchecked")
            Class<? extends IUnknown> type = (Class<? extends IUnknown>) iface;
            return Orpc.MInterfacePointer.of(ObjRefCodec.encode(server.export((IUnknown) obj, type)));
        }

        @Override
        public Object queryInterface(ProxyState s, Class<?> iface) throws ComException {
            UUID iid = iface == IUnknown.class ? Iids.IID_IUnknown : InterfaceDescriptor.iidOf(iface);
            Exporter e = s.exporter();
            RemUnknown.RemQueryInterfaceResponseSingle r;
            try {
                // one IID: the single-result form reads both Windows' and impacket's encodings (README, wire layer)
                r = e.binding(Iids.IID_IRemUnknown).withObject(e.remUnknownIpid()).call(RemUnknown.REM_QUERY_INTERFACE,
                        new RemUnknown.RemQueryInterfaceRequest(Orpc.OrpcThis.of(causalityId()), s.objRef().std().ipid(), 5, 1,
                                List.of(iid)), RemUnknown.RemQueryInterfaceResponseSingle.class);
            } catch (IOException ex) {
                throw Faults.of(ex, "RemQueryInterface");
            }
            if (Hresult.isFailure(r.errorCode())) {
                throw new ComException(r.errorCode(), "RemQueryInterface " + iid);
            }
            if (r.ppQIResults() == null || Hresult.isFailure(r.ppQIResults().hResult())) {
                throw new ComException(r.ppQIResults() == null ? Hresult.E_NOINTERFACE : r.ppQIResults().hResult(), "RemQueryInterface " + iid);
            }
            ProxyState q = new ProxyState(new ObjRef.Standard(iid, r.ppQIResults().std(), s.objRef().saResAddr()), iface, e);
            track(q);
            return ProxyHandler.create(host, q);
        }

        @Override
        public void release(ProxyState s) {
            live.remove(s);
            int n = s.takeRefs();
            if (n > 0) {
                remRelease(s.exporter(), List.of(new RemUnknown.RemInterfaceRef(s.objRef().std().ipid(), n, 0)));
            }
        }
    }
}
