package org.dcom4j.rpc.epm;

import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.ndr.FixedSize;
import org.dcom4j.ndr.Full;
import org.dcom4j.ndr.LengthIs;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.rpc.InterfaceId;

/**
 * The endpoint mapper interface {@code ept} e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0 (C706
 * appendix O {@code ept.idl}; MS-RPCE 2.2.1.2 and 3.1.1.5.x): its types and one {@code @NdrParameters}
 * record per direction and operation, wire names kept. Codecs are derived by {@code NdrCodec.of}.
 *
 * <p>Every pointer typed {@code twr_p_t} or {@code uuid_p_t} is a full ({@code [ptr]}) pointer, as
 * {@code ept.idl}'s {@code pointer_default(ptr)} says; {@code entry_handle} is a top-level
 * {@code [in,out]} reference to a context handle, i.e. 20 bytes in place.
 */
public final class Epm {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa"), 3, 0);
    public static final int OPERATION_COUNT = 7;

    public static final int EPT_INSERT = 0;
    public static final int EPT_DELETE = 1;
    public static final int EPT_LOOKUP = 2;
    public static final int EPT_MAP = 3;
    public static final int EPT_LOOKUP_HANDLE_FREE = 4;
    public static final int EPT_INQ_OBJECT = 5;
    public static final int EPT_MGMT_DELETE = 6;

    /** {@code inquiry_type} values (C706 rpc_mgmt_ep_elt_inq_begin; impacket epm.py). */
    public static final int RPC_C_EP_ALL_ELTS = 0;
    public static final int RPC_C_EP_MATCH_BY_IF = 1;
    public static final int RPC_C_EP_MATCH_BY_OBJ = 2;
    public static final int RPC_C_EP_MATCH_BY_BOTH = 3;

    /** {@code vers_option} values (C706 rpc_mgmt_ep_elt_inq_begin; impacket epm.py). */
    public static final int RPC_C_VERS_ALL = 1;
    public static final int RPC_C_VERS_COMPATIBLE = 2;
    public static final int RPC_C_VERS_EXACT = 3;
    public static final int RPC_C_VERS_MAJOR_ONLY = 4;
    public static final int RPC_C_VERS_UPTO = 5;

    /** ept_s_not_registered: nothing (more) matches. What Windows sends (Microsoft's EPM trace shows 0x16C9A0D6). */
    public static final int EPT_S_NOT_REGISTERED = 0x16c9a0d6;
    /** Win32 EPT_S_INVALID_ENTRY (1751): an inserted entry whose tower does not decode. */
    public static final int EPT_S_INVALID_ENTRY = 0x000006d7;
    /** Win32 EPT_S_CANT_PERFORM_OP (1752): Windows' answer to ept_inq_object. */
    public static final int EPT_S_CANT_PERFORM_OP = 0x000006d8;
    /** Win32 ERROR_ACCESS_DENIED: ept_insert / ept_delete / ept_mgmt_delete from a remote caller. */
    public static final int ACCESS_DENIED = 0x00000005;

    /** {@code ept_max_annotation_size}: 64 characters including the NUL. */
    public static final int MAX_ANNOTATION = 64;

    private Epm() {
    }

    /**
     * {@code twr_t}: {@code unsigned32 tower_length; [size_is(tower_length)] byte tower_octet_string[];}
     * The octets are {@link Tower#encode()}'s.
     */
    public record TwrT(int towerLength, @SizeIs("towerLength") byte[] towerOctetString) {
        public TwrT(byte[] octets) {
            this(octets.length, octets);
        }
    }

    /** {@code rpc_if_id_t}: {@code uuid_t uuid; unsigned16 vers_major; unsigned16 vers_minor;} */
    public record RpcIfId(UUID uuid, short versMajor, short versMinor) {
        public static RpcIfId of(InterfaceId id) {
            return new RpcIfId(id.uuid(), (short) id.major(), (short) id.minor());
        }

        public InterfaceId toInterfaceId() {
            return new InterfaceId(uuid, versMajor & 0xFFFF, versMinor & 0xFFFF);
        }
    }

    /**
     * {@code ept_entry_t}: {@code uuid_t object; twr_p_t tower; [string] char annotation[64];}. MIDL
     * and Samba put the annotation on the wire as a <em>varying</em> string (offset, actual_count,
     * characters, NUL) with no max_count; impacket decodes it as {@code NDRUniVaryingArray}.
     *
     * <pre>
     * object (16) | tower referent id (4) | offset=0 (4) | actual_count (4) | chars + NUL | ... deferred twr_t
     * </pre>
     */
    public record EptEntry(UUID object, @Full TwrT tower, @FixedSize(MAX_ANNOTATION) @NdrString(NdrString.Kind.CHAR) String annotation) {
    }

    /** ept_insert [in] (opnum 0): {@code num_ents, [size_is(num_ents)] entries[], replace}. */
    @NdrParameters
    public record EptInsertRequest(int numEnts, @SizeIs("numEnts") List<EptEntry> entries, int replace) {
    }

    /** ept_delete [in] (opnum 1): {@code num_ents, [size_is(num_ents)] entries[]}. */
    @NdrParameters
    public record EptDeleteRequest(int numEnts, @SizeIs("numEnts") List<EptEntry> entries) {
    }

    /** The [out] of operations whose only output is {@code error_status_t *status} (0, 1, 5, 6). */
    @NdrParameters
    public record StatusResponse(int status) {
    }

    /**
     * ept_lookup [in] (opnum 2):
     * {@code inquiry_type, [ptr] uuid_p_t object, [ptr] rpc_if_id_p_t interface_id, vers_option, *entry_handle, max_ents}.
     */
    @NdrParameters
    public record EptLookupRequest(int inquiryType, @Full UUID object, @Full RpcIfId interfaceId, int versOption,
                                   ContextHandle entryHandle, int maxEnts) {
    }

    /**
     * ept_lookup [out]: {@code *entry_handle, *num_ents, [length_is(*num_ents), size_is(max_ents)] entries[], *status}.
     * {@code maxEnts} is the [in] value, used for the array's max_count only.
     */
    @NdrParameters
    public record EptLookupResponse(ContextHandle entryHandle, int numEnts, @NotTransmitted int maxEnts,
                                    @SizeIs("maxEnts") @LengthIs("numEnts") List<EptEntry> entries, int status) {
    }

    /** ept_map [in] (opnum 3): {@code [ptr] object, [ptr] map_tower, *entry_handle, max_towers}. */
    @NdrParameters
    public record EptMapRequest(@Full UUID object, @Full TwrT mapTower, ContextHandle entryHandle, int maxTowers) {
    }

    /**
     * ept_map [out]: {@code *entry_handle, *num_towers, [length_is(*num_towers), size_is(max_towers)] twr_p_t ITowers[], *status}.
     */
    @NdrParameters
    public record EptMapResponse(ContextHandle entryHandle, int numTowers, @NotTransmitted int maxTowers,
                                 @SizeIs("maxTowers") @LengthIs("numTowers") List<@Full TwrT> towers, int status) {
    }

    /** ept_lookup_handle_free [in] (opnum 4) and its [out] with the status. */
    @NdrParameters
    public record EptLookupHandleFreeRequest(ContextHandle entryHandle) {
    }

    @NdrParameters
    public record EptLookupHandleFreeResponse(ContextHandle entryHandle, int status) {
    }

    /**
     * ept_inq_object [in] (opnum 5) as Windows declares it ({@code [in] UUID *ept_object}, a
     * reference pointer: 16 bytes). C706 makes the UUID an [out]; Windows answers
     * EPT_S_CANT_PERFORM_OP either way, so only the status is returned.
     */
    @NdrParameters
    public record EptInqObjectRequest(UUID eptObject) {
    }

    /** ept_mgmt_delete [in] (opnum 6): {@code boolean32 object_speced, [ptr] object, [ptr] tower}. */
    @NdrParameters
    public record EptMgmtDeleteRequest(int objectSpeced, @Full UUID object, @Full TwrT tower) {
    }
}
