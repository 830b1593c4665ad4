package org.dcom4j.rpc.epm;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.epm.Epm.EptDeleteRequest;
import org.dcom4j.rpc.epm.Epm.EptEntry;
import org.dcom4j.rpc.epm.Epm.EptInsertRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupHandleFreeResponse;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.EptMgmtDeleteRequest;
import org.dcom4j.rpc.epm.Epm.StatusResponse;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.security.Distance;

/**
 * Serves {@link Epm#INTERFACE} over an {@link EndpointMapper}: decodes each request in the caller's
 * data representation, answers in NDR little-endian.
 *
 * <ul>
 * <li>ept_insert, ept_delete, ept_mgmt_delete change the table only for LOCAL callers (ncalrpc); a
 *     remote caller gets status {@link Epm#ACCESS_DENIED} — the DCE 1.0.3 fix C706's reference
 *     implementation applies, and Windows' rule that only local processes register.</li>
 * <li>ept_inq_object answers {@link Epm#EPT_S_CANT_PERFORM_OP}, as Windows' epmapper does; so
 *     does an ept_insert that would exceed {@link EndpointMapper#MAX_ENTRIES} (earlier entries of
 *     the same call stay inserted).</li>
 * <li>Stub data that does not decode (NDR or tower) faults with rpc_x_bad_stub_data; an unknown
 *     lookup handle with nca_s_fault_context_mismatch.</li>
 * </ul>
 * Thread-safe (stateless apart from the mapper).
 */
final class EpmHandler implements RpcHandler {
    /** Stub padding after the parameters is tolerated (peers pad requests to 8). */
    static final NdrLimits LIMITS = NdrLimits.DEFAULT.withTrailingAllowed(true).withMaxAllocation(1L << 20);
    private static final UUID NIL = new UUID(0, 0);

    private final EndpointMapper mapper;

    EpmHandler(EndpointMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte[] call(CallContext ctx, int opnum, byte[] stub) throws RpcFaultException {
        try {
            return switch (opnum) {
                case Epm.EPT_INSERT -> insert(ctx, decode(EptInsertRequest.class, ctx, stub));
                case Epm.EPT_DELETE -> delete(ctx, decode(EptDeleteRequest.class, ctx, stub));
                case Epm.EPT_LOOKUP -> encode(mapper.lookup(decode(EptLookupRequest.class, ctx, stub), ctx.assocGroupId()));
                case Epm.EPT_MAP -> encode(mapper.map(decode(EptMapRequest.class, ctx, stub), ctx.assocGroupId()));
                case Epm.EPT_LOOKUP_HANDLE_FREE -> {
                    EptLookupHandleFreeRequest r = decode(EptLookupHandleFreeRequest.class, ctx, stub);
                    mapper.free(r.entryHandle(), ctx.assocGroupId());
                    yield encode(new EptLookupHandleFreeResponse(org.dcom4j.ndr.ContextHandle.NULL, 0));
                }
                case Epm.EPT_INQ_OBJECT -> status(Epm.EPT_S_CANT_PERFORM_OP);
                case Epm.EPT_MGMT_DELETE -> mgmtDelete(ctx, decode(EptMgmtDeleteRequest.class, ctx, stub));
                default -> throw new RpcFaultException(FaultStatus.NCA_S_OP_RNG_ERROR, "opnum=" + opnum);
            };
        } catch (NdrException | TowerFormatException e) {
            throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    private byte[] insert(CallContext ctx, EptInsertRequest r) throws TowerFormatException {
        if (ctx.distance() != Distance.LOCAL) {
            return status(Epm.ACCESS_DENIED);
        }
        List<EndpointMapper.Entry> parsed = new ArrayList<>();
        for (EptEntry e : r.entries()) {
            EndpointMapper.Entry entry = toEntry(e);
            if (entry == null) {
                return status(Epm.EPT_S_INVALID_ENTRY);
            }
            parsed.add(entry);
        }
        try {
            for (EndpointMapper.Entry e : parsed) {
                mapper.add(e, r.replace() != 0);
            }
        } catch (IllegalStateException full) {
            return status(Epm.EPT_S_CANT_PERFORM_OP);
        }
        return status(0);
    }

    private byte[] delete(CallContext ctx, EptDeleteRequest r) {
        if (ctx.distance() != Distance.LOCAL) {
            return status(Epm.ACCESS_DENIED);
        }
        int removed = 0;
        for (EptEntry e : r.entries()) {
            EndpointMapper.Entry entry = toEntry(e);
            if (entry != null) {
                removed += mapper.remove(x -> x.interfaceId().equals(entry.interfaceId()) && x.object().equals(entry.object())
                        && x.tower().equals(entry.tower()));
            }
        }
        return status(removed == 0 ? Epm.EPT_S_NOT_REGISTERED : 0);
    }

    /** ept_mgmt_delete: entries with this tower, and this object when object_speced. */
    private byte[] mgmtDelete(CallContext ctx, EptMgmtDeleteRequest r) throws TowerFormatException {
        if (ctx.distance() != Distance.LOCAL) {
            return status(Epm.ACCESS_DENIED);
        }
        if (r.tower() == null) {
            return status(Epm.EPT_S_INVALID_ENTRY);
        }
        Tower tower = Tower.decode(r.tower().towerOctetString());
        UUID obj = r.object() == null ? NIL : r.object();
        int removed = mapper.remove(x -> x.tower().equals(tower) && (r.objectSpeced() == 0 || x.object().equals(obj)));
        return status(removed == 0 ? Epm.EPT_S_NOT_REGISTERED : 0);
    }

    /** An inserted entry as a table entry, or null when its tower or annotation is not acceptable. */
    private static EndpointMapper.Entry toEntry(EptEntry e) {
        if (e.tower() == null) {
            return null;
        }
        try {
            Tower t = Tower.decode(e.tower().towerOctetString());
            return new EndpointMapper.Entry(t.interfaceId(), e.object(), t, e.annotation());
        } catch (TowerFormatException | IllegalArgumentException x) {
            return null;
        }
    }

    static <T extends Record> T decode(Class<T> type, CallContext ctx, byte[] stub) {
        return NdrCodec.of(type).decode(stub, drep(ctx.drep()), LIMITS);
    }

    /** CallContext packs the 4 drep octets big-endian (as PduHeader does). */
    static DataRepresentation drep(int packed) {
        return DataRepresentation.of(new byte[] {(byte) (packed >>> 24), (byte) (packed >>> 16), (byte) (packed >>> 8), (byte) packed}, 0);
    }

    @SuppressWarnings("unchecked")
    static <T extends Record> byte[] encode(T value) {
        return NdrCodec.of((Class<T>) value.getClass()).encode(value);
    }

    private static byte[] status(int status) {
        return encode(new StatusResponse(status));
    }
}
