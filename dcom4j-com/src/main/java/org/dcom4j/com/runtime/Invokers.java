package org.dcom4j.com.runtime;

import static java.lang.constant.ConstantDescs.BSM_CLASS_DATA;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;

/**
 * Per-method invokers for the dispatch paths ({@link OrpcDispatcher}, the automatic IDispatch), made once
 * per method: a call is one interface call on an {@link Invoker} — no {@code Method.invoke} access check,
 * argument-count check or {@code InvocationTargetException} wrapping per call.
 *
 * <p>Each invoker is a small hidden class whose {@code invoke} runs the method's spread method handle,
 * {@code (Object target, Object[] args)Object}, loaded as a constant (its class data), so the JIT
 * compiles it to a direct call of the method. Should a hidden class not be definable, the invoker calls
 * the same handle held in a field (correct, only slower).
 */
public final class Invokers {
    /** The type of every spread handle: {@code (Object target, Object[] args)Object}. */
    static final MethodType TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);
    private static final MethodTypeDesc INVOKE = MethodTypeDesc.of(CD_Object, CD_Object, CD_Object.arrayType());
    private static final ClassDesc INVOKER = ClassDesc.of(Invoker.class.getName());
    private static final ClassDesc DIRECT = ClassDesc.of(Invokers.class.getPackageName(), "Invokers$Direct");

    /** Calls one method: a void method returns null, a primitive its box; what the method throws passes through. */
    @FunctionalInterface
    public interface Invoker {
        Object invoke(Object target, Object[] args) throws Throwable;
    }

    private Invokers() {
    }

    /**
     * The invoker of instance method {@code m}: a public method of a public type, or one whose accessible flag
     * its owner set ({@link Method#setAccessible}, as {@code DispatchTable} does for a public method of a
     * non-public class). This class grants no access of its own.
     *
     * @throws IllegalArgumentException when {@code m} is not accessible
     */
    public static Invoker of(Method m) {
        MethodHandle h;
        try {
            h = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(m + " is not accessible: " + e.getMessage(), e);
        }
        int n = m.getParameterCount();
        MethodHandle spread = h.asType(MethodType.genericMethodType(n + 1)).asSpreader(Object[].class, n).asType(TYPE);
        try {
            return direct(spread);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return spread::invokeExact;
        }
    }

    /** A hidden class implementing {@link Invoker} by {@code spread}, its class data. */
    private static Invoker direct(MethodHandle spread) throws ReflectiveOperationException {
        byte[] bytes = ClassFile.of().build(DIRECT, c -> c
                .withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC)
                .withInterfaceSymbols(INVOKER)
                .withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, b -> b
                        .aload(0).invokespecial(CD_Object, INIT_NAME, MethodTypeDesc.of(CD_void)).return_())
                .withMethodBody("invoke", INVOKE, ClassFile.ACC_PUBLIC, b -> b
                        .ldc(DynamicConstantDesc.ofNamed(BSM_CLASS_DATA, DEFAULT_NAME, CD_MethodHandle))
                        .aload(1).aload(2)
                        .invokevirtual(CD_MethodHandle, "invokeExact", INVOKE)
                        .areturn()));
        MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, spread, true);
        try {
            return (Invoker) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
