package org.dcom4j.com;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dcom4j.com.runtime.CallGuard;
import org.dcom4j.com.runtime.ComInterfaces;
import org.dcom4j.com.runtime.ExportTable;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.ObjectServerService;
import org.dcom4j.com.runtime.OrpcDispatcher;
import org.dcom4j.com.runtime.PointerMarshaler;
import org.dcom4j.com.runtime.RemUnknownService;
import org.dcom4j.com.runtime.ResolverService;
import org.dcom4j.com.runtime.ScmRegistration;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.com.wire.WireFormatException;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcSecurity;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.UnixTransport;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.Sid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's object exporter (MS-DCOM 3.1.1.1, one OXID): an {@link RpcServer} on a dynamic TCP port
 * and/or {@code ncalrpc:[dcom4j-obj-PID]}, the objects exported on it, IRemUnknown(2) on
 * {@link #remUnknownIpid()}, its own object resolver (IObjectExporter for this OXID), and — when
 * {@link Builder#registerWithRpcss} — the ObjectServer interface rpcss activates through.
 *
 * <p>Garbage collection is this server's: every exported object has a deadline, the ping timeout
 * ({@link Builder#pingTimeout}) after its export or the last ping of its OID — at this server's own
 * resolver or forwarded by rpcss (ObjectServer OidsPinged) —, and a sweep every timeout / 8 (at most
 * 30 s) frees the objects past it. References are bound to the principal that obtained them; an IPID
 * used by another principal faults E_ACCESSDENIED (README "Runtime").
 *
 * <pre>{@code
 * try (ComServer server = ComServer.builder().register(CLSID_CALC, Calculator::new)
 *         .rpcSecurity(security).tcp(InetAddress.getLoopbackAddress()).start()) {
 *     ObjRef.Standard ref = server.export(new Calculator(), ICalculator.class);
 * }
 * }</pre>
 *
 * Thread-safe. Exported implementations are called concurrently from the RPC connection threads.
 */
public final class ComServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Map<UUID, Supplier<? extends IUnknown>> factories;
    /** The class object of each registered class (IClassFactory), exported on RemoteGetClassObject. */
    private final Map<UUID, ClassObject> classObjects = new ConcurrentHashMap<>();
    private final RpcServer rpc;
    private final ExportTable table;
    private final ResolverService resolver;
    private final ScheduledExecutorService collector;
    private final CallGuard guard;
    private final RemUnknownService remUnknown;
    private final Set<UUID> registeredIids = ConcurrentHashMap.newKeySet();
    private final PointerMarshaler marshaler;
    private final ComClient callbackClient;
    private volatile DualStringArray bindings = new DualStringArray(List.of(), List.of());
    private volatile ScmRegistration scm;
    /** This server's running object table entries by cookie: each holds a keep-alive reference and is pinged by {@link #collect}. */
    private final Map<Integer, RunningEntry> running = new ConcurrentHashMap<>();
    private final ComApplication app;

    /** A running object table entry of this server. */
    private record RunningEntry(long oid, UUID ipid) {
    }

    /** The owner of the keep-alive reference of a ROT entry: not a SID, so no caller's release takes it. */
    private static final String ROT_OWNER = "ROT";
    /** Unbound references a ROT entry adds to its IPID: what the OBJREFs handed out by RotGetObject draw on. */
    static final int ROT_UNBOUND_REFS = 1 << 20;

    /** Configuration for {@link #start()}. Not thread-safe; use once. */
    public interface Builder {
        /** A class this server creates (CoRegisterClassObject): {@code factory} makes one instance per activation. */
        Builder register(UUID clsid, Supplier<? extends IUnknown> factory);

        /**
         * CoInitializeSecurity: every call is AccessCheck'ed against {@code accessPermission} at {@code minimumAuthLevel}
         * or above — and, with an {@link #accessPolicy} too, within the machine-wide limits (EnableDCOM, MachineAccessRestriction).
         */
        Builder initializeSecurity(SecurityDescriptor accessPermission, int minimumAuthLevel);

        /**
         * Call checks by the machine's DCOM policy for {@code app}: its AccessPermission, else DefaultAccessPermission —
         * or the {@link #initializeSecurity} descriptor when one is set — within the machine-wide limits.
         */
        Builder accessPolicy(DcomAccessPolicy policy, ComApplication app);

        /** NTLM accounts and the RPC policy for remote callers (default: none, so only ncalrpc callers). */
        Builder rpcSecurity(RpcSecurity security);

        /** Tokens of ncalrpc callers (default: anonymous; the default Call rule still knows their uid). */
        Builder callerTokens(CallerTokens tokens);

        /** Listen on a dynamic TCP port of {@code bind}. */
        Builder tcp(InetAddress bind);

        /** Listen on {@code ncalrpc:[dcom4j-obj-PID]} in {@code runtimeDir} ({@code -N} appended for a second server in one process). */
        Builder ncalrpc(Path runtimeDir);

        /** After start: RegisterServer with rpcss at {@code runtimeDir/dcom4j-scm}, serving ObjectServer on {@code dcom4j-srv-PID}. */
        Builder registerWithRpcss(Path runtimeDir);

        /** How this server calls objects passed to it as [in] interface pointers (default: no authentication). */
        Builder callbackAuth(ClientAuth auth, RpcClientConfig config);

        /** RPC server settings (default {@link RpcServerConfig#defaults()}). */
        Builder rpcConfig(RpcServerConfig config);

        /**
         * Garbage collection (MS-DCOM 3.2.6.1): an exported object not pinged for {@code pingPeriod ×
         * missedPings} is freed (default 120 s × 3, Windows' values).
         */
        Builder pingTimeout(Duration pingPeriod, int missedPings);

        ComServer start() throws IOException;
    }

    public static Builder builder() {
        return new ComServerBuilder();
    }

    ComServer(ComServerBuilder b) {
        this.factories = Map.copyOf(b.factories);
        this.app = b.app;
        this.table = new ExportTable(b.pingTimeoutNanos, System::nanoTime);
        this.guard = new CallGuard(b.accessPermission, b.minimumAuthLevel, b.policy, b.app);
        this.rpc = new RpcServer(b.rpcConfig, b.callerTokens, b.security);
        RpcClientConfig cc = b.callbackConfig;
        if (cc.runtimeDir() == null && b.ncalrpcDir != null) {
            cc = cc.withRuntimeDir(b.ncalrpcDir);
        }
        this.callbackClient = new ComClient(b.callbackAuth, cc).withCallbackServer(this);
        this.marshaler = new PointerMarshaler() {
            @Override
            public Orpc.MInterfacePointer marshal(Object obj, Class<?> iface) {
                return obj == null ? null : Orpc.MInterfacePointer.of(ObjRefCodec.encode(objRefFor(obj, iface, null)));
            }

            @Override
            public Object unmarshal(Orpc.MInterfacePointer mip, Class<?> iface) throws ComException {
                if (mip == null) {
                    return null;
                }
                ObjRef ref = decode(mip);
                if (ref instanceof ObjRef.Standard std && std.std().oxid() == table.oxid()) {
                    return ownObject(std, iface); // one of ours: the object itself, as COM unmarshals an in-apartment pointer
                }
                boolean fromRemote = OrpcDispatcher.CALLER.isBound() && OrpcDispatcher.CALLER.get().remote();
                return callbackClient.unmarshalUnchecked(ref, iface, !fromRemote);
            }
        };
        this.remUnknown = new RemUnknownService(table, guard, ComInterfaces::of, this::ensureRegistered,
                std -> new ObjRef.Standard(Iids.IID_IUnknown, std, bindings));
        remUnknown.rpcInterfaces().forEach(rpc::register);
        this.resolver = new ResolverService(table, () -> bindings, remUnknown.remUnknownIpid(), System::nanoTime);
        rpc.register(resolver.rpcInterface());
        this.collector = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dcom4j-gc").factory());
        long every = Math.clamp(b.pingTimeoutNanos / 8 / 1_000_000, 10, 30_000);
        collector.scheduleWithFixedDelay(this::collect, every, every, TimeUnit.MILLISECONDS);
    }

    /** One garbage-collection sweep: objects past their deadline are freed, stale ping sets dropped. */
    private void collect() {
        try {
            resolver.sweep();
            if (!running.isEmpty()) {
                table.pinged(running.values().stream().mapToLong(RunningEntry::oid).toArray()); // ROTFLAGS_REGISTRATIONKEEPSALIVE
            }
            List<Long> freed = table.sweep();
            if (!freed.isEmpty()) {
                LOG.info("{} object(s) not pinged for {} ms freed", freed.size(), table.timeoutNanos() / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("garbage collection sweep failed", e);
        }
    }

    /**
     * The Java object behind an OBJREF of this server (passed back to it): RPC_E_DISCONNECTED when its IPID is
     * unknown or released, E_ACCESSDENIED when the caller of the running call holds no reference on it (an
     * IPID of another client's object), E_NOINTERFACE when it lacks {@code iface}.
     */
    private Object ownObject(ObjRef.Standard std, Class<?> iface) throws ComException {
        ExportTable.Ipid e = table.find(std.std().ipid());
        if (e == null) {
            throw new ComException(Hresult.RPC_E_DISCONNECTED, "unknown IPID of this server: " + std.std().ipid());
        }
        String owner = OrpcDispatcher.CALLER.isBound() ? OrpcDispatcher.CALLER.get().owner() : ExportTable.UNBOUND;
        if (!table.mayUse(e, owner)) {
            throw new ComException(Hresult.E_ACCESSDENIED, "IPID obtained by another principal: " + std.std().ipid());
        }
        Object impl = e.object().impl();
        if (!ComInterfaces.of(impl).containsValue(iface)) {
            throw new ComException(Hresult.E_NOINTERFACE, impl.getClass().getSimpleName() + " does not implement " + iface.getSimpleName());
        }
        return ComInterfaces.implementation(impl, iface);
    }

    static ObjRef decode(Orpc.MInterfacePointer mip) throws ComException {
        try {
            return ObjRefCodec.decode(mip.abData());
        } catch (WireFormatException e) {
            throw new ComException(Hresult.E_INVALIDARG, "interface pointer: " + e.getMessage(), e);
        }
    }

    void listen(ComServerBuilder b) throws IOException {
        List<DualStringArray.StringBinding> strings = new ArrayList<>();
        String host = InetAddress.getLocalHost().getHostName();
        if (b.tcpBind != null) {
            String port = rpc.listen(new TcpTransport(b.tcpBind), "0");
            String addr = b.tcpBind.isAnyLocalAddress() ? host : b.tcpBind.getHostAddress();
            strings.add(new DualStringArray.StringBinding(DualStringArray.NCACN_IP_TCP, addr + "[" + port + "]"));
        }
        long pid = ProcessHandle.current().pid();
        int n = INSTANCES.getAndIncrement();
        if (b.ncalrpcDir != null) {
            String ep = rpc.listen(new UnixTransport(b.ncalrpcDir), "dcom4j-obj-" + pid + (n == 0 ? "" : "-" + n));
            strings.add(new DualStringArray.StringBinding(DualStringArray.NCALRPC, host + "[" + ep + "]"));
        }
        bindings = new DualStringArray(strings, List.of(new DualStringArray.SecurityBinding(10, "")));
        if (b.rpcssDir != null) {
            String ep = org.dcom4j.com.scm.ObjectServer.NCALRPC_ENDPOINT_PREFIX + pid + (n == 0 ? "" : "-" + n);
            ObjectServerService os = new ObjectServerService(CallGuard.ownerUid(b.rpcssDir.resolve(org.dcom4j.com.scm.Dcom4jScm.NCALRPC_ENDPOINT)),
                    this::createInstanceFor, this::classObjectFor, table::expire, table::pinged);
            rpc.register(os.rpcInterface());
            rpc.listen(new UnixTransport(b.rpcssDir), ep);
            // rpcss may run as another, unprivileged user, and connect(2) needs write permission on the
            // socket file: anyone may connect, ObjectServerService serves rpcss's uid only.
            java.nio.file.Files.setPosixFilePermissions(b.rpcssDir.resolve(ep),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
            scm = ScmRegistration.register(b.rpcssDir, (int) pid, ep, table.oxid(), remUnknown.remUnknownIpid(), bindings,
                    List.copyOf(factories.keySet()));
            table.oidPrefix(scm.registrationId());
            os.registered();
        }
    }

    /**
     * Exports {@code iface} of {@code impl} ({@value ExportTable#EXPORT_REFS} public references with the
     * OBJREF, as Windows marshals): the same object keeps its OID, the same interface its IPID. Called
     * from outside an ORPC call the references are unbound (any caller the Call check admits may use
     * the IPID); called while this server runs an ORPC method, they belong to that call's caller.
     */
    public ObjRef.Standard export(IUnknown impl, Class<? extends IUnknown> iface) {
        return export(impl, iface, null);
    }

    /** {@link #export(IUnknown, Class)} with the references bound to {@code owner} (a user SID; null: as above). */
    public ObjRef.Standard export(IUnknown impl, Class<? extends IUnknown> iface, Sid owner) {
        Objects.requireNonNull(impl, "impl");
        if (!ComInterfaces.of(impl).containsValue(iface)) {
            throw new IllegalArgumentException(impl.getClass().getName() + " does not implement " + iface.getName());
        }
        return objRefFor(impl, iface, owner == null ? null : owner.toString());
    }

    /** The owner of references exported now: {@code owner}, else the caller of the ORPC call running on this thread, else unbound. */
    private String ownerNow(String owner) {
        if (owner != null) {
            return owner;
        }
        if (OrpcDispatcher.CALLER.isBound() && OrpcDispatcher.CALLER.get().table() == table) {
            return OrpcDispatcher.CALLER.get().owner();
        }
        return ExportTable.UNBOUND;
    }

    private ObjRef.Standard objRefFor(Object obj, Class<?> iface, String owner) {
        if (obj instanceof ComProxy p) {
            ObjRef.Standard o = p.objRef(); // passed on: no references go with it (README "Not yet")
            return new ObjRef.Standard(o.iid(), new StdObjRef(o.std().flags(), 0, o.std().oxid(), o.std().oid(), o.std().ipid()), o.saResAddr());
        }
        UUID iid = iface == IUnknown.class ? Iids.IID_IUnknown : InterfaceDescriptor.iidOf(iface);
        ensureRegistered(iface);
        StdObjRef std = table.export(obj, iid, ExportTable.EXPORT_REFS, ownerNow(owner));
        return new ObjRef.Standard(iid, std, bindings);
    }

    private void ensureRegistered(Class<?> iface) {
        if (iface == IUnknown.class) {
            return; // reached only through IRemUnknown
        }
        InterfaceDescriptor d = InterfaceDescriptor.of(iface);
        if (registeredIids.add(d.iid())) {
            rpc.register(new OrpcDispatcher(d, table, guard, marshaler).rpcInterface());
        }
    }

    /**
     * IRunningObjectTable::Register with ROTFLAGS_REGISTRATIONKEEPSALIVE: exports {@code iface} of
     * {@code impl} with unbound references (any caller the Call check admits may use them, README
     * "reference owners") and registers its OBJREF with rpcss under {@code displayName}. The object stays
     * alive (a keep-alive reference, pinged by this server) until {@link #revokeRunning} or this server's
     * close. The entry is visible to processes of this server's uid and, with {@code allowAnyClient}
     * (ROTFLAGS_ALLOWANYCLIENT), to the local callers the AppID's AccessPermission admits — the AppID of
     * {@link Builder#accessPolicy}'s application, else the one AppID of the classes this server registered.
     *
     * @return the entry's cookie (a duplicate display name is accepted: rpcss answers MK_S_MONIKERALREADYREGISTERED)
     * @throws IllegalStateException not started with {@link Builder#registerWithRpcss}
     * @throws ComException          rpcss's refusal: E_INVALIDARG (display name not 1..1024 characters or with control
     *                               characters), E_OUTOFMEMORY (256 entries of this server, 4096 in all),
     *                               CO_E_WRONG_SERVER_IDENTITY (allowAnyClient without a usable AppID)
     */
    public int registerRunning(String displayName, IUnknown impl, Class<? extends IUnknown> iface, boolean allowAnyClient)
            throws ComException {
        ScmRegistration s = scm;
        if (s == null) {
            throw new IllegalStateException("registerRunning needs registerWithRpcss");
        }
        Objects.requireNonNull(impl, "impl");
        if (!ComInterfaces.of(impl).containsValue(iface)) {
            throw new IllegalArgumentException(impl.getClass().getName() + " does not implement " + iface.getName());
        }
        UUID iid = iface == IUnknown.class ? Iids.IID_IUnknown : InterfaceDescriptor.iidOf(iface);
        ensureRegistered(iface);
        StdObjRef std = table.export(impl, iid, ROT_UNBOUND_REFS, ExportTable.UNBOUND);
        table.addRef(std.ipid(), 1, 0, ROT_OWNER);
        ObjRef.Standard ref = new ObjRef.Standard(iid, new StdObjRef(std.flags(), ExportTable.EXPORT_REFS, std.oxid(), std.oid(),
                std.ipid()), bindings);
        int flags = org.dcom4j.com.scm.Dcom4jScm.ROTFLAGS_REGISTRATIONKEEPSALIVE
                | (allowAnyClient ? org.dcom4j.com.scm.Dcom4jScm.ROTFLAGS_ALLOWANYCLIENT : 0);
        int cookie;
        try {
            cookie = s.rotRegister(displayName, Orpc.MInterfacePointer.of(ObjRefCodec.encode(ref)), flags,
                    allowAnyClient && app != null ? app.appId() : null);
        } catch (ComException | RuntimeException e) {
            table.release(std.ipid(), 1 + ROT_UNBOUND_REFS, 0, ROT_OWNER);
            throw e;
        }
        running.put(cookie, new RunningEntry(std.oid(), std.ipid()));
        return cookie;
    }

    /**
     * IRunningObjectTable::Revoke: ends the entry {@code cookie} and drops its keep-alive reference (the
     * object lives on while clients ping it).
     *
     * @throws ComException E_INVALIDARG for a cookie this server does not hold; rpcss's failure
     */
    public void revokeRunning(int cookie) throws ComException {
        ScmRegistration s = scm;
        RunningEntry e = running.remove(cookie);
        if (s == null || e == null) {
            throw new ComException(Hresult.E_INVALIDARG, "no running object table entry " + cookie + " of this server");
        }
        try {
            int hr = s.rotRevoke(cookie);
            if (Hresult.isFailure(hr)) {
                throw new ComException(hr, "RotRevoke of " + cookie + ": " + Hresult.name(hr));
            }
        } finally {
            table.release(e.ipid(), 1, 0, ROT_OWNER);
        }
    }

    public long oxid() {
        return table.oxid();
    }

    /** The exporter's string bindings (TCP {@code HOST[PORT]}, ncalrpc {@code HOST[dcom4j-obj-PID]}) and NTLM (10) with an empty principal. */
    public DualStringArray bindings() {
        return bindings;
    }

    public UUID remUnknownIpid() {
        return remUnknown.remUnknownIpid();
    }

    /** Number of objects exported and still referenced. */
    public int exportedObjects() {
        return table.objectCount();
    }

    /**
     * Activation's last step: a new instance of {@code clsid} from its factory, then one OBJREF per IID it
     * implements (E_NOINTERFACE for the others). REGDB_E_CLASSNOTREG for an unregistered class; a
     * factory that throws gives its {@link ComException}'s HRESULT, else E_FAIL.
     */
    public CreateResult createInstance(UUID clsid, List<UUID> iids) {
        return createInstanceFor(clsid, iids, null);
    }

    /** {@link #createInstance} for an activating caller: the references belong to {@code callerSid} (null or empty: unbound). */
    CreateResult createInstanceFor(UUID clsid, List<UUID> iids, String callerSid) {
        String owner = callerSid == null || callerSid.isEmpty() ? null : callerSid;
        Supplier<? extends IUnknown> f = factories.get(clsid);
        if (f == null) {
            return CreateResult.failed(Hresult.REGDB_E_CLASSNOTREG, iids.size());
        }
        IUnknown obj;
        try {
            obj = Objects.requireNonNull(f.get(), "factory returned null");
        } catch (RuntimeException e) {
            LOG.warn("factory of {} failed", clsid, e);
            return CreateResult.failed(Hresult.E_FAIL, iids.size());
        }
        Map<UUID, Class<?>> supported = ComInterfaces.of(obj);
        List<Integer> hrs = new ArrayList<>();
        List<ObjRef.Standard> refs = new ArrayList<>();
        boolean any = false;
        for (UUID iid : iids) {
            Class<?> type = supported.get(iid);
            hrs.add(type == null ? Hresult.E_NOINTERFACE : Hresult.S_OK);
            refs.add(type == null ? null : objRefFor(obj, type, owner));
            any |= type != null;
        }
        return new CreateResult(any ? Hresult.S_OK : Hresult.E_NOINTERFACE, hrs, refs);
    }

    /**
     * CLSCTX_INPROC_SERVER: a new instance of {@code clsid} from this server's factory, as the Java object
     * itself (for an Automation object asked for IDispatch, its automatic IDispatch). Nothing is exported
     * and no Call check applies: in-process COM has neither.
     *
     * @throws ComException REGDB_E_CLASSNOTREG (no factory for {@code clsid}), E_NOINTERFACE, or E_FAIL
     *                      (the factory threw; its ComException's HRESULT if it was one)
     */
    <T extends IUnknown> T instantiate(UUID clsid, Class<T> iface) throws ComException {
        Supplier<? extends IUnknown> f = factories.get(clsid);
        if (f == null) {
            throw new ComException(Hresult.REGDB_E_CLASSNOTREG, "no factory for " + clsid + " in this process");
        }
        IUnknown obj;
        try {
            obj = Objects.requireNonNull(f.get(), "factory returned null");
        } catch (RuntimeException e) {
            throw new ComException(Hresult.E_FAIL, "factory of " + clsid + " failed: " + e, e);
        }
        if (!ComInterfaces.of(obj).containsValue(iface)) {
            throw new ComException(Hresult.E_NOINTERFACE, obj.getClass().getSimpleName() + " does not implement " + iface.getSimpleName());
        }
        return iface.cast(ComInterfaces.implementation(obj, iface));
    }

    /**
     * RemoteGetClassObject's last step: the OBJREF of {@code clsid}'s class object for {@code iids}' one
     * IID (IClassFactory or IUnknown, else E_NOINTERFACE), its references bound to {@code callerSid}
     * (null or empty: unbound). The same class object (one OID) serves every caller.
     */
    CreateResult classObjectFor(UUID clsid, List<UUID> iids, String callerSid) {
        if (!factories.containsKey(clsid)) {
            return CreateResult.failed(Hresult.REGDB_E_CLASSNOTREG, iids.size());
        }
        UUID iid = iids.size() == 1 ? iids.getFirst() : null;
        Class<? extends IUnknown> type = Iids.IID_IClassFactory.equals(iid) ? IClassFactory.class
                : Iids.IID_IUnknown.equals(iid) ? IUnknown.class : null;
        if (type == null) {
            return CreateResult.failed(Hresult.E_NOINTERFACE, iids.size());
        }
        ClassObject co = classObjects.computeIfAbsent(clsid, c -> new ClassObject(c, this::createInstanceFor));
        ObjRef.Standard ref = objRefFor(co, type, callerSid == null || callerSid.isEmpty() ? null : callerSid);
        return new CreateResult(Hresult.S_OK, List.of(Hresult.S_OK), List.of(ref));
    }

    /** Revokes the rpcss registration, releases the proxies of callback objects, closes the RPC server. */
    @Override
    public void close() {
        ScmRegistration s = scm;
        if (s != null) {
            s.revoke(); // rpcss drops this server's running object table entries with the registration
        }
        running.clear();
        collector.shutdownNow();
        callbackClient.close();
        rpc.close();
    }

    /** Builder state. */
    static final class ComServerBuilder implements Builder {
        final Map<UUID, Supplier<? extends IUnknown>> factories = new LinkedHashMap<>();
        SecurityDescriptor accessPermission;
        int minimumAuthLevel = org.dcom4j.rpc.auth.AuthLevel.NONE;
        DcomAccessPolicy policy;
        ComApplication app;
        RpcSecurity security = RpcSecurity.defaults();
        CallerTokens callerTokens = CallerTokens.ANONYMOUS;
        InetAddress tcpBind;
        Path ncalrpcDir;
        Path rpcssDir;
        ClientAuth callbackAuth = ClientAuth.NONE;
        RpcClientConfig callbackConfig = RpcClientConfig.defaults();
        RpcServerConfig rpcConfig = RpcServerConfig.defaults();
        long pingTimeoutNanos = ExportTable.DEFAULT_TIMEOUT_NANOS;

        @Override
        public Builder register(UUID clsid, Supplier<? extends IUnknown> factory) {
            factories.put(Objects.requireNonNull(clsid), Objects.requireNonNull(factory));
            return this;
        }

        @Override
        public Builder initializeSecurity(SecurityDescriptor sd, int level) {
            if (!org.dcom4j.rpc.auth.AuthLevel.isValid(level)) {
                throw new IllegalArgumentException("minimumAuthLevel=" + level + ", limit=1..6");
            }
            this.accessPermission = Objects.requireNonNull(sd);
            this.minimumAuthLevel = level;
            return this;
        }

        @Override
        public Builder accessPolicy(DcomAccessPolicy p, ComApplication a) {
            this.policy = Objects.requireNonNull(p);
            this.app = a;
            return this;
        }

        @Override
        public Builder rpcSecurity(RpcSecurity s) {
            this.security = Objects.requireNonNull(s);
            return this;
        }

        @Override
        public Builder callerTokens(CallerTokens t) {
            this.callerTokens = Objects.requireNonNull(t);
            return this;
        }

        @Override
        public Builder tcp(InetAddress bind) {
            this.tcpBind = Objects.requireNonNull(bind);
            return this;
        }

        @Override
        public Builder ncalrpc(Path runtimeDir) {
            this.ncalrpcDir = Objects.requireNonNull(runtimeDir);
            return this;
        }

        @Override
        public Builder registerWithRpcss(Path runtimeDir) {
            this.rpcssDir = Objects.requireNonNull(runtimeDir);
            return this;
        }

        @Override
        public Builder callbackAuth(ClientAuth auth, RpcClientConfig config) {
            this.callbackAuth = Objects.requireNonNull(auth);
            this.callbackConfig = Objects.requireNonNull(config);
            return this;
        }

        @Override
        public Builder rpcConfig(RpcServerConfig config) {
            this.rpcConfig = Objects.requireNonNull(config);
            return this;
        }

        @Override
        public Builder pingTimeout(Duration pingPeriod, int missedPings) {
            if (pingPeriod.isNegative() || pingPeriod.isZero() || missedPings < 1) {
                throw new IllegalArgumentException("pingPeriod=" + pingPeriod + ", missedPings=" + missedPings + ", limit=positive");
            }
            this.pingTimeoutNanos = pingPeriod.multipliedBy(missedPings).toNanos();
            return this;
        }

        @Override
        public ComServer start() throws IOException {
            if (tcpBind == null && ncalrpcDir == null) {
                throw new IllegalStateException("no transport: call tcp(...) and/or ncalrpc(...)");
            }
            ComServer s = new ComServer(this);
            try {
                s.listen(this);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }
    }
}
