package org.dcom4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dcom4j.bench.CallBenchmark.AddObject;
import org.dcom4j.bench.CallBenchmark.NullObject;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.Dispatcher;
import org.dcom4j.com.automation.IDispatch;
import org.dcom4j.com.automation.Variant;
import org.dcom4j.com.automation.Variants;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.runtime.CallGuard;
import org.dcom4j.com.runtime.ExportTable;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.runtime.OrpcDispatcher;
import org.dcom4j.com.runtime.PointerMarshaler;
import org.dcom4j.com.runtime.ProxyHandler;
import org.dcom4j.com.runtime.ProxyHost;
import org.dcom4j.com.runtime.ProxyState;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrBuffer;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.CallerTokens;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.Distance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU of the COM layers of {@link CallBenchmark}'s null call and IDispatch::Invoke of Add(2, 3),
 * without sockets or threads ({@code avgt}, ns/op; {@code -prof gc} for B/op, {@code -prof perfnorm}
 * for instructions/op). The server is what a {@code ComServer} registers for ncalrpc with its default
 * security — an {@link OrpcDispatcher} on an {@link ExportTable} with the default {@link CallGuard} (an
 * ncalrpc caller of this process's uid, ANONYMOUS LOGON token as {@code CallerTokens.ANONYMOUS} gives) —
 * called as the RPC server calls a stub handler: {@code call(ctx, opnum, stub, 0, length, response)} with a prepared
 * {@link CallContext} and request stub.
 *
 * <ul>
 * <li>{@code serverNull}: the dispatch of {@link INullCall#nothing()}: Call check, IPID lookup, owner
 *     check, ORPCTHIS decode, the call, ORPCTHAT + HRESULT encode.</li>
 * <li>{@code serverInvokeAdd}: the dispatch of IDispatch::Invoke(DISPID 1, DISPATCH_METHOD, two VT_I4) on
 *     an {@link AddObject} through the automatic IDispatch ({@code AutoDispatch}): the same steps plus the
 *     DISPPARAMS decode, VARIANT → int conversion, the call, int → VARIANT, the [out]s' encode.</li>
 * <li>{@code proxyNull}, {@code proxyInvokeAdd}: both sides: the client proxy ({@link ProxyHandler}, the
 *     method's request values, NDR encode), the server dispatch above, then the client's response decode
 *     and completion. The {@link ProxyHost} is this class's: what {@code ComClient}'s does per call minus
 *     the {@code RpcBinding} (which only dcom4j-rpc can make), the stub handed straight to the dispatcher.</li>
 * <li>{@code dispatcherAdd}: {@code Dispatcher.call("Add", 2, 3)} through that proxy: the late-bound client
 *     (cached DISPID, DISPPARAMS built per call from Java values, result VARIANT decoded).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ComCallPathBenchmark {
    private static final UUID IID_NULL = new UUID(0, 0);
    private static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true);
    /** The packed drep of an NDR_LOCAL caller (as in the PDU header: 10 00 00 00). */
    private static final int DREP_LOCAL = 0x10000000;

    /** A server with a null object and an Automation object exported, and a client proxy of each. */
    @State(Scope.Thread)
    public static class Layers {
        final ExportTable table = new ExportTable();
        final PointerMarshaler noPointers = new PointerMarshaler() {
            @Override
            public Orpc.MInterfacePointer marshal(Object obj, Class<?> iface) throws ComException {
                throw new ComException(Hresult.E_NOTIMPL, "no interface pointers here");
            }

            @Override
            public Object unmarshal(Orpc.MInterfacePointer mip, Class<?> iface) throws ComException {
                throw new ComException(Hresult.E_NOTIMPL, "no interface pointers here");
            }
        };
        OrpcDispatcher nullServer;
        OrpcDispatcher dispatchServer;
        CallContext nullCtx;
        CallContext dispatchCtx;
        byte[] nullStub;
        byte[] invokeStub;
        INullCall nullProxy;
        IDispatch dispatchProxy;
        Dispatcher dispatcher;
        DispParams addArgs;
        /** The response buffer the RPC server hands a stub handler (one per connection there). */
        final NdrBuffer response = new NdrBuffer();

        @Setup
        public void start() throws IOException, ComException {
            CallGuard guard = new CallGuard(null, 0, null, null);
            InterfaceDescriptor nullIface = InterfaceDescriptor.of(INullCall.class);
            InterfaceDescriptor dispIface = InterfaceDescriptor.of(IDispatch.class);
            nullServer = new OrpcDispatcher(nullIface, table, guard, noPointers);
            dispatchServer = new OrpcDispatcher(dispIface, table, guard, noPointers);
            StdObjRef nullRef = table.export(new NullObject(), nullIface.iid(), ExportTable.EXPORT_REFS);
            StdObjRef dispRef = table.export(new AddObject(), dispIface.iid(), ExportTable.EXPORT_REFS);
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            PeerCredentials peer = new PeerCredentials(uid, uid, "bench", "bench");
            nullCtx = context(nullIface, nullRef.ipid(), peer);
            dispatchCtx = context(dispIface, dispRef.ipid(), peer);

            addArgs = DispParams.of(List.of(Variants.toWire(Variant.i4(3)), Variants.toWire(Variant.i4(2))), new int[0]);
            MethodDescriptor nothing = nullIface.method(3);
            nullStub = nothing.request().encode(nothing.requestValues(Orpc.OrpcThis.of(UUID.randomUUID()), new Object[0], noPointers));
            MethodDescriptor invoke = dispIface.method(6);
            Object[] invokeArgs = {1, IID_NULL, 0x400, IDispatch.DISPATCH_METHOD, addArgs, new Out<>(), new Out<>(), new Out<>(), 0,
                new int[0], new InOut<>(List.of())};
            invokeStub = invoke.request().encode(invoke.requestValues(Orpc.OrpcThis.of(UUID.randomUUID()), invokeArgs, noPointers));

            nullProxy = (INullCall) ProxyHandler.create(new InProcessHost(nullServer, nullCtx, noPointers),
                    new ProxyState(new ObjRef.Standard(nullIface.iid(), nullRef, null), INullCall.class, null));
            dispatchProxy = (IDispatch) ProxyHandler.create(new InProcessHost(dispatchServer, dispatchCtx, noPointers),
                    new ProxyState(new ObjRef.Standard(dispIface.iid(), dispRef, null), IDispatch.class, null));
            dispatcher = new Dispatcher(dispatchProxy);
            if (!Variant.i4(5).equals(Variants.fromWire(invokeAdd())) || !Variant.i4(5).equals(dispatcher.call("Add", 2, 3))) {
                throw new IllegalStateException("Add(2, 3) != 5");
            }
            nullProxy.nothing();
        }

        private static CallContext context(InterfaceDescriptor d, UUID ipid, PeerCredentials peer) {
            return new CallContext(Distance.LOCAL, peer, "bench", d.interfaceId(), ipid, 1, 0, 1, DREP_LOCAL, false, null,
                    CallerTokens.anonymous(Distance.LOCAL), 0, AuthLevel.PKT_PRIVACY);
        }

        WireVariant invokeAdd() throws ComException {
            Out<WireVariant> result = new Out<>();
            dispatchProxy.invoke(1, IID_NULL, 0x400, IDispatch.DISPATCH_METHOD, addArgs, result, new Out<>(), new Out<>(), 0, NO_REFS,
                    new InOut<>(List.of()));
            return result.get();
        }

        private static final int[] NO_REFS = new int[0];
    }

    /**
     * What ComClient's proxy host does per call (a fresh causality id, the request values, NDR encode, the
     * call, the response decode, the holders and HRESULT), the request stub going straight to {@code server}.
     */
    record InProcessHost(OrpcDispatcher server, CallContext ctx, PointerMarshaler pointers, NdrBuffer response) implements ProxyHost {
        InProcessHost(OrpcDispatcher server, CallContext ctx, PointerMarshaler pointers) {
            this(server, ctx, pointers, new NdrBuffer());
        }

        @Override
        public Object invoke(ProxyState s, MethodDescriptor m, Object[] args) throws ComException {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            UUID cid = new UUID(r.nextLong() & ~0xF000L | 0x4000L, r.nextLong() & ~(0xC000L << 48) | 0x8000L << 48);
            byte[] stub = m.request().encode(m.requestValues(Orpc.OrpcThis.of(cid), args, pointers));
            try {
                server.call(ctx, m.opnum(), stub, 0, stub.length, response.reset()); // as the RPC server calls it
            } catch (RpcFaultException e) {
                throw new ComException(e.status(), m.method().getName());
            }
            return m.complete(m.response().decode(response.array(), 0, response.size(), DataRepresentation.NDR_LOCAL, LIMITS), args,
                    pointers);
        }

        @Override
        public Object queryInterface(ProxyState s, Class<?> iface) {
            throw new UnsupportedOperationException("the benchmark's in-process stand-in measures calls only; it has no QueryInterface");
        }

        @Override
        public void release(ProxyState s) {
        }
    }

    @Benchmark
    public NdrBuffer serverNull(Layers p) throws RpcFaultException {
        p.nullServer.call(p.nullCtx, 3, p.nullStub, 0, p.nullStub.length, p.response.reset());
        return p.response;
    }

    @Benchmark
    public NdrBuffer serverInvokeAdd(Layers p) throws RpcFaultException {
        p.dispatchServer.call(p.dispatchCtx, 6, p.invokeStub, 0, p.invokeStub.length, p.response.reset());
        return p.response;
    }

    @Benchmark
    public void proxyNull(Layers p) throws ComException {
        p.nullProxy.nothing();
    }

    @Benchmark
    public WireVariant proxyInvokeAdd(Layers p) throws ComException {
        return p.invokeAdd();
    }

    @Benchmark
    public Variant dispatcherAdd(Layers p) throws ComException {
        return p.dispatcher.call("Add", 2, 3);
    }
}
