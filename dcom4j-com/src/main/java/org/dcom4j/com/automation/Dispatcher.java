package org.dcom4j.com.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.WireFormatException;

/**
 * Late-bound calls on an IDispatch proxy, the way a script calls an object:
 * <pre>{@code
 * Dispatcher calc = new Dispatcher(Com.createInstance(client, clsid, IDispatch.class, where));
 * Variant sum = calc.call("Add", 2, 3.5);          // VT_R8 5.5
 * calc.put("Name", "mine");  calc.get("Name");     // VT_BSTR "mine"
 * }</pre>
 * Arguments are Java values ({@link Conversions#toVariant}) or {@link Variant}s, in the natural left to
 * right order (this class reverses them into rgvarg). DISPIDs are looked up once per name
 * (GetIDsOfNames) and cached. A failure is a {@link DispatchException}. Thread-safe if the proxy is.
 */
public final class Dispatcher {
    private static final UUID IID_NULL = new UUID(0, 0);
    /** No named arguments, no rgVarRefIdx (never written: the proxy only reads [in] arrays). */
    private static final int[] NONE = {};
    /** LOCALE_USER_DEFAULT (0x400), what scripting clients send. */
    public static final int LCID = 0x400;

    private final IDispatch target;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();

    public Dispatcher(IDispatch target) {
        this.target = target;
    }

    public IDispatch target() {
        return target;
    }

    /** The DISPID of {@code member} (GetIDsOfNames; cached); DISP_E_UNKNOWNNAME as a {@link DispatchException}. */
    public int dispId(String member) throws ComException {
        Integer id = ids.get(member); // the name as given: most callers spell a member the same way every time
        if (id != null) {
            return id;
        }
        String key = member.toLowerCase(Locale.ROOT);
        id = ids.get(key);
        if (id == null) {
            Out<int[]> out = new Out<>();
            try {
                target.getIDsOfNames(IID_NULL, List.of(member), 1, LCID, out);
            } catch (ComException e) {
                throw failure(member, e, null, null);
            }
            id = out.get()[0];
            ids.put(key, id);
        }
        ids.put(member, id);
        return id;
    }

    /** DISPATCH_METHOD {@code member(args…)}. */
    public Variant call(String member, Object... args) throws ComException {
        return invoke(member, IDispatch.DISPATCH_METHOD, args);
    }

    /** DISPATCH_PROPERTYGET of {@code property}. */
    public Variant get(String property) throws ComException {
        return invoke(property, IDispatch.DISPATCH_PROPERTYGET);
    }

    /** DISPATCH_PROPERTYPUT of {@code property} = {@code value}. */
    public void put(String property, Object value) throws ComException {
        invoke(property, IDispatch.DISPATCH_PROPERTYPUT, value);
    }

    /**
     * IDispatch::Invoke of {@code member} with {@code flags}; a PROPERTYPUT / PROPERTYPUTREF sends its one
     * argument named DISPID_PROPERTYPUT.
     */
    public Variant invoke(String member, int flags, Object... args) throws ComException {
        int id = dispId(member);
        List<WireVariant> rgvarg = new ArrayList<>(args.length);
        for (int i = args.length - 1; i >= 0; i--) {
            rgvarg.add(Variants.toWire(Conversions.toVariant(args[i], Object.class)));
        }
        boolean put = (flags & (IDispatch.DISPATCH_PROPERTYPUT | IDispatch.DISPATCH_PROPERTYPUTREF)) != 0;
        int[] named = put ? new int[] {DispatchTable.DISPID_PROPERTYPUT} : NONE;
        DispParams params = DispParams.of(rgvarg, named);
        Out<WireVariant> result = new Out<>();
        Out<ExcepInfo> excep = new Out<>();
        Out<Integer> argErr = new Out<>();
        try {
            target.invoke(id, IID_NULL, LCID, flags, params, result, excep, argErr, 0, NONE, new InOut<>(List.of()));
        } catch (ComException e) {
            throw failure(member, e, excep.get(), argErr.get());
        }
        try {
            return result.get() == null ? Variant.empty() : Variants.fromWire(result.get());
        } catch (VariantException e) {
            throw new ComException(e.hresult(), member + " returned a VARIANT that does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * The OBJREF of an interface pointer a call returned (VT_DISPATCH or VT_UNKNOWN, by reference or not), for
     * {@code ComClient.unmarshal}.
     *
     * @throws ComException E_INVALIDARG when {@code v} holds no interface pointer or a malformed OBJREF
     */
    public static ObjRef objRef(Variant v) throws ComException {
        Variant d = Conversions.deref(v);
        if ((d.vt() == VarType.VT_DISPATCH || d.vt() == VarType.VT_UNKNOWN) && d.value() instanceof Orpc.MInterfacePointer mip) {
            try {
                return ObjRefCodec.decode(mip.abData());
            } catch (WireFormatException e) {
                throw new ComException(Hresult.E_INVALIDARG, "interface pointer: " + e.getMessage(), e);
            }
        }
        throw new ComException(Hresult.E_INVALIDARG, VarType.name(v.vt()) + " holds no interface pointer");
    }

    private static String text(org.dcom4j.com.automation.wire.FlaggedWordBlob b) {
        return b == null ? null : b.value();
    }

    private static DispatchException failure(String member, ComException e, ExcepInfo ei, Integer argErr) {
        if (e.hresult() == Hresult.DISP_E_EXCEPTION && ei != null) {
            DispatchException d = new DispatchException(e.hresult(), member, text(ei.bstrSource()), text(ei.bstrDescription()),
                    ei.scode(), argErr == null ? 0 : argErr);
            d.initCause(e);
            return d;
        }
        DispatchException d = new DispatchException(e.hresult(), member + (e.description().isEmpty() ? "" : " (" + e.description() + ")"),
                null, null, 0, argErr == null ? 0 : argErr);
        d.initCause(e);
        return d;
    }
}
