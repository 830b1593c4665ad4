package org.dcom4j.rpc.epm;

/**
 * The counters mgmt inq_stats reports (C706 appendix Q: rpc_c_stats_calls_in, calls_out, pkts_in,
 * pkts_out, in that order). rpcss adapts {@code RpcServer.callsIn()/packetsIn()/packetsOut()}; {@link #NONE} reports zeros (for tests).
 * Implementations must be thread-safe; values wrap as unsigned32 on the wire.
 */
public interface RpcStatistics {
    RpcStatistics NONE = new RpcStatistics() {
    };

    default long callsIn() {
        return 0;
    }

    default long callsOut() {
        return 0;
    }

    default long packetsIn() {
        return 0;
    }

    default long packetsOut() {
        return 0;
    }
}
