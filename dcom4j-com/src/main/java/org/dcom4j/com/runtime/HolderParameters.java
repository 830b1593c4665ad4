package org.dcom4j.com.runtime;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.dcom4j.com.Out;
import org.dcom4j.ndr.FirstIs;
import org.dcom4j.ndr.Full;
import org.dcom4j.ndr.LengthIs;
import org.dcom4j.ndr.Ref;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.SwitchIs;
import org.dcom4j.ndr.Unique;

/** How {@link InterfaceDescriptor} reads a holder ({@link Out}, {@link org.dcom4j.com.InOut}) parameter. */
final class HolderParameters {
    private static final List<Class<? extends Annotation>> POINTER_ANNOTATIONS = List.of(Ref.class, Unique.class, Full.class);

    private HolderParameters() {
    }

    /**
     * The NDR type of a holder parameter: its type argument, a boxed primitive without a pointer
     * annotation standing for the primitive ({@code Out<Integer>} is a plain {@code long}).
     */
    static AnnotatedType heldType(Parameter p, String where) {
        String holder = p.getType().getSimpleName();
        if (!(p.getAnnotatedType() instanceof AnnotatedParameterizedType apt)) {
            throw new IllegalArgumentException(where + ": a raw " + holder + " needs a type argument (" + holder + "<X>)");
        }
        AnnotatedType arg = apt.getAnnotatedActualTypeArguments()[0];
        Class<?> c = switch (arg.getType()) {
            case Class<?> k -> k;
            case ParameterizedType pt when pt.getRawType() instanceof Class<?> k -> k;
            default -> throw new IllegalArgumentException(where + ": " + p.getParameterizedType().getTypeName()
                    + " needs a concrete type argument");
        };
        if (Out.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(where + ": nested holders are not a parameter ("
                    + p.getParameterizedType().getTypeName() + ")");
        }
        Class<?> primitive = MethodType.methodType(c).unwrap().returnType();
        boolean pointer = POINTER_ANNOTATIONS.stream().anyMatch(a -> arg.isAnnotationPresent(a) || p.isAnnotationPresent(a));
        return primitive.isPrimitive() && primitive != void.class && !c.isPrimitive() && !pointer
                ? new Unboxed(arg, primitive) : arg;
    }

    /** The parameter names a holder parameter's correlation attributes name. */
    static List<String> correlations(Parameter p) {
        List<String> names = new ArrayList<>();
        if (p.getAnnotation(SizeIs.class) != null) {
            names.add(p.getAnnotation(SizeIs.class).value());
        }
        if (p.getAnnotation(LengthIs.class) != null) {
            names.add(p.getAnnotation(LengthIs.class).value());
        }
        if (p.getAnnotation(FirstIs.class) != null) {
            names.add(p.getAnnotation(FirstIs.class).value());
        }
        if (p.getAnnotation(SwitchIs.class) != null) {
            names.add(p.getAnnotation(SwitchIs.class).value());
        }
        return names;
    }

    /** A boxed type argument read as its primitive, keeping its annotations. */
    private record Unboxed(AnnotatedType of, Class<?> primitive) implements AnnotatedType {
        @Override
        public Type getType() {
            return primitive;
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            return of.getAnnotation(annotationClass);
        }

        @Override
        public Annotation[] getAnnotations() {
            return of.getAnnotations();
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return of.getDeclaredAnnotations();
        }
    }

    /** Zero, false, or null: what MIDL-generated stubs leave in an [out] they did not set. */
    static Object zero(Class<?> r) {
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
