package org.dcom4j.com.automation;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.ndr.Named;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;

/**
 * IDispatch (MS-OAUT 3.1.4), in its wire form: the methods carry the NDR structures
 * ({@link WireVariant}, {@link DispParams}, {@link ExcepInfo}) exactly as MS-OAUT's IDL declares them,
 * so this interface is both the server stub and the client proxy. A Java object does not implement it:
 * annotating its methods ({@link DispMethod}, {@link DispProperty}) makes the runtime answer IDispatch for
 * it ({@link AutoDispatch}); a client uses it through {@link Dispatcher}.
 * <pre>
 * HRESULT GetTypeInfoCount([out] UINT* pctinfo);                                               // opnum 3
 * HRESULT GetTypeInfo([in] UINT iTInfo, [in] LCID lcid, [out] ITypeInfo** ppTInfo);             // opnum 4
 * HRESULT GetIDsOfNames([in] REFIID riid, [in, size_is(cNames)] LPOLESTR* rgszNames,
 *                       [in, range(0, 16384)] UINT cNames, [in] LCID lcid,
 *                       [out, size_is(cNames)] DISPID* rgDispId);                                 // opnum 5
 * HRESULT Invoke([in] DISPID dispIdMember, [in] REFIID riid, [in] LCID lcid, [in] DWORD dwFlags,
 *                [in] DISPPARAMS* pDispParams, [out] VARIANT* pVarResult, [out] EXCEPINFO* pExcepInfo,
 *                [out] UINT* pArgErr, [in] UINT cVarRef, [in, size_is(cVarRef)] UINT* rgVarRefIdx,
 *                [in, out, size_is(cVarRef)] VARIANT* rgVarRef);                                  // opnum 6
 * </pre>
 */
@ComInterface("00020400-0000-0000-c000-000000000046")
public interface IDispatch extends IUnknown {
    /** DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_PROPERTYPUT, DISPATCH_PROPERTYPUTREF (MS-OAUT 3.1.4.4). */
    int DISPATCH_METHOD = 0x1;
    int DISPATCH_PROPERTYGET = 0x2;
    int DISPATCH_PROPERTYPUT = 0x4;
    int DISPATCH_PROPERTYPUTREF = 0x8;
    /** The flags a client's proxy adds when the caller passed NULL for pVarResult / pExcepInfo / puArgErr. */
    int DISPATCH_ZERO_VARRESULT = 0x20000;
    int DISPATCH_ZERO_EXCEPINFO = 0x40000;
    int DISPATCH_ZERO_ARGERR = 0x80000;
    /** The largest cNames accepted ({@code range(0, 16384)}). */
    int MAX_NAMES = 16384;

    @ComMethod(opnum = 3)
    int getTypeInfoCount() throws ComException;

    @ComMethod(opnum = 4)
    ITypeInfo getTypeInfo(@Named("iTInfo") int iTInfo, @Named("lcid") int lcid) throws ComException;

    @ComMethod(opnum = 5)
    void getIDsOfNames(@Named("riid") UUID riid, @Named("rgszNames") @SizeIs("cNames") List<@Unique @NdrString String> rgszNames,
                       @Named("cNames") int cNames, @Named("lcid") int lcid,
                       @Named("rgDispId") @SizeIs("cNames") Out<int[]> rgDispId) throws ComException;

    @ComMethod(opnum = 6)
    void invoke(@Named("dispIdMember") int dispIdMember, @Named("riid") UUID riid, @Named("lcid") int lcid,
                @Named("dwFlags") int dwFlags, @Named("pDispParams") DispParams pDispParams,
                @Named("pVarResult") Out<@Unique WireVariant> pVarResult, @Named("pExcepInfo") Out<ExcepInfo> pExcepInfo,
                @Named("pArgErr") Out<Integer> pArgErr, @Named("cVarRef") int cVarRef,
                @Named("rgVarRefIdx") @SizeIs("cVarRef") int[] rgVarRefIdx,
                @Named("rgVarRef") @SizeIs("cVarRef") InOut<List<@Unique WireVariant>> rgVarRef) throws ComException;
}
