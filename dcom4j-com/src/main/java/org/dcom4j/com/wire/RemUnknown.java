package org.dcom4j.com.wire;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;

/**
 * IRemUnknown (00000131-…, MS-DCOM 3.1.1.5.6) and IRemUnknown2 (00000143-…, 3.1.1.5.7): the remote
 * reference counting and QueryInterface of an object exporter. ORPC interfaces v0.0: requests start
 * with ORPCTHIS, responses with ORPCTHAT, and the HRESULT return value is the final {@code errorCode}.
 * Opnums 0–2 are IUnknown's and never go on the wire.
 */
public final class RemUnknown {
    public static final InterfaceId INTERFACE = new InterfaceId(Iids.IID_IRemUnknown, 0, 0);
    public static final InterfaceId INTERFACE2 = new InterfaceId(Iids.IID_IRemUnknown2, 0, 0);
    public static final int REM_QUERY_INTERFACE = 3;
    public static final int REM_ADD_REF = 4;
    public static final int REM_RELEASE = 5;
    public static final int REM_QUERY_INTERFACE2 = 6;

    private RemUnknown() {
    }

    /** REMQIRESULT (2.2.24): {@code HRESULT hResult; STDOBJREF std;} — 48 bytes with the alignment gap. */
    public record RemQiResult(int hResult, StdObjRef std) {
    }

    /** REMINTERFACEREF (2.2.23): {@code IPID ipid; unsigned long cPublicRefs; unsigned long cPrivateRefs;} */
    public record RemInterfaceRef(UUID ipid, int cPublicRefs, int cPrivateRefs) {
    }

    /** RemQueryInterface [in] (opnum 3): {@code REFIPID ripid, cRefs, unsigned short cIids, [size_is(cIids)] IID* iids}. */
    @NdrParameters
    public record RemQueryInterfaceRequest(OrpcThis orpcThis, UUID ripid, int cRefs, @U16 int cIids,
                                           @SizeIs("cIids") List<UUID> iids) {
    }

    /**
     * RemQueryInterface [out]: {@code [size_is(,cIids)] REMQIRESULT** ppQIResults} — a unique pointer to a
     * conformant array (max_count first), as MS-DCOM and Windows have it.
     */
    @NdrParameters
    public record RemQueryInterfaceResponse(OrpcThat orpcThat, @Unique List<RemQiResult> ppQIResults, int errorCode) {
    }

    /**
     * RemQueryInterface [out] as impacket 0.10.0 declares it: a unique pointer to <em>one</em> REMQIRESULT,
     * no max_count. For one requested IID this reads Windows' bytes too (the max_count falls in the
     * 8-byte alignment gap before the REMQIRESULT); use it to decode answers from impacket-based servers.
     */
    @NdrParameters
    public record RemQueryInterfaceResponseSingle(OrpcThat orpcThat, @Unique RemQiResult ppQIResults, int errorCode) {
    }

    /** RemAddRef [in] (opnum 4): {@code unsigned short cInterfaceRefs, [size_is(cInterfaceRefs)] REMINTERFACEREF InterfaceRefs[]}. */
    @NdrParameters
    public record RemAddRefRequest(OrpcThis orpcThis, @U16 int cInterfaceRefs,
                                   @SizeIs("cInterfaceRefs") List<RemInterfaceRef> interfaceRefs) {
    }

    /** RemAddRef [out]: {@code [size_is(cInterfaceRefs)] HRESULT* pResults} (max_count, then the HRESULTs). */
    @NdrParameters
    public record RemAddRefResponse(OrpcThat orpcThat, int[] pResults, int errorCode) {
    }

    /** RemRelease [in] (opnum 5): same parameters as RemAddRef. */
    @NdrParameters
    public record RemReleaseRequest(OrpcThis orpcThis, @U16 int cInterfaceRefs,
                                    @SizeIs("cInterfaceRefs") List<RemInterfaceRef> interfaceRefs) {
    }

    @NdrParameters
    public record RemReleaseResponse(OrpcThat orpcThat, int errorCode) {
    }

    /** RemQueryInterface2 [in] (IRemUnknown2 opnum 6): {@code REFIPID ripid, unsigned short cIids, [size_is(cIids)] IID* iids}. */
    @NdrParameters
    public record RemQueryInterface2Request(OrpcThis orpcThis, UUID ripid, @U16 int cIids, @SizeIs("cIids") List<UUID> iids) {
    }

    /**
     * RemQueryInterface2 [out]: {@code [size_is(cIids)] HRESULT* phr, [size_is(cIids)] MInterfacePointer** ppMIF}:
     * two conformant arrays, the second of unique pointers.
     */
    @NdrParameters
    public record RemQueryInterface2Response(OrpcThat orpcThat, int[] phr, List<@Unique MInterfacePointer> ppMIF, int errorCode) {
    }
}
