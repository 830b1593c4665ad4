package org.dcom4j.com.automation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.runtime.InterfaceDescriptor;
import org.dcom4j.com.runtime.Invokers;
import org.dcom4j.com.runtime.OrpcDispatcher;
import org.dcom4j.com.runtime.PointerMarshaler;
import org.dcom4j.com.wire.Orpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IDispatch the runtime answers for a Java object whose class has {@link DispMethod} /
 * {@link DispProperty} members ({@link DispatchTable}): no code of the object's author is involved.
 * <ul>
 * <li>GetTypeInfoCount answers 0 and GetTypeInfo E_NOTIMPL (DISP_E_BADINDEX for an index other than 0):
 *     no ITypeInfo is served; clients bind by name through GetIDsOfNames, as scripting clients do.</li>
 * <li>GetIDsOfNames: case-insensitive; the first name is the member, the others its parameters (DISPIDs
 *     0, 1, … by position). An unknown name gives DISP_E_UNKNOWNNAME with DISPID_UNKNOWN in its slot and
 *     the known ones filled in. {@code riid} must be IID_NULL (else DISP_E_UNKNOWNINTERFACE); cNames above
 *     {@link #MAX_NAMES} (the IDL's {@code range(0, 16384)}) is E_INVALIDARG, rgDispId left unset (the
 *     call becomes a fault, as a MIDL stub's range check would).</li>
 * <li>Invoke (MS-OAUT 3.1.4.4): DISPATCH_METHOD, PROPERTYGET (a property getter, or a method without
 *     parameters), PROPERTYPUT and PROPERTYPUTREF (one argument, named DISPID_PROPERTYPUT, else
 *     DISP_E_PARAMNOTFOUND; PUTREF only with an interface pointer). The by-reference arguments that
 *     travel in rgVarRef are put back at their rgVarRefIdx positions and returned unchanged. Arguments
 *     convert by {@link Conversions}: a failure is DISP_E_TYPEMISMATCH or DISP_E_OVERFLOW with puArgErr
 *     = the argument's index in rgvarg; wrong counts DISP_E_BADPARAMCOUNT; an omitted argument (absent,
 *     or VT_ERROR DISP_E_PARAMNOTFOUND) reaches a {@link Variant} parameter as that VT_ERROR, any other
 *     parameter type gives DISP_E_PARAMNOTOPTIONAL; unknown DISPID DISP_E_MEMBERNOTFOUND. An interface
 *     pointer for a parameter typed as a COM interface is unmarshaled (a proxy: the server resolves the
 *     OBJREF's OXID and calls it with its callback credentials); when a later argument fails, the proxies
 *     already made are released before Invoke returns. An rgVarRef entry replaces rgvarg[rgVarRefIdx]
 *     (MS-OAUT 3.1.4.4.2), unless it is VT_EMPTY: Wine's proxy sends the by-reference argument in rgvarg
 *     and an empty placeholder in rgVarRef.</li>
 * <li>An exception thrown by the Java method is DISP_E_EXCEPTION with EXCEPINFO {scode = the
 *     {@link ComException}'s HRESULT when it is a failure code, else E_FAIL; bstrSource = the class's simple name; bstrDescription
 *     = the exception's message (a ComException's own text, without its HRESULT name)}. The message
 *     goes to the caller: do not put secrets in it.</li>
 * </ul>
 * Immutable (it holds the target and its class's {@link DispatchTable}); the runtime makes one per exported
 * object's IDispatch IPID and reuses it for every call. Members run through per-method invokers made once
 * per class ({@link DispatchTable.Member#invoker()}).
 */
public final class AutoDispatch implements IDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(AutoDispatch.class);
    private static final UUID IID_NULL = new UUID(0, 0);
    private static final int VT_ERROR_MISSING = Hresult.DISP_E_PARAMNOTFOUND;
    private static final int[] NONE = {};

    /** VT_EMPTY on the wire: what pVarResult holds until there is a result (immutable, shared). */
    private static final WireVariant EMPTY = Variants.toWire(Variant.empty());

    private final Object target;
    private final DispatchTable table;

    private AutoDispatch(Object target) {
        this.target = target;
        this.table = DispatchTable.of(target.getClass());
    }

    /** The IDispatch of {@code target}: itself if it implements IDispatch, else its automatic one. */
    public static IDispatch of(Object target) {
        if (target instanceof IDispatch d) {
            return d;
        }
        if (!DispatchTable.supports(target.getClass())) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no @DispMethod or @DispProperty member");
        }
        return new AutoDispatch(target);
    }

    @Override
    public int getTypeInfoCount() {
        return 0;
    }

    @Override
    public ITypeInfo getTypeInfo(int iTInfo, int lcid) throws ComException {
        if (iTInfo != 0) {
            throw new ComException(Hresult.DISP_E_BADINDEX, "iTInfo=" + iTInfo + ", limit=0");
        }
        throw new ComException(Hresult.E_NOTIMPL, "no type information: bind by name (GetIDsOfNames)");
    }

    @Override
    public void getIDsOfNames(UUID riid, List<String> names, int cNames, int lcid, Out<int[]> rgDispId) throws ComException {
        if (cNames < 0 || cNames > MAX_NAMES || cNames != names.size()) {
            throw new ComException(Hresult.E_INVALIDARG, "cNames=" + Integer.toUnsignedString(cNames) + " (rgszNames "
                    + names.size() + "), limit=" + MAX_NAMES);
        }
        int[] ids = new int[cNames];
        java.util.Arrays.fill(ids, DispatchTable.DISPID_UNKNOWN);
        rgDispId.set(ids);
        if (!IID_NULL.equals(riid)) {
            throw new ComException(Hresult.DISP_E_UNKNOWNINTERFACE, "riid=" + riid + " (must be IID_NULL)");
        }
        if (cNames == 0) {
            return;
        }
        DispatchTable.Member m = names.get(0) == null ? null : table.member(names.get(0));
        boolean unknown = m == null;
        if (m != null) {
            ids[0] = m.dispId();
            for (int i = 1; i < cNames; i++) {
                Integer p = names.get(i) == null ? null : m.parameterIds().get(names.get(i).toLowerCase(java.util.Locale.ROOT));
                if (p == null) {
                    unknown = true;
                } else {
                    ids[i] = p;
                }
            }
        }
        if (unknown) {
            throw new ComException(Hresult.DISP_E_UNKNOWNNAME, "unknown name among " + cNames);
        }
    }

    @Override
    public void invoke(int dispIdMember, UUID riid, int lcid, int dwFlags, DispParams params, Out<WireVariant> pVarResult,
                       Out<ExcepInfo> pExcepInfo, Out<Integer> pArgErr, int cVarRef, int[] rgVarRefIdx,
                       InOut<List<WireVariant>> rgVarRef) throws ComException {
        pVarResult.set(EMPTY);
        pExcepInfo.set(ExcepInfo.EMPTY);
        pArgErr.set(0);
        if (!IID_NULL.equals(riid)) {
            throw new ComException(Hresult.DISP_E_UNKNOWNINTERFACE, "riid=" + riid + " (must be IID_NULL)");
        }
        DispatchTable.Member m = table.member(dispIdMember);
        if (m == null) {
            throw new ComException(Hresult.DISP_E_MEMBERNOTFOUND, "DISPID " + dispIdMember);
        }
        Variant[] args = arguments(params, rgVarRefIdx, rgVarRef.get());
        int[] named = params.rgdispidNamedArgs() == null ? NONE : params.rgdispidNamedArgs();
        int flags = dwFlags & 0xF;
        Object result;
        Class<?> type;
        try {
            if ((flags & (DISPATCH_PROPERTYPUT | DISPATCH_PROPERTYPUTREF)) != 0) {
                put(m, flags, args, named, pArgErr);
                result = null;
                type = void.class;
            } else if ((flags & DISPATCH_METHOD) != 0 && m.method() != null && !m.property()
                    || (flags & DISPATCH_PROPERTYGET) != 0 && m.method() != null
                    && (m.property() || m.method().getParameterCount() == 0)) {
                result = call(m, args, named, pArgErr);
                type = m.method().getReturnType();
            } else {
                throw new ComException(Hresult.DISP_E_MEMBERNOTFOUND, m.name() + " does not answer dwFlags=0x"
                        + Integer.toHexString(dwFlags));
            }
        } catch (ThrownByMember t) {
            pExcepInfo.set(t.excepInfo);
            throw new ComException(Hresult.DISP_E_EXCEPTION, m.name() + " raised an exception");
        }
        pVarResult.set(Variants.toWire(marshalPointers(Conversions.toVariant(result, type))));
    }

    /** rgvarg as Variants (right to left, as on the wire), with the by-reference arguments put back. */
    private static Variant[] arguments(DispParams params, int[] refIdx, List<WireVariant> refs) throws ComException {
        List<WireVariant> wire = params.rgvarg() == null ? List.of() : params.rgvarg();
        int named = params.rgdispidNamedArgs() == null ? 0 : params.rgdispidNamedArgs().length;
        if (wire.size() != params.cArgs() || named != params.cNamedArgs()) { // a NULL array with a non-zero count
            throw new ComException(Hresult.E_INVALIDARG, "cArgs=" + params.cArgs() + " for " + wire.size() + " VARIANTs, cNamedArgs="
                    + params.cNamedArgs() + " for " + named + " DISPIDs");
        }
        Variant[] args = new Variant[wire.size()];
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = Variants.fromWire(wire.get(i));
            }
            for (int i = 0; refIdx != null && i < refIdx.length; i++) {
                if (refIdx[i] < 0 || refIdx[i] >= args.length) {
                    throw new ComException(Hresult.E_INVALIDARG, "rgVarRefIdx[" + i + "]=" + refIdx[i] + ", limit=" + args.length);
                }
                Variant ref = Variants.fromWire(refs.get(i));
                if (ref.vt() != VarType.VT_EMPTY) { // Wine's proxy leaves the argument in rgvarg and sends VT_EMPTY here
                    args[refIdx[i]] = ref;
                }
            }
        } catch (VariantException e) {
            throw new ComException(e.hresult(), e.getMessage());
        }
        return args;
    }

    private void put(DispatchTable.Member m, int flags, Variant[] args, int[] named, Out<Integer> argErr) throws ComException, ThrownByMember {
        if (m.setter() == null) {
            throw new ComException(Hresult.DISP_E_MEMBERNOTFOUND, m.name() + " cannot be set");
        }
        if (named.length != 1 || named[0] != DispatchTable.DISPID_PROPERTYPUT) {
            throw new ComException(Hresult.DISP_E_PARAMNOTFOUND, "a property put names its value DISPID_PROPERTYPUT");
        }
        if (args.length != 1) {
            throw new ComException(Hresult.DISP_E_BADPARAMCOUNT, "cArgs=" + args.length + " (indexed properties are not supported)");
        }
        Variant value = args[0];
        int vt = Conversions.deref(value).vt();
        if ((flags & DISPATCH_PROPERTYPUT) == 0 && vt != VarType.VT_DISPATCH && vt != VarType.VT_UNKNOWN) {
            throw new ComException(Hresult.DISP_E_TYPEMISMATCH, "PROPERTYPUTREF with " + VarType.name(vt));
        }
        run(m.setter(), m.setterInvoker(), new Object[] {convert(value, m.setter().getParameterTypes()[0], 0, argErr)});
    }

    private Object call(DispatchTable.Member m, Variant[] args, int[] named, Out<Integer> argErr) throws ComException, ThrownByMember {
        Method method = m.method();
        List<Class<?>> types = m.parameterTypes();
        int count = types.size();
        int n = args.length;
        if (n > count || named.length > n) {
            throw new ComException(Hresult.DISP_E_BADPARAMCOUNT, "cArgs=" + n + ", parameters=" + count);
        }
        Variant[] bound = null; // by parameter, with the index in rgvarg; without named arguments both follow from n
        int[] wireIndex = null;
        if (named.length > 0) {
            bound = new Variant[count];
            wireIndex = new int[count];
            for (int j = 0; j < named.length; j++) { // named arguments come first in rgvarg
                int p = named[j];
                if (p < 0 || p >= count || bound[p] != null) {
                    argErr.set(j);
                    throw new ComException(Hresult.DISP_E_PARAMNOTFOUND, "named argument DISPID " + p);
                }
                bound[p] = args[j];
                wireIndex[p] = j;
            }
            int positional = n - named.length;
            for (int i = 0; i < positional; i++) { // then the positional ones, right to left
                if (bound[i] != null) {
                    argErr.set(n - 1 - i);
                    throw new ComException(Hresult.DISP_E_PARAMNOTFOUND, "parameter " + i + " given twice");
                }
                bound[i] = args[n - 1 - i];
                wireIndex[i] = n - 1 - i;
            }
        }
        Object[] values = new Object[count];
        try {
            for (int i = 0; i < count; i++) {
                Class<?> type = types.get(i);
                Variant v = bound != null ? bound[i] : i < n ? args[n - 1 - i] : null;
                if (v == null || v.vt() == VarType.VT_ERROR && Integer.valueOf(VT_ERROR_MISSING).equals(v.value())) {
                    if (type != Variant.class) {
                        throw new ComException(Hresult.DISP_E_PARAMNOTOPTIONAL, "parameter " + i + " of " + method.getName());
                    }
                    values[i] = Variant.error(VT_ERROR_MISSING);
                    continue;
                }
                values[i] = convert(v, type, wireIndex != null ? wireIndex[i] : n - 1 - i, argErr);
            }
        } catch (ComException e) {
            release(values); // the method never runs: nobody else will release the proxies made for it
            throw e;
        }
        return run(method, m.invoker(), values);
    }

    private static void release(Object[] values) {
        for (Object o : values) {
            if (o instanceof ComProxy p) {
                p.release();
            }
        }
    }

    private static Object convert(Variant v, Class<?> type, int wireIndex, Out<Integer> argErr) throws ComException {
        try {
            Variant d = Conversions.deref(v);
            if (d.value() instanceof Orpc.MInterfacePointer mip && (type == IUnknown.class || InterfaceDescriptor.isComInterface(type))) {
                return marshaler().unmarshal(mip, type);
            }
            return Conversions.toJava(v, type);
        } catch (ComException e) {
            argErr.set(wireIndex);
            throw e;
        }
    }

    /** Runs {@code method} through its {@code invoker}; what it throws becomes DISP_E_EXCEPTION's EXCEPINFO. */
    private Object run(Method method, Invokers.Invoker invoker, Object[] values) throws ThrownByMember {
        try {
            return invoker.invoke(target, values);
        } catch (Error err) {
            throw err;
        } catch (Throwable t) {
            int scode = t instanceof ComException c && Hresult.isFailure(c.hresult()) ? c.hresult() : Hresult.E_FAIL; // never 0 (3.1.4.4.1)
            String text = t instanceof ComException c ? c.description() : t.getMessage();
            LOG.debug("{}.{} raised {}", target.getClass().getName(), method.getName(), t.toString());
            throw new ThrownByMember(ExcepInfo.of(scode, target.getClass().getSimpleName(), text == null ? t.getClass().getSimpleName() : text));
        }
    }

    /** {@code v} with every Java object standing for an interface pointer marshaled (exported by this server). */
    static Variant marshalPointers(Variant v) throws ComException {
        int vt = v.vt();
        Object x = v.value();
        if ((vt == VarType.VT_DISPATCH || vt == VarType.VT_UNKNOWN) && x != null && !(x instanceof Orpc.MInterfacePointer)) {
            return new Variant(vt, marshaler().marshal(x, vt == VarType.VT_DISPATCH ? IDispatch.class : IUnknown.class));
        }
        if (vt == (VarType.VT_BYREF | VarType.VT_VARIANT)) {
            return new Variant(vt, marshalPointers((Variant) x));
        }
        if ((vt & VarType.VT_ARRAY) != 0) {
            SafeArray a = (SafeArray) x;
            if (a.vt() == VarType.VT_DISPATCH || a.vt() == VarType.VT_UNKNOWN || a.vt() == VarType.VT_VARIANT) {
                List<Object> out = new ArrayList<>(a.elements().size());
                for (Object e : a.elements()) {
                    out.add(a.vt() == VarType.VT_VARIANT ? marshalPointers((Variant) e)
                            : marshalPointers(new Variant(a.vt(), e)).value());
                }
                return new Variant(vt, new SafeArray(a.vt(), a.bounds(), out));
            }
        }
        return v;
    }

    private static PointerMarshaler marshaler() throws ComException {
        if (!OrpcDispatcher.CALLER.isBound()) {
            throw new ComException(Hresult.E_UNEXPECTED, "interface pointers in VARIANTs need an ORPC call in progress");
        }
        return OrpcDispatcher.CALLER.get().marshaler();
    }

    /** The Java method threw: Invoke answers DISP_E_EXCEPTION with this EXCEPINFO. */
    private static final class ThrownByMember extends Exception {
        final transient ExcepInfo excepInfo;

        ThrownByMember(ExcepInfo excepInfo) {
            super(null, null, false, false);
            this.excepInfo = excepInfo;
        }
    }
}
