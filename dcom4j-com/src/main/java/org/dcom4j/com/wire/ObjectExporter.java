package org.dcom4j.com.wire;

import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;

import java.util.UUID;

/**
 * IObjectExporter (99fcfec4-5260-101b-bbcb-00aa0021347a v0.0, MS-DCOM 3.1.2.5.1), the object resolver:
 * a plain RPC interface (no ORPCTHIS/ORPCTHAT). Returns are {@code error_status_t} (Win32 codes such
 * as OR_INVALID_OXID 1910). {@code DUALSTRINGARRAY**} out parameters are a top-level [ref] (no wire
 * form) to a unique pointer: a referent id, then the conformant structure.
 */
public final class ObjectExporter {
    public static final InterfaceId INTERFACE = new InterfaceId(Iids.IID_IObjectExporter, 0, 0);
    public static final int RESOLVE_OXID = 0;
    public static final int SIMPLE_PING = 1;
    public static final int COMPLEX_PING = 2;
    public static final int SERVER_ALIVE = 3;
    public static final int RESOLVE_OXID2 = 4;
    public static final int SERVER_ALIVE2 = 5;

    private ObjectExporter() {
    }

    /** ResolveOxid [in] (opnum 0): {@code OXID* pOxid, unsigned short cRequestedProtseqs, [size_is] unsigned short arRequestedProtseqs[]}. */
    @NdrParameters
    public record ResolveOxidRequest(long pOxid, @U16 int cRequestedProtseqs,
                                     @SizeIs("cRequestedProtseqs") short[] arRequestedProtseqs) {
    }

    @NdrParameters
    public record ResolveOxidResponse(@Unique DualStringArray.Ndr ppdsaOxidBindings, UUID pipidRemUnknown, int pAuthnHint,
                                      int errorCode) {
    }

    /** SimplePing [in] (opnum 1): {@code SETID* pSetId}. */
    @NdrParameters
    public record SimplePingRequest(long pSetId) {
    }

    /** The [out] of operations whose only output is the error_status_t (SimplePing, ServerAlive). */
    @NdrParameters
    public record StatusResponse(int errorCode) {
    }

    /**
     * ComplexPing [in] (opnum 2): {@code [in,out] SETID* pSetId, unsigned short SequenceNum, cAddToSet, cDelFromSet,
     * [unique, size_is(cAddToSet)] OID AddToSet[], [unique, size_is(cDelFromSet)] OID DelFromSet[]}.
     */
    @NdrParameters
    public record ComplexPingRequest(long pSetId, @U16 int sequenceNum, @U16 int cAddToSet, @U16 int cDelFromSet,
                                     @Unique @SizeIs("cAddToSet") long[] addToSet,
                                     @Unique @SizeIs("cDelFromSet") long[] delFromSet) {
    }

    /** ComplexPing [out]: {@code SETID* pSetId, unsigned short* pPingBackoffFactor}. */
    @NdrParameters
    public record ComplexPingResponse(long pSetId, @U16 int pPingBackoffFactor, int errorCode) {
    }

    /** ServerAlive [in] (opnum 3): no parameters. */
    @NdrParameters
    public record EmptyRequest() {
    }

    /** ResolveOxid2 [in] (opnum 4): as ResolveOxid. */
    @NdrParameters
    public record ResolveOxid2Request(long pOxid, @U16 int cRequestedProtseqs,
                                      @SizeIs("cRequestedProtseqs") short[] arRequestedProtseqs) {
    }

    @NdrParameters
    public record ResolveOxid2Response(@Unique DualStringArray.Ndr ppdsaOxidBindings, UUID pipidRemUnknown, int pAuthnHint,
                                       ComVersion pComVersion, int errorCode) {
    }

    /**
     * ServerAlive2 [out] (opnum 5): {@code [out, ref] COMVERSION*, [out, ref] DUALSTRINGARRAY**, [out, ref] DWORD* pReserved}.
     * impacket writes pReserved as a unique pointer (8 bytes); Windows as MS-DCOM says (4).
     */
    @NdrParameters
    public record ServerAlive2Response(ComVersion pComVersion, @Unique DualStringArray.Ndr ppdsaOrBindings, int pReserved,
                                       int errorCode) {
    }
}
