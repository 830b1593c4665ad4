package org.dcom4j.ndr;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Derives a {@link Codec} from an annotated record, once per type, and the codecs of a parameter
 * list described at run time (one mechanism: both go through {@link #members}). Runs under a
 * global lock; the structure cache also breaks recursion (a record reaching itself through a
 * pointer).
 * Description errors are {@link IllegalArgumentException}s naming the record component or parameter.
 */
final class Derivation {
    private static final Map<Class<?>, StructCodec> STRUCTS = new HashMap<>();
    /** Structures cached by the derivation in progress: all are dropped when any part of it fails. */
    private static final List<Class<?>> PENDING = new ArrayList<>();
    private static int nesting;

    private Derivation() {
    }

    static synchronized StructCodec struct(Class<?> type) {
        StructCodec known = STRUCTS.get(type);
        if (known != null) {
            return known;
        }
        return guarded(() -> derive(type));
    }

    /**
     * The codecs of an operation's parameters: top-level members whose correlation attributes name
     * one another, as for the components of an {@link NdrParameters} record.
     */
    static synchronized Codec[] parameters(List<Member> members) {
        return guarded(() -> members(members, true, "parameter ", "parameter"));
    }

    /** Runs one derivation; when the outermost one fails, every structure it cached is dropped. */
    private static <T> T guarded(java.util.function.Supplier<T> body) {
        nesting++;
        try {
            T result = body.get();
            if (nesting == 1) {
                PENDING.clear();
            }
            return result;
        } catch (RuntimeException e) {
            if (nesting == 1) {
                PENDING.forEach(STRUCTS::remove);
                PENDING.clear();
            }
            throw e;
        } finally {
            nesting--;
        }
    }

    /**
     * One member of a structure or parameter list as declared: a record component, a method
     * parameter or a method's return value. Declaration annotations ({@code @SizeIs} …) are read
     * from {@code declaration}, type annotations ({@code List<@Unique T>}) from {@code type}.
     */
    record Member(String name, AnnotatedElement declaration, AnnotatedType type) {
        /** The erased Java type; a type variable or wildcard is refused. */
        Class<?> raw(String where) {
            return rawType(type.getType(), where);
        }
    }

    private static Class<?> rawType(Type t, String where) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException(where + ": unsupported type " + t.getTypeName());
    }

    /**
     * Codecs of the members of one structure ({@code topLevel} false) or parameter list; correlation
     * attributes are resolved among {@code members}. {@code prefix} starts each member's name in
     * messages, {@code noun} names what a correlation attribute may name.
     */
    private static Codec[] members(List<Member> members, boolean topLevel, String prefix, String noun) {
        Map<String, Integer> names = new LinkedHashMap<>();
        Class<?>[] types = new Class<?>[members.size()];
        for (int i = 0; i < types.length; i++) {
            Member m = members.get(i);
            if (names.put(m.name(), i) != null) {
                throw new IllegalArgumentException(prefix + m.name() + ": the name appears twice");
            }
            types[i] = m.raw(prefix + m.name());
        }
        Scope scope = new Scope(names, types, noun);
        Codec[] codecs = new Codec[types.length];
        for (int i = 0; i < codecs.length; i++) {
            Member m = members.get(i);
            codecs[i] = m.declaration().isAnnotationPresent(NotTransmitted.class)
                    ? new LocalCodec(types[i])
                    : component(m.declaration(), m.type(), topLevel, scope, prefix + m.name());
        }
        return codecs;
    }

    private static StructCodec derive(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        boolean params = type.isAnnotationPresent(NdrParameters.class);
        StructCodec codec = new StructCodec(type, params);
        STRUCTS.put(type, codec);
        PENDING.add(type);
        try {
            RecordComponent[] rcs = type.getRecordComponents();
            List<Member> members = new ArrayList<>(rcs.length);
            String[] names = new String[rcs.length];
            MethodHandle[] getters = new MethodHandle[rcs.length];
            Class<?>[] types = new Class<?>[rcs.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            for (int i = 0; i < rcs.length; i++) {
                RecordComponent rc = rcs[i];
                members.add(new Member(rc.getName(), rc, rc.getAnnotatedType()));
                names[i] = rc.getName();
                types[i] = rc.getType();
                var accessor = rc.getAccessor();
                accessor.setAccessible(true);
                getters[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            }
            Codec[] codecs = members(members, params, type.getSimpleName() + ".", "component");
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            MethodHandle mh = lookup.unreflectConstructor(ctor)
                    .asSpreader(Object[].class, rcs.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            codec.init(names, getters, mh, codecs);
            codec.generated(CodecGenerator.struct(codec, type));
            return codec;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot derive an NDR codec for " + type.getName() + ": " + e, e);
        }
    }

    private static <A extends java.lang.annotation.Annotation> A ann(AnnotatedElement a, AnnotatedType t, Class<A> c) {
        A x = a.getAnnotation(c);
        return x != null ? x : t.getAnnotation(c);
    }

    private static Codec component(AnnotatedElement a, AnnotatedType at, boolean topLevel, Scope index,
                                   String where) {
        PointerCodec.Kind kind = null;
        int kinds = 0;
        if (ann(a, at, Ref.class) != null) {
            kind = PointerCodec.Kind.REF;
            kinds++;
        }
        if (ann(a, at, Unique.class) != null) {
            kind = PointerCodec.Kind.UNIQUE;
            kinds++;
        }
        if (ann(a, at, Full.class) != null) {
            kind = PointerCodec.Kind.FULL;
            kinds++;
        }
        if (kinds > 1) {
            throw new IllegalArgumentException(where + ": at most one of @Ref, @Unique, @Full");
        }
        Codec value = value(a, at, index, where);
        if (kind == null) {
            if (value.getClass() != StructCodec.class && at.getType() instanceof Class<?> c && !c.isPrimitive()
                    && PrimitiveCodec.forType(c) != null) {
                throw new IllegalArgumentException(where + ": a boxed " + c.getSimpleName() + " must be a pointer (@Ref/@Unique/@Full)");
            }
            return value;
        }
        return new PointerCodec(kind, topLevel, value, where);
    }

    /**
     * What a correlation attribute may name: the components of the enclosing record, or the other
     * parameters of a parameter list ({@code noun} says which, for messages).
     */
    record Scope(Map<String, Integer> index, Class<?>[] types, String noun) {
        static final Scope NONE = new Scope(Map.of(), new Class<?>[0], "component");
    }

    private static int field(Scope scope, String name, String where, String attribute) {
        Integer i = scope.index().get(name);
        if (i == null) {
            throw new IllegalArgumentException(where + ": @" + attribute + "(\"" + name + "\") names no " + scope.noun() + "; "
                    + scope.noun() + "s=" + scope.index().keySet());
        }
        Class<?> t = scope.types()[i];
        boolean integral = t == int.class || t == long.class || t == short.class || t == byte.class || t == char.class
                || t == Integer.class || t == Long.class || t == Short.class || t == Byte.class || t == Character.class
                || (t.isEnum() && attribute.equals("SwitchIs"));
        if (!integral) {
            throw new IllegalArgumentException(where + ": @" + attribute + "(\"" + name + "\") names a " + scope.noun() + " of type "
                    + t.getSimpleName() + "; an integer is needed");
        }
        return i;
    }

    private static Codec value(AnnotatedElement a, AnnotatedType at, Scope index, String where) {
        Type t = at.getType();
        Class<?> raw = rawType(t, where);
        if (raw == String.class) {
            NdrString s = ann(a, at, NdrString.class);
            if (s == null) {
                throw new IllegalArgumentException(where + ": a String needs @NdrString");
            }
            FixedSize f = ann(a, at, FixedSize.class);
            return new StringCodec(s.value() == NdrString.Kind.WCHAR, f == null ? -1 : f.value(), where);
        }
        if (raw == byte[].class || raw == short[].class || raw == int[].class || raw == long[].class || raw == List.class) {
            return array(a, at, raw, index, where);
        }
        PrimitiveCodec p = PrimitiveCodec.forType(raw);
        if (p != null) {
            if (ann(a, at, U8.class) != null || ann(a, at, U16.class) != null) {
                if (p != PrimitiveCodec.LONG) {
                    throw new IllegalArgumentException(where + ": @U8/@U16 apply to int");
                }
                return ann(a, at, U8.class) != null ? PrimitiveCodec.U8 : PrimitiveCodec.U16;
            }
            return p;
        }
        if (raw == UUID.class) {
            return GuidCodec.GUID;
        }
        if (raw == ContextHandle.class) {
            return GuidCodec.CONTEXT_HANDLE;
        }
        if (raw.isEnum()) {
            return new EnumCodec(raw, ann(a, at, V1Enum.class) != null || raw.isAnnotationPresent(V1Enum.class));
        }
        if (raw.isInterface() && raw.isAnnotationPresent(NdrUnion.class)) {
            return Unions.union(raw, ann(a, at, SwitchIs.class), index, where);
        }
        if (raw.isRecord()) {
            if (raw.isAnnotationPresent(NdrParameters.class)) {
                throw new IllegalArgumentException(where + ": a parameter list cannot be embedded");
            }
            return struct(raw);
        }
        throw new IllegalArgumentException(where + ": unsupported type " + t.getTypeName());
    }

    static int index(Scope index, String name, String where, String attribute) {
        return field(index, name, where, attribute);
    }

    private static Codec array(AnnotatedElement a, AnnotatedType at, Class<?> raw, Scope index, String where) {
        FixedSize fixed = ann(a, at, FixedSize.class);
        SizeIs size = ann(a, at, SizeIs.class);
        LengthIs length = ann(a, at, LengthIs.class);
        FirstIs first = ann(a, at, FirstIs.class);
        if (fixed != null && size != null) {
            throw new IllegalArgumentException(where + ": @FixedSize and @SizeIs exclude each other");
        }
        if (first != null && length == null) {
            throw new IllegalArgumentException(where + ": @FirstIs needs @LengthIs");
        }
        ArrayCodec.Shape shape;
        if (fixed != null) {
            if (fixed.value() < 0) {
                throw new IllegalArgumentException(where + ": @FixedSize(" + fixed.value() + ")");
            }
            shape = length != null ? ArrayCodec.Shape.VARYING : ArrayCodec.Shape.FIXED;
        } else {
            shape = length != null ? ArrayCodec.Shape.CONFORMANT_VARYING : ArrayCodec.Shape.CONFORMANT;
        }
        ArrayCodec.Carrier carrier;
        Codec element;
        if (raw == byte[].class) {
            carrier = ArrayCodec.Carrier.BYTES;
            element = PrimitiveCodec.SMALL;
        } else if (raw == short[].class) {
            carrier = ArrayCodec.Carrier.SHORTS;
            element = PrimitiveCodec.SHORT;
        } else if (raw == int[].class) {
            carrier = ArrayCodec.Carrier.INTS;
            element = PrimitiveCodec.LONG;
        } else if (raw == long[].class) {
            carrier = ArrayCodec.Carrier.LONGS;
            element = PrimitiveCodec.HYPER;
        } else {
            if (!(at instanceof AnnotatedParameterizedType pt)) {
                throw new IllegalArgumentException(where + ": a List needs its element type");
            }
            AnnotatedType et = pt.getAnnotatedActualTypeArguments()[0];
            carrier = ArrayCodec.Carrier.LIST;
            element = component(et, et, false, Scope.NONE, where + "[]");
            if (element.conformant()) {
                throw new IllegalArgumentException(where + ": array elements cannot be conformant");
            }
        }
        return new ArrayCodec(shape, carrier, element, fixed == null ? -1 : fixed.value(),
                size == null ? -1 : field(index, size.value(), where, "SizeIs"),
                length == null ? -1 : field(index, length.value(), where, "LengthIs"),
                first == null ? -1 : field(index, first.value(), where, "FirstIs"), where);
    }
}
