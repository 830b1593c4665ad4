package org.dcom4j.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Server limits and runtime choices. Defaults: max_recv_frag 5840 (what Windows and Samba offer),
 * reassembled request stub at most 4 MiB, 1024 connections, 5 minutes idle, 30 seconds to deliver a
 * started fragment, platform threads ({@link ThreadModel}), 10 seconds for in-flight calls at shutdown.
 *
 * @param maxRecvFrag       the largest fragment accepted and the ceiling of negotiation (2048..65528)
 * @param maxStubLength     the largest reassembled request stub
 * @param maxConnections    connections beyond this are closed as soon as accepted
 * @param idleTimeout       a connection with no PDU started for this long is closed
 * @param fragmentTimeout   a fragment whose first byte arrived must be complete within this
 *                          (header-only / slowloris connections)
 * @param maxContexts       presentation contexts a connection may hold
 * @param threadModel       virtual or platform threads for accept and connection loops ({@link ThreadModel})
 * @param shutdownGrace     how long {@link RpcServer#close} waits for calls being executed
 */
public record RpcServerConfig(int maxRecvFrag, int maxStubLength, int maxConnections, Duration idleTimeout,
                              Duration fragmentTimeout, int maxContexts, ThreadModel threadModel, Duration shutdownGrace) {
    /** The smallest max_recv_frag we negotiate (Samba, verified against Windows 2012R2: 2048). */
    public static final int MIN_FRAG = 2048;

    public RpcServerConfig {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(fragmentTimeout, "fragmentTimeout");
        Objects.requireNonNull(threadModel, "threadModel");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (maxRecvFrag < MIN_FRAG || maxRecvFrag > 0xFFF8) {
            throw new IllegalArgumentException("maxRecvFrag=" + maxRecvFrag + ", limit=" + MIN_FRAG + "..65528");
        }
        if (maxStubLength < 0 || maxConnections < 1 || maxContexts < 1) {
            throw new IllegalArgumentException("maxStubLength=" + maxStubLength + ", maxConnections=" + maxConnections
                    + ", maxContexts=" + maxContexts + ", limit=positive");
        }
    }

    public static RpcServerConfig defaults() {
        return new RpcServerConfig(5840, 4 << 20, 1024, Duration.ofMinutes(5), Duration.ofSeconds(30), 256,
                ThreadModel.PLATFORM, Duration.ofSeconds(10));
    }

    public RpcServerConfig withMaxConnections(int n) {
        return new RpcServerConfig(maxRecvFrag, maxStubLength, n, idleTimeout, fragmentTimeout, maxContexts, threadModel, shutdownGrace);
    }

    public RpcServerConfig withMaxStubLength(int n) {
        return new RpcServerConfig(maxRecvFrag, n, maxConnections, idleTimeout, fragmentTimeout, maxContexts, threadModel, shutdownGrace);
    }

    public RpcServerConfig withTimeouts(Duration idle, Duration fragment) {
        return new RpcServerConfig(maxRecvFrag, maxStubLength, maxConnections, idle, fragment, maxContexts, threadModel, shutdownGrace);
    }

    public RpcServerConfig withThreadModel(ThreadModel model) {
        return new RpcServerConfig(maxRecvFrag, maxStubLength, maxConnections, idleTimeout, fragmentTimeout, maxContexts, model, shutdownGrace);
    }
}
