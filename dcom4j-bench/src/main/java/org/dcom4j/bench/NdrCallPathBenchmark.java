package org.dcom4j.bench;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.Dispatcher;
import org.dcom4j.com.automation.IDispatch;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NDR engine's share of a DCOM call ({@code avgt}, ns/op; {@code -prof gc} for B/op, {@code -prof
 * perfnorm} for instructions/op): encode and decode of the stubs through the methods'
 * {@code NdrParameterCodec}s, as the proxy and the dispatcher use them, without sockets or threads.
 *
 * <ul>
 * <li>{@code null*}: the null call ({@link INullCall}, opnum 3) — request ORPCTHIS; response ORPCTHAT +
 *     HRESULT (MS-DCOM 2.2.13).</li>
 * <li>{@code invoke*}: IDispatch::Invoke (MS-OAUT 3.1.4.4, opnum 6) of {@code Add(2, 3)} as
 *     {@link Dispatcher} sends it — request ORPCTHIS, dispIdMember, riid (IID_NULL), lcid, dwFlags
 *     (DISPATCH_METHOD), DISPPARAMS with two VT_I4 VARIANTs (in wire order 3, 2), cVarRef 0,
 *     rgVarRefIdx and rgVarRef empty; response ORPCTHAT, pVarResult VT_I4 5, an empty EXCEPINFO,
 *     pArgErr 0, rgVarRef empty, HRESULT S_OK.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NdrCallPathBenchmark {
    /** The two methods' descriptors, their stub values and encoded stubs. */
    @State(Scope.Thread)
    public static class Stubs {
        final MethodDescriptor nothing = InterfaceDescriptor.of(INullCall.class).method(3);
        final MethodDescriptor invoke = InterfaceDescriptor.of(IDispatch.class).method(6);
        final Orpc.OrpcThis orpcThis = Orpc.OrpcThis.of(UUID.randomUUID());
        final NdrLimits limits = NdrLimits.DEFAULT.withTrailingAllowed(true);
        final Object[] invokeRequest;
        final Object[] invokeResponse;
        final byte[] nullRequestBytes;
        final byte[] nullResponseBytes;
        final byte[] invokeRequestBytes;
        final byte[] invokeResponseBytes;

        public Stubs() {
            DispParams params = DispParams.of(List.of(WireVariant.of(3, new WireVariant.Long4(3)),
                    WireVariant.of(3, new WireVariant.Long4(2))), new int[0]);
            Object[] args = {1, new UUID(0, 0), Dispatcher.LCID, IDispatch.DISPATCH_METHOD, params,
                new Out<>(WireVariant.of(3, new WireVariant.Long4(5))), new Out<>(ExcepInfo.EMPTY), new Out<>(0), 0,
                new int[0], new InOut<>(List.<WireVariant>of())};
            try {
                invokeRequest = invoke.requestValues(orpcThis, args, null);
                invokeResponse = invoke.responseValues(Orpc.OrpcThat.EMPTY, invokeRequest, args, null, Hresult.S_OK, null);
            } catch (ComException e) {
                throw new IllegalStateException(e);
            }
            nullRequestBytes = nothing.request().encode(orpcThis);
            nullResponseBytes = nothing.response().encode(Orpc.OrpcThat.EMPTY, Hresult.S_OK);
            invokeRequestBytes = invoke.request().encode(invokeRequest);
            invokeResponseBytes = invoke.response().encode(invokeResponse);
        }
    }

    @Benchmark
    public byte[] nullEncodeRequest(Stubs s) {
        return s.nothing.request().encode(s.orpcThis);
    }

    @Benchmark
    public Object[] nullDecodeRequest(Stubs s) {
        return s.nothing.request().decode(s.nullRequestBytes, DataRepresentation.NDR_LOCAL, s.limits);
    }

    @Benchmark
    public byte[] nullEncodeResponse(Stubs s) {
        return s.nothing.response().encode(Orpc.OrpcThat.EMPTY, Hresult.S_OK);
    }

    @Benchmark
    public Object[] nullDecodeResponse(Stubs s) {
        return s.nothing.response().decode(s.nullResponseBytes, DataRepresentation.NDR_LOCAL, s.limits);
    }

    @Benchmark
    public byte[] invokeEncodeRequest(Stubs s) {
        return s.invoke.request().encode(s.invokeRequest);
    }

    @Benchmark
    public Object[] invokeDecodeRequest(Stubs s) {
        return s.invoke.request().decode(s.invokeRequestBytes, DataRepresentation.NDR_LOCAL, s.limits);
    }

    @Benchmark
    public byte[] invokeEncodeResponse(Stubs s) {
        return s.invoke.response().encode(s.invokeResponse);
    }

    @Benchmark
    public Object[] invokeDecodeResponse(Stubs s) {
        return s.invoke.response().decode(s.invokeResponseBytes, DataRepresentation.NDR_LOCAL, s.limits);
    }
}
