package org.dcom4j.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.client.StringBinding;
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
 * The CPU cost of the per-call steps of {@link CallBenchmark}'s DCOM null call that the profile of
 * {@code dcomTcpNull}/{@code dcomUnixNull} singles out (README "CallBenchmark"), without sockets or
 * threads ({@code avgt}, ns/op, with {@code -prof gc} for B/op):
 *
 * <ul>
 * <li>{@code stringBindingWithObject}: what {@code RpcBinding.withObject(ipid)} does on every proxy call
 *     ({@code ComClient}): a new {@link StringBinding}, whose constructor validates it again (a regex
 *     on the protocol sequence, a scan of address and endpoint, a copy of the options map).</li>
 * <li>{@code causalityIdSecure}: the fresh causality id of each ORPCTHIS, {@link UUID#randomUUID()}
 *     ({@code SecureRandom}); {@code causalityIdThreadLocal}: the same 122 random bits from
 *     {@link ThreadLocalRandom}, for comparison.</li>
 * <li>{@code encodeRequest}, {@code decodeRequest}, {@code encodeResponse}, {@code decodeResponse}: the
 *     NDR of the null call's stubs (ORPCTHIS; ORPCTHAT + HRESULT) through the method's
 *     {@code NdrParameterCodec}s, as the proxy and the dispatcher use them.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NullCallPathBenchmark {
    /** The null call's method descriptor and example stubs. */
    @State(Scope.Thread)
    public static class Path {
        final MethodDescriptor nothing = InterfaceDescriptor.of(INullCall.class).method(3);
        final StringBinding binding = StringBinding.parse("ncacn_ip_tcp:127.0.0.1[49152]");
        final UUID ipid = UUID.randomUUID();
        final Orpc.OrpcThis orpcThis = Orpc.OrpcThis.of(UUID.randomUUID());
        final byte[] request = nothing.request().encode(orpcThis);
        final byte[] response = nothing.response().encode(Orpc.OrpcThat.EMPTY, Hresult.S_OK);
        final NdrLimits limits = NdrLimits.DEFAULT.withTrailingAllowed(true);
    }

    @Benchmark
    public StringBinding stringBindingWithObject(Path p) {
        return p.binding.withObject(p.ipid);
    }

    @Benchmark
    public UUID causalityIdSecure() {
        return UUID.randomUUID();
    }

    @Benchmark
    public UUID causalityIdThreadLocal() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xf000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & ~(3L << 62)) | (2L << 62); // IETF variant
        return new UUID(msb, lsb);
    }

    @Benchmark
    public byte[] encodeRequest(Path p) {
        return p.nothing.request().encode(p.orpcThis);
    }

    @Benchmark
    public Object[] decodeRequest(Path p) {
        return p.nothing.request().decode(p.request, DataRepresentation.NDR_LOCAL, p.limits);
    }

    @Benchmark
    public byte[] encodeResponse(Path p) {
        return p.nothing.response().encode(Orpc.OrpcThat.EMPTY, Hresult.S_OK);
    }

    @Benchmark
    public Object[] decodeResponse(Path p) {
        return p.nothing.response().decode(p.response, DataRepresentation.NDR_LOCAL, p.limits);
    }
}
