package org.dcom4j.com.automation.wire;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;

/**
 * The parameters of IDispatch (00020400-0000-0000-C000-000000000046, MS-OAUT 3.1.4) as NDR parameter
 * lists: requests start with ORPCTHIS, responses with ORPCTHAT and end with the HRESULT. Opnums 0–2
 * are IUnknown's.
 */
public final class Dispatch {
    public static final int GET_TYPE_INFO_COUNT = 3;
    public static final int GET_TYPE_INFO = 4;
    public static final int GET_IDS_OF_NAMES = 5;
    public static final int INVOKE = 6;

    /** IDispatch::Invoke dwFlags (3.1.4.4). */
    public static final int DISPATCH_METHOD = 0x1;
    public static final int DISPATCH_PROPERTYGET = 0x2;
    public static final int DISPATCH_PROPERTYPUT = 0x4;
    public static final int DISPATCH_PROPERTYPUTREF = 0x8;
    /** Set by the client proxy: pVarResult was NULL at the caller (3.1.4.4). */
    public static final int DISPATCH_ZEROVARRESULT = 0x20000;
    /** pExcepInfo was NULL at the caller. */
    public static final int DISPATCH_ZEROEXCEPINFO = 0x40000;
    /** puArgErr was NULL at the caller. */
    public static final int DISPATCH_ZEROARGERR = 0x80000;

    /** DISPID_PROPERTYPUT (2.2.32.1): the named argument of a property put. */
    public static final int DISPID_PROPERTYPUT = -3;

    private Dispatch() {
    }

    /** GetTypeInfoCount [in] (opnum 3): only ORPCTHIS. */
    @NdrParameters
    public record GetTypeInfoCountRequest(OrpcThis orpcThis) {
    }

    /** GetTypeInfoCount [out]: {@code [out] UINT* pctinfo}. */
    @NdrParameters
    public record GetTypeInfoCountResponse(OrpcThat orpcThat, int pctinfo, int hresult) {
    }

    /** GetTypeInfo [in] (opnum 4): {@code UINT iTInfo, LCID lcid}. */
    @NdrParameters
    public record GetTypeInfoRequest(OrpcThis orpcThis, int iTInfo, int lcid) {
    }

    /** GetTypeInfo [out]: {@code [out] ITypeInfo** ppTInfo} — a unique MInterfacePointer. */
    @NdrParameters
    public record GetTypeInfoResponse(OrpcThat orpcThat, @Unique MInterfacePointer ppTInfo, int hresult) {
    }

    /**
     * GetIDsOfNames [in] (opnum 5): {@code REFIID riid (MUST be IID_NULL), [size_is(cNames)] LPOLESTR*
     * rgszNames, [range(0,16384)] UINT cNames, LCID lcid}.
     * <pre>
     * riid (16) | max_count=cNames | cNames × referent id | the strings | cNames (4) | lcid (4)
     * </pre>
     */
    @NdrParameters
    public record GetIDsOfNamesRequest(OrpcThis orpcThis, UUID riid,
                                       @SizeIs("cNames") List<@Unique @NdrString String> rgszNames, int cNames, int lcid) {
        /** The upper bound of cNames ({@code [range(0, 16384)]}). */
        public static final int MAX_NAMES = 16384;

        public GetIDsOfNamesRequest {
            if (cNames < 0 || cNames > MAX_NAMES) {
                throw new IllegalArgumentException("cNames=" + Integer.toUnsignedString(cNames) + ", limit=" + MAX_NAMES);
            }
        }
    }

    /** GetIDsOfNames [out]: {@code [out, size_is(cNames)] DISPID* rgDispId} (cNames is the request's). */
    @NdrParameters
    public record GetIDsOfNamesResponse(OrpcThat orpcThat, @NotTransmitted int cNames, @SizeIs("cNames") int[] rgDispId,
                                        int hresult) {
    }

    /**
     * Invoke [in] (opnum 6): {@code DISPID dispIdMember, REFIID riid (IID_NULL), LCID lcid, DWORD dwFlags,
     * DISPPARAMS* pDispParams, UINT cVarRef, [size_is(cVarRef)] UINT* rgVarRefIdx, [in, out,
     * size_is(cVarRef)] VARIANT* rgVarRef}.
     *
     * <p>3.1.4.4.2: pDispParams->rgvarg carries only the [in] arguments; every argument passed by
     * reference ([in, out] or [out]) travels in rgVarRef, rgVarRefIdx[i] giving its position in rgvarg
     * (whose slot holds a placeholder, VT_EMPTY in MS-OAUT's example 4.3); the server returns the updated
     * values in the response's rgVarRef. (Wine's proxy instead leaves the byref VARIANTs in rgvarg and
     * sends VT_EMPTY placeholders in rgVarRef: a server should accept both.)
     */
    @NdrParameters
    public record InvokeRequest(OrpcThis orpcThis, int dispIdMember, UUID riid, int lcid, int dwFlags,
                                DispParams pDispParams, int cVarRef, @SizeIs("cVarRef") int[] rgVarRefIdx,
                                @SizeIs("cVarRef") List<@Unique WireVariant> rgVarRef) {
    }

    /**
     * Invoke [out]: {@code [out] VARIANT* pVarResult, [out] EXCEPINFO* pExcepInfo, [out] UINT* pArgErr,
     * [in, out, size_is(cVarRef)] VARIANT* rgVarRef} (cVarRef is the request's).
     */
    @NdrParameters
    public record InvokeResponse(OrpcThat orpcThat, @Unique WireVariant pVarResult, ExcepInfo pExcepInfo, int pArgErr,
                                 @NotTransmitted int cVarRef, @SizeIs("cVarRef") List<@Unique WireVariant> rgVarRef,
                                 int hresult) {
    }
}
