package org.dcom4j.com.runtime;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.Iids;

/** The COM interfaces a Java class implements, by IID (IUnknown always among them); cached per class. */
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
            return Collections.unmodifiableMap(out);
        }
    };

    private ComInterfaces() {
    }

    public static Map<UUID, Class<?>> of(Object impl) {
        return CACHE.get(impl.getClass());
    }
}
