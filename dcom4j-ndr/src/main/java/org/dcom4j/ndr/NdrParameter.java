package org.dcom4j.ndr;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * One parameter of an operation, described at run time for {@link NdrParameterCodec}: a method
 * parameter, a method's return value, or a plain type (an {@code ORPCTHIS} record, an
 * {@code HRESULT int}).
 *
 * <p>The NDR annotations are read as for a record component: declaration annotations
 * ({@code @SizeIs}, {@code @FixedSize}, {@code @SwitchIs}, {@code @NotTransmitted}, and the pointer
 * and string annotations) from {@code declaration} — the {@link Parameter} or, for a return value,
 * the {@link Method} — and type annotations ({@code List<@Unique T>}) from {@code type}. Both are
 * needed because {@code @SizeIs("n") int[] a} puts nothing on the array's {@link AnnotatedType}.
 *
 * @param name        the name correlation attributes of other parameters use
 * @param declaration where declaration annotations are read (no annotations for a plain type)
 * @param type        the parameter's annotated type
 */
public record NdrParameter(String name, AnnotatedElement declaration, AnnotatedType type) {
    public NdrParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
    }

    /**
     * A method parameter, named by {@link Named} or else by its compiled name, which is present only
     * when the class was compiled with {@code javac -parameters}.
     *
     * @throws IllegalArgumentException when the parameter has neither a compiled name nor {@code @Named}
     */
    public static NdrParameter of(Parameter p) {
        Named named = p.getAnnotation(Named.class);
        String name;
        if (named != null) {
            name = named.value();
        } else if (p.isNamePresent()) {
            name = p.getName();
        } else {
            throw new IllegalArgumentException(p.getDeclaringExecutable() + ": parameter " + p.getName()
                    + " has no name; compile with javac -parameters or annotate it @Named");
        }
        return new NdrParameter(name, p, p.getAnnotatedType());
    }

    /** A plain, unannotated parameter of {@code type} (a record, {@code int}, {@code UUID} …). */
    public static NdrParameter of(String name, Class<?> type) {
        Plain plain = new Plain(Objects.requireNonNull(type, "type"));
        return new NdrParameter(name, plain, plain);
    }

    /**
     * The return value of {@code m} (an {@code [out, retval]} parameter) under {@code name};
     * annotations on the method and on its return type apply to it.
     *
     * @throws IllegalArgumentException when {@code m} returns {@code void}
     */
    public static NdrParameter returnOf(Method m, String name) {
        if (m.getReturnType() == void.class) {
            throw new IllegalArgumentException(m + " returns void");
        }
        return new NdrParameter(name, m, m.getAnnotatedReturnType());
    }

    /** An unannotated type, also standing for a declaration without annotations. */
    private record Plain(Class<?> type) implements AnnotatedType {
        private static final Annotation[] NONE = new Annotation[0];

        @Override
        public Type getType() {
            return type;
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            Objects.requireNonNull(annotationClass);
            return null;
        }

        @Override
        public Annotation[] getAnnotations() {
            return NONE.clone();
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return NONE.clone();
        }
    }
}
