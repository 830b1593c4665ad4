package org.dcom4j.rpc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Client limits. Defaults: 5840-byte fragments proposed both ways (what Windows proposes), reassembled
 * responses of at most 4 MiB (the server's request limit), 10 s to connect, 60 s per call, bind-time
 * feature negotiation offered, no ncalrpc runtime directory.
 *
 * @param maxFrag              max_xmit_frag and max_recv_frag proposed in the bind (1432..65528, C706
 *                             12.6.3.1: every implementation must accept 1432-byte fragments)
 * @param maxStubLength        the largest reassembled response stub
 * @param connectTimeout       to open the transport connection
 * @param callTimeout          from sending a bind, alter_context or request to its last response fragment;
 *                             when it expires the connection is closed and the binding reconnects on its next call
 * @param negotiateFeatures    offer the MS-RPCE 3.3.1.5.3 bind-time feature negotiation context, as Windows does
 * @param runtimeDir           where ncalrpc socket files live ({@code UnixTransport}); null when ncalrpc is not used
 */
public record RpcClientConfig(int maxFrag, int maxStubLength, Duration connectTimeout, Duration callTimeout,
                              boolean negotiateFeatures, Path runtimeDir) {
    /** C706 12.6.3.1 rpc_c_assoc_must_recv_frag_size. */
    public static final int MUST_RECV_FRAG = 1432;

    public RpcClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxFrag < MUST_RECV_FRAG || maxFrag > 0xFFF8 || maxStubLength < 0) {
            throw new IllegalArgumentException("maxFrag=" + maxFrag + ", maxStubLength=" + maxStubLength
                    + ", limit=" + MUST_RECV_FRAG + "..65528 / positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout + ", limit=positive");
        }
    }

    public static RpcClientConfig defaults() {
        return new RpcClientConfig(5840, 4 << 20, Duration.ofSeconds(10), Duration.ofSeconds(60), true, null);
    }

    public RpcClientConfig withMaxFrag(int n) {
        return new RpcClientConfig(n, maxStubLength, connectTimeout, callTimeout, negotiateFeatures, runtimeDir);
    }

    public RpcClientConfig withMaxStubLength(int n) {
        return new RpcClientConfig(maxFrag, n, connectTimeout, callTimeout, negotiateFeatures, runtimeDir);
    }

    public RpcClientConfig withTimeouts(Duration connect, Duration call) {
        return new RpcClientConfig(maxFrag, maxStubLength, connect, call, negotiateFeatures, runtimeDir);
    }

    public RpcClientConfig withNegotiateFeatures(boolean offer) {
        return new RpcClientConfig(maxFrag, maxStubLength, connectTimeout, callTimeout, offer, runtimeDir);
    }

    public RpcClientConfig withRuntimeDir(Path dir) {
        return new RpcClientConfig(maxFrag, maxStubLength, connectTimeout, callTimeout, negotiateFeatures, dir);
    }
}
