package org.dcom4j.rpc.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.ndr.NdrParameterCodec;
import org.dcom4j.rpc.InterfaceId;

/**
 * A bound interface on a connection (C706 2.2 "binding handle"): calls go to {@link #interfaceId()}
 * through its presentation context, with {@link #object()} in the request when set
 * (PFC_OBJECT_UUID). Made by {@link RpcClient#bind}; {@link #forInterface}, {@link #withObject} and
 * {@link #withCallTimeout} return views on the <em>same</em> association (one connection, one
 * association group).
 *
 * <p>Thread-safety: a binding and its views may be used from any thread, but calls on one
 * association run one at a time (a second caller waits): the client never negotiates PFC_CONC_MPX.
 * Open one binding per thread for parallel calls. {@link #close} closes the association for every view.
 *
 * <p>Buffers: the stub passed to {@link #call(int, byte[])} is read, not kept; the returned array is
 * the caller's. Every call encodes its request into the association's buffer and decodes a response that
 * arrives in one fragment without verifier where it lies in the connection's read buffer.
 */
public final class RpcBinding implements AutoCloseable {
    private final Association association;
    private final StringBinding stringBinding;
    private final InterfaceId iface;
    private final UUID object;
    private final Duration callTimeout;

    RpcBinding(Association association, StringBinding stringBinding, InterfaceId iface, UUID object, Duration callTimeout) {
        this.association = association;
        this.stringBinding = stringBinding;
        this.iface = iface;
        this.object = object;
        this.callTimeout = callTimeout;
    }

    /**
     * Calls {@code opnum} with an NDR-encoded stub and returns the response stub (in the server's drep,
     * which a raw caller must honour; see {@link #call(int, Record, Class)} for a decoded answer).
     *
     * @throws RpcCallException           the server answered with a fault
     * @throws java.net.SocketTimeoutException the call timed out (the connection was closed; the next call reconnects)
     * @throws RpcProtocolException       the server broke the protocol
     */
    public byte[] call(int opnum, byte[] stub) throws IOException {
        Objects.requireNonNull(stub, "stub");
        return association.call(iface, checked(opnum), object, out -> out.putBytes(stub, 0, stub.length),
                (b, off, len, drep) -> Arrays.copyOfRange(b, off, off + len), callTimeout);
    }

    /**
     * Calls {@code opnum} with {@code request} (an {@code @NdrParameters} record of the [in] parameters)
     * and decodes the response stub as {@code responseType} (the [out] parameters and return value) in the
     * server's data representation (C706 14.1, receiver makes right).
     *
     * @throws RpcProtocolException when the response does not decode as {@code responseType} (the
     *                              connection is closed, as for any malformed response)
     */
    public <Q extends Record, R extends Record> R call(int opnum, Q request, Class<R> responseType) throws IOException {
        @SuppressWarnings("unchecked")
        NdrCodec<Q> in = NdrCodec.of((Class<Q>) request.getClass());
        NdrCodec<R> out = NdrCodec.of(responseType);
        return association.call(iface, checked(opnum), object, buffer -> in.encode(request, buffer),
                (b, off, len, drep) -> out.decode(b, off, len, drep, NdrLimits.DEFAULT), callTimeout);
    }

    /**
     * Calls {@code opnum} with {@code values} (one per [in] parameter) encoded by {@code request}, and returns
     * the response's values decoded by {@code response} in the server's data representation — the stub
     * encoded into the binding's own buffer and, for a response in one fragment without verifier, decoded
     * where it lies in the connection's read buffer: no stub array per call (the path a proxy uses).
     *
     * @throws NdrException               when {@code values} cannot be encoded (nothing was sent)
     * @throws IllegalArgumentException   when the values do not match the parameters (nothing was sent)
     * @throws RpcProtocolException       when the response does not decode (its cause is the NdrException;
     *                                    the connection is closed)
     * @throws RpcCallException           the server answered with a fault
     */
    public Object[] call(int opnum, NdrParameterCodec request, Object[] values, NdrParameterCodec response, NdrLimits limits)
            throws IOException {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(limits, "limits");
        return association.call(iface, checked(opnum), object, out -> request.encode(values, out),
                (b, off, len, drep) -> response.decode(b, off, len, drep, limits), callTimeout);
    }

    private static int checked(int opnum) {
        if ((opnum & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("opnum=" + opnum + ", limit=0..65535");
        }
        return opnum;
    }

    /** The same association with another interface: its presentation context is added by alter_context (C706 12.6.4.1) if new. */
    public RpcBinding forInterface(InterfaceId other) throws IOException {
        association.addContext(other);
        return new RpcBinding(association, stringBinding, other, object, callTimeout);
    }

    /** The same association, calls carrying {@code newObject} (null: none). */
    public RpcBinding withObject(UUID newObject) {
        return new RpcBinding(association, stringBinding.withObject(newObject), iface, newObject, callTimeout);
    }

    /** The same association, calls limited to {@code timeout}. */
    public RpcBinding withCallTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("callTimeout=" + timeout + ", limit=positive");
        }
        return new RpcBinding(association, stringBinding, iface, object, timeout);
    }

    public InterfaceId interfaceId() {
        return iface;
    }

    public Optional<UUID> object() {
        return Optional.ofNullable(object);
    }

    /** The binding actually connected: the endpoint filled in when it was resolved. */
    public StringBinding stringBinding() {
        return stringBinding;
    }

    /** The fragment size we send (the smaller of our proposal and the server's max_recv_frag). */
    public int maxXmitFrag() {
        return association.xmitFrag();
    }

    /** The largest fragment we accept (what we proposed). */
    public int maxRecvFrag() {
        return association.recvFrag();
    }

    public int assocGroupId() {
        return association.assocGroupId();
    }

    /** The bind-time features (MS-RPCE 2.2.2.14) the server acknowledged; 0 when it did not take part. */
    public int negotiatedFeatures() {
        return Math.max(0, association.features());
    }

    /** Closes the connection of this binding and of every view on it. */
    @Override
    public void close() {
        association.close();
    }

    @Override
    public String toString() {
        return "RpcBinding[" + stringBinding + ", interface=" + iface + "]";
    }
}
