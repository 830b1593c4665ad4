package org.dcom4j.ndr;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/** Derivation of {@link UnionCodec}s from sealed interfaces annotated {@link NdrUnion}. */
final class Unions {
    private Unions() {
    }

    static UnionCodec union(Class<?> type, SwitchIs switchIs, Derivation.Scope index, String where) {
        NdrUnion u = type.getAnnotation(NdrUnion.class);
        int bits = u.discriminantBits();
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new IllegalArgumentException(type.getName() + ": discriminantBits=" + bits + " (8, 16 or 32)");
        }
        if (!type.isSealed()) {
            throw new IllegalArgumentException(type.getName() + ": an @NdrUnion must be a sealed interface");
        }
        if (!u.encapsulated() && switchIs == null) {
            throw new IllegalArgumentException(where + ": a non-encapsulated union needs @SwitchIs");
        }
        if (u.encapsulated() && switchIs != null) {
            throw new IllegalArgumentException(where + ": an encapsulated union carries its discriminant; drop @SwitchIs");
        }
        long mask = bits == 32 ? 0xFFFF_FFFFL : (1L << bits) - 1;
        Map<Class<?>, UnionCodec.Arm> byClass = new LinkedHashMap<>();
        Map<Long, UnionCodec.Arm> byDisc = new HashMap<>();
        UnionCodec.Arm deflt = null;
        for (Class<?> c : type.getPermittedSubclasses()) {
            if (!c.isRecord()) {
                throw new IllegalArgumentException(type.getName() + ": arm " + c.getName() + " is not a record");
            }
            Case cs = c.getAnnotation(Case.class);
            boolean isDefault = c.isAnnotationPresent(DefaultCase.class);
            if ((cs == null) == !isDefault) {
                throw new IllegalArgumentException(c.getName() + ": an arm needs exactly one of @Case or @DefaultCase");
            }
            if (isDefault && u.encapsulated()) {
                throw new IllegalArgumentException(c.getName() + ": @DefaultCase in an encapsulated union is not supported yet");
            }
            long[] cases = cs == null ? new long[0] : cs.value().clone();
            if (cs != null && cases.length == 0) {
                throw new IllegalArgumentException(c.getName() + ": @Case needs at least one value");
            }
            for (int i = 0; i < cases.length; i++) {
                cases[i] &= mask;
            }
            UnionCodec.Arm arm = new UnionCodec.Arm(c, Derivation.struct(c), cases, isDefault);
            if (arm.codec().conformant()) {
                throw new IllegalArgumentException(c.getName() + ": a union arm cannot be conformant");
            }
            byClass.put(c, arm);
            if (isDefault) {
                if (deflt != null) {
                    throw new IllegalArgumentException(type.getName() + ": two @DefaultCase arms");
                }
                deflt = arm;
            }
            for (long v : cases) {
                if (byDisc.put(v, arm) != null) {
                    throw new IllegalArgumentException(type.getName() + ": case " + v + " appears twice");
                }
            }
        }
        int sw = switchIs == null ? -1 : Derivation.index(index, switchIs.value(), where, "SwitchIs");
        LongUnaryOperator via = switchIs == null || switchIs.via().isEmpty() ? LongUnaryOperator.identity()
                : via(type, switchIs.via(), where);
        return new UnionCodec(type, Map.copyOf(byClass), Map.copyOf(byDisc), deflt, bits, u.encapsulated(), sw, via, where);
    }

    /**
     * A {@link LongUnaryOperator} calling {@code h} directly (a lambda spun by
     * {@link LambdaMetafactory}, which the JIT inlines), or null when the union's lookup refuses.
     */
    private static LongUnaryOperator direct(Class<?> type, MethodHandle h) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            MethodType op = MethodType.methodType(long.class, long.class);
            CallSite site = LambdaMetafactory.metafactory(lookup, "applyAsLong", MethodType.methodType(LongUnaryOperator.class),
                    op, h, op);
            return (LongUnaryOperator) site.getTarget().invoke();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError e) {
                throw e;
            }
            return null;
        }
    }

    /** The {@code public static long name(long)} method of the union interface named by {@link SwitchIs#via()}. */
    private static LongUnaryOperator via(Class<?> type, String name, String where) {
        Method m;
        try {
            m = type.getMethod(name, long.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(where + ": @SwitchIs(via=\"" + name + "\") names no public static long "
                    + name + "(long) of " + type.getName());
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != long.class || m.getDeclaringClass() != type) {
            throw new IllegalArgumentException(where + ": @SwitchIs(via=\"" + name + "\") must be a static long method of " + type.getName());
        }
        MethodHandle h;
        try {
            m.setAccessible(true);
            h = MethodHandles.lookup().unreflect(m);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(where + ": @SwitchIs(via=\"" + name + "\") is not accessible: " + e.getMessage());
        }
        LongUnaryOperator direct = direct(type, h);
        if (direct != null) {
            return direct;
        }
        return v -> {
            try {
                return (long) h.invokeExact(v);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }
}
