package org.dcom4j.com.runtime;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.InOut;
import org.dcom4j.com.Out;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.Named;
import org.dcom4j.ndr.NdrParameter;
import org.dcom4j.ndr.NdrParameterCodec;
import org.dcom4j.ndr.NotTransmitted;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;

/**
 * The method table of one {@code @ComInterface} Java interface, validated and derived once
 * ({@link #of}, cached per class). Each method becomes
 * <pre>
 * request  = ORPCTHIS | the [in] and [in, out] parameters in order  (an interface pointer: [unique] MInterfacePointer*)
 * response = ORPCTHAT | the [out] and [in, out] parameters in order | the return value, if not void ([out, retval]) | HRESULT
 * </pre>
 * one {@link NdrParameterCodec} per direction, reused by every call. A parameter of type
 * {@link Out Out&lt;X&gt;} is [out], {@link InOut InOut&lt;X&gt;} [in, out], of NDR type {@code X} (the
 * type argument's annotations; the Java parameter's declaration annotations such as {@code @SizeIs});
 * any other is [in]. An [in] parameter named by an [out] one's {@code @SizeIs},
 * {@code @LengthIs}, {@code @FirstIs} or {@code @SwitchIs} is in the response too, {@code @NotTransmitted}
 * (it sizes the encoding; a decoder takes the wire's count), as MIDL stubs do
 * ({@code GetIDsOfNames}'s {@code [out, size_is(cNames)] DISPID*}, MS-OAUT 3.1.4.3). A raw
 * {@code Out}, {@code Out<?>}, {@code Out<T>} or {@code Out<Out<X>>} is refused, naming the method and
 * the parameter. Immutable and thread-safe.
 */
public final class InterfaceDescriptor {
    /** The largest opnum accepted: vtables are small; this bounds the dispatch array. */
    public static final int MAX_OPNUM = 1023;

    private static final ClassValue<InterfaceDescriptor> CACHE = new ClassValue<>() {
        @Override
        protected InterfaceDescriptor computeValue(Class<?> type) {
            return new InterfaceDescriptor(type);
        }
    };

    /** Holds the declared type of an interface pointer parameter: {@code [unique] MInterfacePointer*}. */
    @SuppressWarnings("unused")
    private static Orpc.@Unique MInterfacePointer pointerTemplate;
    /** Declares an [in] parameter an [out] one's correlation names, carried in the response without wire form. */
    @SuppressWarnings("unused")
    @NotTransmitted
    private static int notTransmittedTemplate;
    private static final Field POINTER_FIELD;
    private static final Field NOT_TRANSMITTED_FIELD;

    static {
        try {
            POINTER_FIELD = InterfaceDescriptor.class.getDeclaredField("pointerTemplate");
            NOT_TRANSMITTED_FIELD = InterfaceDescriptor.class.getDeclaredField("notTransmittedTemplate");
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Class<?> type;
    private final UUID iid;
    private final MethodDescriptor[] byOpnum;
    private final List<MethodDescriptor> methods;
    /** The descriptors by Java method, for {@link #method(Method)} (a proxy's every call). */
    private final Map<Method, MethodDescriptor> byMethod;

    /** The direction of a Java parameter: {@code Out<X>} is [out], {@code InOut<X>} [in, out], anything else [in]. */
    public enum Direction {
        IN, OUT, IN_OUT
    }

    /**
     * Where one Java parameter travels.
     *
     * @param direction its direction
     * @param pointer   the {@code @ComInterface} type when it is an interface pointer (also inside a holder), else null
     * @param request   its index among the request's values, or -1 ([out])
     * @param response  its index among the response's values, or -1 (an [in] parameter no [out] one names); an
     *                  [in] parameter that an [out] one's correlation names is there {@code @NotTransmitted}
     * @param initial   what a server's fresh {@link Out} holder starts with: zero or false for a plain number
     *                  or boolean [out], else null
     */
    public record Slot(Direction direction, Class<?> pointer, int request, int response, Object initial) {
    }

    /**
     * One operation. The request's values are ORPCTHIS then the [in] and [in, out] parameters in
     * declaration order; the response's ORPCTHAT, the [out] and [in, out] parameters (and, not
     * transmitted, the [in] ones they correlate with) in declaration order, the return value if not
     * void, and the HRESULT.
     *
     * @param slots         per Java parameter, where it travels
     * @param pointerReturn the {@code @ComInterface} return type, or null
     */
    public record MethodDescriptor(Method method, int opnum, NdrParameterCodec request, NdrParameterCodec response,
                                   List<Slot> slots, Class<?> pointerReturn, boolean returnsValue) {
        private static final Object[] NO_ARGS = {};

        public MethodDescriptor {
            slots = List.copyOf(slots);
        }

        /** Per Java parameter, the {@code @ComInterface} type when it is an interface pointer, else null. */
        public List<Class<?>> pointerParams() {
            return slots.stream().<Class<?>>map(Slot::pointer).toList();
        }

        /** The value an [out, retval] takes in a failed call: zero, false, or null. */
        public Object defaultReturn() {
            return HolderParameters.zero(method.getReturnType());
        }

        /**
         * Client side: the request's values for the Java arguments {@code args}, the [in, out] holders'
         * current values in their place, interface pointers marshalled by {@code marshaler}.
         */
        public Object[] requestValues(Orpc.OrpcThis orpcThis, Object[] args, PointerMarshaler marshaler) throws ComException {
            Object[] values = new Object[request.parameters().size()];
            values[0] = orpcThis;
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                if (s.request() < 0) {
                    continue;
                }
                Object v = s.direction() == Direction.IN_OUT ? held(args[i]) : args[i];
                values[s.request()] = s.pointer() == null ? v : marshaler.marshal(v, s.pointer());
            }
            return values;
        }

        /**
         * Client side: sets every holder in {@code args} from the decoded response {@code out} (also
         * when the HRESULT is a failure), then throws {@link ComException} for a failure HRESULT, or
         * returns the [out, retval] value (null when void).
         */
        public Object complete(Object[] out, Object[] args, PointerMarshaler marshaler) throws ComException {
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                if (s.direction() == Direction.IN) {
                    continue;
                }
                Object v = out[s.response()];
                if (s.pointer() != null) {
                    v = marshaler.unmarshal((Orpc.MInterfacePointer) v, s.pointer());
                }
                if (args[i] != null) {
                    @SuppressWarnings("unchecked")
                    Out<Object> holder = (Out<Object>) args[i];
                    holder.set(v);
                }
            }
            int hr = (Integer) out[out.length - 1];
            if (Hresult.isFailure(hr)) {
                throw new ComException(hr, method.getName());
            }
            if (!returnsValue) {
                return null;
            }
            Object r = out[out.length - 2];
            return pointerReturn == null ? r : marshaler.unmarshal((Orpc.MInterfacePointer) r, pointerReturn);
        }

        /**
         * Server side: the Java arguments for the decoded request {@code in}: [in] values (interface
         * pointers unmarshalled), a fresh {@link Out} per [out] parameter (zero for a plain number, else
         * null), an {@link InOut} holding the received value per [in, out] one.
         */
        public Object[] arguments(Object[] in, PointerMarshaler marshaler) throws ComException {
            if (slots.isEmpty()) {
                return NO_ARGS; // read only: a method without parameters
            }
            Object[] args = new Object[slots.size()];
            for (int i = 0; i < args.length; i++) {
                Slot s = slots.get(i);
                Object v = s.request() < 0 ? null : in[s.request()];
                if (s.pointer() != null) {
                    v = marshaler.unmarshal((Orpc.MInterfacePointer) v, s.pointer());
                }
                args[i] = switch (s.direction()) {
                    case IN -> v;
                    case OUT -> new Out<>(s.initial());
                    case IN_OUT -> new InOut<>(v);
                };
            }
            return args;
        }

        /**
         * Server side: the response's values of a call that returned {@code result} with {@code hr}
         * (the holders in {@code args} as the method left them; {@code in} the decoded request). For a
         * failure HRESULT see {@link #failureValues}.
         *
         * @throws ComException when an interface pointer cannot be marshalled
         */
        public Object[] responseValues(Orpc.OrpcThat orpcThat, Object[] in, Object[] args, Object result, int hr,
                                       PointerMarshaler marshaler) throws ComException {
            if (Hresult.isFailure(hr)) {
                return failureValues(orpcThat, in, args, hr);
            }
            Object[] values = values(orpcThat, in, args, hr);
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                if (s.direction() != Direction.IN && s.pointer() != null) {
                    values[s.response()] = marshaler.marshal(values[s.response()], s.pointer());
                }
            }
            if (returnsValue) {
                values[values.length - 2] = pointerReturn == null ? result : marshaler.marshal(result, pointerReturn);
            }
            return values;
        }

        /**
         * Server side, a failed call: the holders' values as the method left them (it may set an [out]
         * EXCEPINFO and throw DISP_E_EXCEPTION), except that interface pointers — [out] ones and the
         * [out, retval] — are NULL (nothing is exported for a failed call); the [out, retval] takes its
         * {@link #defaultReturn()}. {@code args} may be null (the call never ran): every [out] is null.
         */
        public Object[] failureValues(Orpc.OrpcThat orpcThat, Object[] in, Object[] args, int hr) {
            Object[] values = values(orpcThat, in, args, hr);
            for (Slot s : slots) {
                if (s.direction() != Direction.IN && s.pointer() != null) {
                    values[s.response()] = null;
                }
            }
            if (returnsValue) {
                values[values.length - 2] = pointerReturn == null ? defaultReturn() : null;
            }
            return values;
        }

        private Object[] values(Orpc.OrpcThat orpcThat, Object[] in, Object[] args, int hr) {
            Object[] values = new Object[response.parameters().size()];
            values[0] = orpcThat;
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                if (s.response() < 0) {
                    continue;
                }
                values[s.response()] = s.direction() == Direction.IN ? in[s.request()] // not transmitted: for correlation
                        : args == null ? null : held(args[i]);
            }
            values[values.length - 1] = hr;
            return values;
        }

        private static Object held(Object holder) {
            return holder == null ? null : ((Out<?>) holder).get();
        }
    }

    /**
     * The descriptor of {@code type}.
     *
     * @throws IllegalArgumentException naming the interface and method when it is not a valid COM interface
     */
    public static InterfaceDescriptor of(Class<?> type) {
        return CACHE.get(type);
    }

    /** True when {@code c} is an interface annotated {@code @ComInterface}. */
    public static boolean isComInterface(Class<?> c) {
        return c.isInterface() && c.isAnnotationPresent(ComInterface.class);
    }

    private InterfaceDescriptor(Class<?> type) {
        if (!isComInterface(type)) {
            throw new IllegalArgumentException(type.getName() + " is not an interface annotated @ComInterface");
        }
        if (!IUnknown.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not extend org.dcom4j.com.IUnknown");
        }
        this.type = type;
        try {
            this.iid = UUID.fromString(type.getAnnotation(ComInterface.class).value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.getName() + ": @ComInterface value is not a UUID: "
                    + type.getAnnotation(ComInterface.class).value(), e);
        }
        List<MethodDescriptor> all = new ArrayList<>();
        int max = 2;
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
                continue; // local helpers, never remoted
            }
            MethodDescriptor d = describe(m);
            all.add(d);
            max = Math.max(max, d.opnum());
        }
        MethodDescriptor[] table = new MethodDescriptor[max + 1];
        for (MethodDescriptor d : all) {
            if (table[d.opnum()] != null) {
                throw new IllegalArgumentException(type.getName() + ": opnum " + d.opnum() + " used by both "
                        + table[d.opnum()].method().getName() + " and " + d.method().getName());
            }
            table[d.opnum()] = d;
        }
        this.byOpnum = table;
        this.methods = List.copyOf(all);
        Map<Method, MethodDescriptor> map = new HashMap<>();
        for (MethodDescriptor d : all) {
            map.put(d.method(), d);
        }
        this.byMethod = Map.copyOf(map);
    }

    private MethodDescriptor describe(Method m) {
        String where = type.getName() + "." + m.getName();
        ComMethod cm = m.getAnnotation(ComMethod.class);
        if (cm == null) {
            throw new IllegalArgumentException(where + " lacks @ComMethod(opnum)");
        }
        if (cm.opnum() < 3 || cm.opnum() > MAX_OPNUM) {
            throw new IllegalArgumentException(where + ": opnum=" + cm.opnum() + ", limit=3.." + MAX_OPNUM
                    + " (0-2 are IUnknown's)");
        }
        if (Arrays.stream(m.getExceptionTypes()).noneMatch(e -> e.isAssignableFrom(ComException.class))) {
            throw new IllegalArgumentException(where + " must declare throws ComException (a failed HRESULT or RPC fault)");
        }
        Parameter[] ps = m.getParameters();
        String[] names = new String[ps.length];
        Direction[] dirs = new Direction[ps.length];
        AnnotatedType[] types = new AnnotatedType[ps.length];
        Set<String> correlated = new HashSet<>();
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            names[i] = p.isAnnotationPresent(Named.class) ? p.getAnnotation(Named.class).value()
                    : p.isNamePresent() ? p.getName() : "arg" + i;
            Class<?> raw = p.getType();
            if (raw == Out.class || raw == InOut.class) {
                dirs[i] = raw == InOut.class ? Direction.IN_OUT : Direction.OUT;
                types[i] = HolderParameters.heldType(p, where + ": parameter " + names[i]);
                correlated.addAll(HolderParameters.correlations(p));
            } else {
                dirs[i] = Direction.IN;
                types[i] = p.getAnnotatedType();
            }
        }
        List<NdrParameter> in = new ArrayList<>();
        in.add(NdrParameter.of("ORPCTHIS", Orpc.OrpcThis.class));
        List<NdrParameter> out = new ArrayList<>();
        out.add(NdrParameter.of("ORPCTHAT", Orpc.OrpcThat.class));
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < ps.length; i++) {
            Class<?> pointer = types[i].getType() instanceof Class<?> c && isComInterface(c) ? c : null;
            NdrParameter np = pointer != null ? pointer(names[i]) : new NdrParameter(names[i], ps[i], types[i]);
            int request = -1;
            int response = -1;
            if (dirs[i] != Direction.OUT) {
                request = in.size();
                in.add(np);
            }
            if (dirs[i] != Direction.IN) {
                response = out.size();
                out.add(np);
            } else if (correlated.contains(names[i])) {
                response = out.size();
                out.add(new NdrParameter(names[i], NOT_TRANSMITTED_FIELD, pointer != null ? np.type() : types[i]));
            }
            Object initial = dirs[i] == Direction.OUT && pointer == null && np.type().getType() instanceof Class<?> c
                    ? HolderParameters.zero(c) : null;
            slots.add(new Slot(dirs[i], pointer, request, response, initial));
        }
        Class<?> r = m.getReturnType();
        Class<?> pointerReturn = null;
        boolean returnsValue = r != void.class;
        if (isComInterface(r)) {
            pointerReturn = r;
            out.add(pointer("retval$"));
        } else if (returnsValue) {
            out.add(NdrParameter.returnOf(m, "retval$"));
        }
        out.add(NdrParameter.of("HRESULT$", int.class));
        try {
            return new MethodDescriptor(m, cm.opnum(), NdrParameterCodec.of(in), NdrParameterCodec.of(out),
                    slots, pointerReturn, returnsValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static NdrParameter pointer(String name) {
        AnnotatedType t = POINTER_FIELD.getAnnotatedType();
        return new NdrParameter(name, POINTER_FIELD, t);
    }

    public Class<?> type() {
        return type;
    }

    public UUID iid() {
        return iid;
    }

    /** The RPC interface id of an ORPC interface: the IID, version 0.0 (MS-DCOM 2.1). */
    public InterfaceId interfaceId() {
        return new InterfaceId(iid, 0, 0);
    }

    /** One past the largest opnum. */
    public int operationCount() {
        return byOpnum.length;
    }

    /** The method at {@code opnum}, or null when there is none. */
    public MethodDescriptor method(int opnum) {
        return opnum >= 0 && opnum < byOpnum.length ? byOpnum[opnum] : null;
    }

    /**
     * The descriptor of a method of this interface (as {@link java.lang.reflect.Proxy} hands it over: a
     * {@link Method} equal to the interface's, found in a map made once; else one with the same name whose
     * {@code @ComMethod} names the same opnum, a redeclaration in another interface).
     */
    public MethodDescriptor method(Method m) {
        MethodDescriptor d = byMethod.get(m);
        if (d != null) {
            return d;
        }
        ComMethod cm = m.getAnnotation(ComMethod.class);
        d = cm == null ? null : method(cm.opnum());
        if (d == null || !d.method().getName().equals(m.getName())) {
            throw new IllegalArgumentException(m + " is not a method of " + type.getName());
        }
        return d;
    }

    public List<MethodDescriptor> methods() {
        return methods;
    }

    /** The IID of a {@code @ComInterface} Java interface (validating it). */
    public static UUID iidOf(Class<?> type) {
        return of(type).iid();
    }
}
