package org.dcom4j.com.runtime;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.Iids;
import org.dcom4j.com.automation.AutoDispatch;
import org.dcom4j.com.automation.DispatchTable;
import org.dcom4j.com.automation.IDispatch;

/**
 * The COM interfaces a Java class implements, by IID (IUnknown always among them), plus IDispatch when
 * the class has Automation members ({@link DispatchTable}) without implementing it; cached per class.
 */
public final class ComInterfaces {
    private static final ClassValue<Map<UUID, Class<?>>> CACHE = new ClassValue<>() {
        @Override
        protected Map<UUID, Class<?>> computeValue(Class<?> type) {
            Map<UUID, Class<?>> out = new LinkedHashMap<>();
            out.put(Iids.IID_IUnknown, IUnknown.class);
            Deque<Class<?>> todo = new ArrayDeque<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Collections.addAll(todo, c.getInterfaces());
            }
            while (!todo.isEmpty()) {
                Class<?> i = todo.pop();
                if (InterfaceDescriptor.isComInterface(i)) {
                    out.putIfAbsent(InterfaceDescriptor.iidOf(i), i);
                }
                Collections.addAll(todo, i.getInterfaces());
            }
            if (!out.containsKey(Iids.IID_IDispatch) && DispatchTable.supports(type)) {
                out.put(Iids.IID_IDispatch, IDispatch.class); // the automatic IDispatch (AutoDispatch)
            }
            return Collections.unmodifiableMap(out);
        }
    };

    private ComInterfaces() {
    }

    public static Map<UUID, Class<?>> of(Object impl) {
        return CACHE.get(impl.getClass());
    }

    /** The object whose Java methods serve {@code iface} for {@code impl}: itself, or its automatic IDispatch. */
    public static Object implementation(Object impl, Class<?> iface) {
        return iface == IDispatch.class && !(impl instanceof IDispatch) ? AutoDispatch.of(impl) : impl;
    }
}
