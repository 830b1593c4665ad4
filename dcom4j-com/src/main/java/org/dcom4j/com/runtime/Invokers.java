package org.dcom4j.com.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Per-method invokers for the dispatch paths ({@link OrpcDispatcher}, the automatic IDispatch): a method
 * handle of type {@code (Object target, Object[] args)Object} made once per method, so that a call is one
 * {@code invokeExact} — no {@code Method.invoke} access check, argument-count check or
 * {@code InvocationTargetException} wrapping per call. The handle throws what the method throws.
 */
public final class Invokers {
    /** The type of every invoker: {@code (Object target, Object[] args)Object}. */
    public static final MethodType TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);

    private Invokers() {
    }

    /**
     * The invoker of instance method {@code m} (a void method returns null, a primitive its box).
     *
     * @throws IllegalArgumentException when {@code m} cannot be made accessible
     */
    public static MethodHandle of(Method m) {
        MethodHandle h;
        try {
            h = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            try {
                m.setAccessible(true); // a public method of a non-public type
                h = MethodHandles.lookup().unreflect(m);
            } catch (IllegalAccessException | RuntimeException denied) {
                throw new IllegalArgumentException(m + " is not accessible: " + denied.getMessage(), denied);
            }
        }
        int n = m.getParameterCount();
        return h.asType(MethodType.genericMethodType(n + 1)).asSpreader(Object[].class, n).asType(TYPE);
    }
}
