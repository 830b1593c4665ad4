package org.dcom4j.samples;

import java.util.Objects;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * Adapts a {@link Dcom4jEcho} to the RPC runtime: decodes the {@code [in]} parameters in the
 * caller's data representation ({@link CallContext#drep()}, receiver makes right, C706 14.1),
 * dispatches on the opnum, encodes the {@code [out]} parameters (always little-endian, the drep the
 * runtime sends).
 *
 * <p>A stub that cannot be decoded faults with 0x000006f7 ({@code nca_s_fault_ndr} /
 * {@code rpc_x_bad_stub_data}), what Windows answers for unmarshalling failures. Trailing bytes after
 * the last parameter are ignored (a sender may pad its stub). Counts are bounded by the NDR engine
 * against the bytes left, so Echo's {@code n} is bounded by the runtime's reassembled-stub limit.
 * An implementation returning an Echo response whose length differs from {@code n} is a server bug:
 * the encode error becomes nca_s_fault_unspec through the runtime.
 *
 * <p>Thread-safe if the implementation is (codecs are immutable).
 */
public final class Dcom4jEchoServer implements RpcHandler {
    private static final NdrCodec<EchoRequest> ECHO_REQUEST = NdrCodec.of(EchoRequest.class);
    private static final NdrCodec<EchoResponse> ECHO_RESPONSE = NdrCodec.of(EchoResponse.class);
    private static final NdrCodec<AddRequest> ADD_REQUEST = NdrCodec.of(AddRequest.class);
    private static final NdrCodec<AddResponse> ADD_RESPONSE = NdrCodec.of(AddResponse.class);
    private static final NdrCodec<SleepRequest> SLEEP_REQUEST = NdrCodec.of(SleepRequest.class);
    private static final NdrCodec<SleepResponse> SLEEP_RESPONSE = NdrCodec.of(SleepResponse.class);
    private static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true);

    private final Dcom4jEcho impl;

    public Dcom4jEchoServer(Dcom4jEcho impl) {
        this.impl = Objects.requireNonNull(impl, "impl");
    }

    /** The interface served by {@link DefaultDcom4jEcho}, ready for {@code RpcServer.register}. */
    public static RpcInterface rpcInterface() {
        return rpcInterface(new DefaultDcom4jEcho());
    }

    /**
     * The interface served by {@code impl}. It opts in to anonymous remote callers so that the
     * unauthenticated (level none) benchmark and first steps work; rpcss lets an administrator withdraw
     * that with the config value {@code AllowAnonymous=0} under its interface key (see the README).
     */
    public static RpcInterface rpcInterface(Dcom4jEcho impl) {
        return new RpcInterface(Dcom4jEcho.INTERFACE_ID, Dcom4jEcho.OPERATION_COUNT, new Dcom4jEchoServer(impl),
                InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        int drep = ctx.drep();
        return switch (opnum) {
            case Dcom4jEcho.OPNUM_ECHO -> {
                EchoRequest in = decode(ECHO_REQUEST, stub, drep);
                EchoResponse out = impl.echo(in);
                // n is [in] only: the response is sized by the request, whatever the implementation put in it.
                yield ECHO_RESPONSE.encode(new EchoResponse(in.n(), out.out(), out.status()));
            }
            case Dcom4jEcho.OPNUM_ADD -> ADD_RESPONSE.encode(impl.add(decode(ADD_REQUEST, stub, drep)));
            case Dcom4jEcho.OPNUM_SLEEP -> SLEEP_RESPONSE.encode(impl.sleep(decode(SLEEP_REQUEST, stub, drep)));
            // The runtime checks opnum < OPERATION_COUNT before calling; kept for direct callers.
            default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum + ", limit=" + Dcom4jEcho.OPERATION_COUNT);
        };
    }

    private static <T> T decode(NdrCodec<T> codec, byte[] stub, int drep) throws RpcFaultException {
        try {
            return codec.decode(stub, drep(drep), LIMITS);
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, codec.type().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@link CallContext#drep()} packs the four drep octets big-endian ({@code 0x10000000} = little-endian ASCII IEEE). */
    static DataRepresentation drep(int packed) {
        byte[] b = {(byte) (packed >>> 24), (byte) (packed >>> 16), (byte) (packed >>> 8), (byte) packed};
        return DataRepresentation.of(b, 0);
    }
}
