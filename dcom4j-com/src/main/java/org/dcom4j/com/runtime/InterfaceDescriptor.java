package org.dcom4j.com.runtime;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.Named;
import org.dcom4j.ndr.NdrParameter;
import org.dcom4j.ndr.NdrParameterCodec;
import org.dcom4j.rpc.InterfaceId;

/**
 * The method table of one {@code @ComInterface} Java interface, validated and derived once
 * ({@link #of}, cached per class). Each method becomes
 * <pre>
 * request  = ORPCTHIS | the Java parameters in order          (an interface pointer: [unique] MInterfacePointer*)
 * response = ORPCTHAT | the return value, if not void ([out, retval]) | HRESULT
 * </pre>
 * one {@link NdrParameterCodec} per direction, reused by every call. Immutable and thread-safe.
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
    private static Orpc.@org.dcom4j.ndr.Unique MInterfacePointer pointerTemplate;
    private static final Field POINTER_FIELD;

    static {
        try {
            POINTER_FIELD = InterfaceDescriptor.class.getDeclaredField("pointerTemplate");
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Class<?> type;
    private final UUID iid;
    private final MethodDescriptor[] byOpnum;
    private final List<MethodDescriptor> methods;

    /**
     * One operation.
     *
     * @param pointerParams per Java parameter, the {@code @ComInterface} type when it is an interface pointer, else null
     * @param pointerReturn the {@code @ComInterface} return type, or null
     */
    public record MethodDescriptor(Method method, int opnum, NdrParameterCodec request, NdrParameterCodec response,
                                   List<Class<?>> pointerParams, Class<?> pointerReturn, boolean returnsValue) {
        /** The value an [out, retval] takes in a failed call: zero, false, or null. */
        public Object defaultReturn() {
            Class<?> r = method.getReturnType();
            if (!r.isPrimitive() || r == void.class) {
                return null;
            }
            if (r == boolean.class) {
                return false;
            }
            if (r == char.class) {
                return '\0';
            }
            if (r == long.class) {
                return 0L;
            }
            if (r == float.class) {
                return 0f;
            }
            if (r == double.class) {
                return 0d;
            }
            if (r == byte.class) {
                return (byte) 0;
            }
            if (r == short.class) {
                return (short) 0;
            }
            return 0;
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
        List<NdrParameter> in = new ArrayList<>();
        in.add(NdrParameter.of("ORPCTHIS", Orpc.OrpcThis.class));
        List<Class<?>> pointers = new ArrayList<>();
        Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            String name = p.isAnnotationPresent(Named.class) ? p.getAnnotation(Named.class).value()
                    : p.isNamePresent() ? p.getName() : "arg" + i;
            if (isComInterface(p.getType())) {
                pointers.add(p.getType());
                in.add(pointer(name));
            } else {
                pointers.add(null);
                in.add(new NdrParameter(name, p, p.getAnnotatedType()));
            }
        }
        List<NdrParameter> out = new ArrayList<>();
        out.add(NdrParameter.of("ORPCTHAT", Orpc.OrpcThat.class));
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
                    java.util.Collections.unmodifiableList(pointers), pointerReturn, returnsValue);
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

    /** The descriptor of a method of this interface (as {@link java.lang.reflect.Proxy} hands it over). */
    public MethodDescriptor method(Method m) {
        ComMethod cm = m.getAnnotation(ComMethod.class);
        MethodDescriptor d = cm == null ? null : method(cm.opnum());
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
