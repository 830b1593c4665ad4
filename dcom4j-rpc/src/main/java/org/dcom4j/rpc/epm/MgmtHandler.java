package org.dcom4j.rpc.epm;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.dcom4j.rpc.epm.Epm.StatusResponse;
import org.dcom4j.rpc.epm.Mgmt.IfIdVector;
import org.dcom4j.rpc.epm.Mgmt.InqIfIdsResponse;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameRequest;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameResponse;
import org.dcom4j.rpc.epm.Mgmt.InqStatsRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsResponse;
import org.dcom4j.rpc.epm.Mgmt.IsServerListeningResponse;
import org.dcom4j.rpc.pdu.FaultStatus;

/**
 * Serves {@link Mgmt#INTERFACE}:
 * <ul>
 * <li>inq_if_ids: the interfaces {@code interfaces} supplies (the server's registered ones), status 0;</li>
 * <li>inq_stats: min(count, 4) counters from {@link RpcStatistics} (rpcss adapts {@code RpcServer}'s own counters);</li>
 * <li>is_server_listening: status 0, TRUE;</li>
 * <li>stop_server_listening: status rpc_s_access_denied (5) — never remotely;</li>
 * <li>inq_princ_name: the empty name (only the NUL) and status 0, since this runtime has no
 *     principal name for authentication service none; a princ_name_size of 0 cannot hold the NUL
 *     and faults with nca_s_fault_invalid_bound.</li>
 * </ul>
 * Not verified against a Windows capture: the status Windows gives inq_princ_name for authn none.
 * Thread-safe if the supplier and statistics are.
 */
public final class MgmtHandler implements RpcHandler {
    /** nca_s_fault_invalid_bound (C706 appendix E). */
    public static final int NCA_S_FAULT_INVALID_BOUND = 0x1c000008;

    private final Supplier<? extends Collection<InterfaceId>> interfaces;
    private final RpcStatistics statistics;

    public MgmtHandler(Supplier<? extends Collection<InterfaceId>> interfaces, RpcStatistics statistics) {
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /** The mgmt interface for {@code RpcServer.register}. */
    public RpcInterface rpcInterface() {
        // Anonymous callers allowed, as Windows' default management authorization does for the inquiry calls.
        return new RpcInterface(Mgmt.INTERFACE, Mgmt.OPERATION_COUNT, this, org.dcom4j.rpc.InterfaceSecurity.ANONYMOUS_ALLOWED);
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        try {
            return switch (opnum) {
                case Mgmt.INQ_IF_IDS -> {
                    List<RpcIfId> ids = interfaces.get().stream().map(RpcIfId::of).toList();
                    yield EpmHandler.encode(new InqIfIdsResponse(new IfIdVector(ids), 0));
                }
                case Mgmt.INQ_STATS -> {
                    InqStatsRequest r = EpmHandler.decode(InqStatsRequest.class, ctx, stub);
                    long[] all = {statistics.callsIn(), statistics.callsOut(), statistics.packetsIn(), statistics.packetsOut()};
                    int n = (int) Math.min(Integer.toUnsignedLong(r.count()), Mgmt.STATS_ARRAY_MAX_SIZE);
                    int[] values = new int[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = (int) all[i];
                    }
                    yield EpmHandler.encode(new InqStatsResponse(n, values, 0));
                }
                case Mgmt.IS_SERVER_LISTENING -> EpmHandler.encode(new IsServerListeningResponse(0, 1));
                case Mgmt.STOP_SERVER_LISTENING -> EpmHandler.encode(new StatusResponse(FaultStatus.RPC_S_ACCESS_DENIED));
                case Mgmt.INQ_PRINC_NAME -> {
                    InqPrincNameRequest r = EpmHandler.decode(InqPrincNameRequest.class, ctx, stub);
                    if (r.princNameSize() == 0) {
                        throw new RpcFaultException(NCA_S_FAULT_INVALID_BOUND, "princ_name_size=0, limit>=1");
                    }
                    yield EpmHandler.encode(new InqPrincNameResponse(r.princNameSize(), 1, new byte[1], 0));
                }
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum);
            };
        } catch (NdrException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }
}
