package org.dcom4j.com.automation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dcom4j.com.runtime.Invokers;
import org.dcom4j.ndr.Named;

/**
 * The Automation members of a Java class: its public methods annotated {@link DispMethod} or
 * {@link DispProperty}, by DISPID and by case-insensitive name (COM compares names without case, in
 * the invariant locale here). Derived once per class ({@link #of}) and immutable; thread-safe.
 *
 * <p>Bridge methods (a generic or covariant override; javac copies the annotation onto them) are skipped:
 * the method they bridge to is the member.
 *
 * <p>DISPIDs: an explicit {@code dispId} is kept; the others are assigned 1, 2, … in the order of the
 * members' lower-case names, skipping explicit ones — so they depend only on the class, and a client
 * that caches them stays right across server restarts. A method's parameters have the DISPIDs 0, 1, …
 * (their positions), which GetIDsOfNames returns for named arguments; their names come from
 * {@link Named} or the compiled parameter names ({@code javac -parameters}).
 */
public final class DispatchTable {
    /** DISPID_UNKNOWN (-1), what GetIDsOfNames returns for a name it does not know. */
    public static final int DISPID_UNKNOWN = -1;
    /** DISPID_PROPERTYPUT (-3), the named argument holding the value of a property put. */
    public static final int DISPID_PROPERTYPUT = -3;

    private static final ClassValue<DispatchTable> CACHE = new ClassValue<>() {
        @Override
        protected DispatchTable computeValue(Class<?> type) {
            return new DispatchTable(type);
        }
    };

    /**
     * One member. {@code method}: the {@link DispMethod} or the property getter (null: none);
     * {@code setter}: the property setter (null: none). Made once per class with what a call needs:
     * {@code parameterTypes} of {@code method} (empty without one) and the invokers of both
     * ({@link Invokers}; null where the method is null).
     */
    public record Member(String name, int dispId, Method method, Method setter, boolean property,
                         Map<String, Integer> parameterIds, List<Class<?>> parameterTypes, Invokers.Invoker invoker,
                         Invokers.Invoker setterInvoker) {
    }

    private final Map<Integer, Member> byId;
    private final Map<String, Member> byName;

    /** The table of {@code type}. @throws IllegalArgumentException a duplicate name or DISPID, or a malformed property */
    public static DispatchTable of(Class<?> type) {
        return CACHE.get(type);
    }

    /** True when {@code type} has at least one Automation member (its objects answer IDispatch automatically). */
    public static boolean supports(Class<?> type) {
        return !of(type).byId.isEmpty();
    }

    private DispatchTable(Class<?> type) {
        Map<String, Builder> named = new TreeMap<>();
        for (Method m : type.getMethods()) {
            DispMethod dm = m.getAnnotation(DispMethod.class);
            DispProperty dp = m.getAnnotation(DispProperty.class);
            if (dm == null && dp == null || m.isBridge()) { // javac copies annotations onto bridges: the real method serves
                continue;
            }
            String where = type.getName() + "." + m.getName();
            if (dm != null && dp != null || Modifier.isStatic(m.getModifiers())) {
                throw new IllegalArgumentException(where + ": an instance method is either @DispMethod or @DispProperty");
            }
            String name = dm != null ? (dm.name().isEmpty() ? m.getName() : dm.name())
                    : (dp.name().isEmpty() ? propertyName(m.getName()) : dp.name());
            int id = dm != null ? dm.dispId() : dp.dispId();
            Builder b = named.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Builder(name));
            b.add(m, dp != null, id, where);
        }
        Set<Integer> taken = new HashSet<>();
        for (Builder b : named.values()) {
            if (b.id != DispMethod.AUTO && !taken.add(b.id)) {
                throw new IllegalArgumentException(type.getName() + ": DISPID " + b.id + " used twice");
            }
        }
        Map<Integer, Member> ids = new LinkedHashMap<>();
        Map<String, Member> names = new HashMap<>();
        int next = 1;
        for (Map.Entry<String, Builder> e : named.entrySet()) {
            Builder b = e.getValue();
            int id = b.id;
            if (id == DispMethod.AUTO) {
                while (taken.contains(next)) {
                    next++;
                }
                id = next++;
            }
            Member m = b.build(id);
            ids.put(id, m);
            names.put(e.getKey(), m);
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.byName = Collections.unmodifiableMap(names);
    }

    private static String propertyName(String javaName) {
        for (String prefix : List.of("get", "set", "is")) {
            if (javaName.length() > prefix.length() && javaName.startsWith(prefix)
                    && Character.isUpperCase(javaName.charAt(prefix.length()))) {
                return javaName.substring(prefix.length());
            }
        }
        return javaName;
    }

    private static final class Builder {
        final String name;
        int id = DispMethod.AUTO;
        Method method;
        Method setter;
        boolean property;

        Builder(String name) {
            this.name = name;
        }

        void add(Method m, boolean isProperty, int dispId, String where) {
            boolean clash = isProperty ? method != null && !property : method != null || setter != null;
            if (clash) {
                throw new IllegalArgumentException(where + ": member name '" + name + "' used twice (names ignore case)");
            }
            property = isProperty;
            if (!isProperty) {
                method = m;
            } else if (m.getReturnType() == void.class) {
                if (m.getParameterCount() != 1 || setter != null) {
                    throw new IllegalArgumentException(where + ": a property has one setter, taking exactly one argument");
                }
                setter = m;
            } else {
                if (m.getParameterCount() != 0 || method != null) {
                    throw new IllegalArgumentException(where + ": a property has one getter, taking no argument");
                }
                method = m;
            }
            if (dispId != DispMethod.AUTO) {
                if (id != DispMethod.AUTO && id != dispId) {
                    throw new IllegalArgumentException(where + ": the getter and setter of '" + name + "' name different DISPIDs");
                }
                id = dispId;
            }
            m.setAccessible(true); // a public method of a non-public class
        }

        Member build(int dispId) {
            Map<String, Integer> params = new HashMap<>();
            Method m = method != null ? method : setter;
            Parameter[] ps = m.getParameters();
            for (int i = 0; i < ps.length && !property; i++) {
                Named n = ps[i].getAnnotation(Named.class);
                String pname = n != null ? n.value() : ps[i].isNamePresent() ? ps[i].getName() : null;
                if (pname != null) {
                    params.put(pname.toLowerCase(Locale.ROOT), i);
                }
            }
            return new Member(name, dispId, method, setter, property, Collections.unmodifiableMap(params),
                    method == null ? List.of() : List.of(method.getParameterTypes()),
                    method == null ? null : Invokers.of(method), setter == null ? null : Invokers.of(setter));
        }
    }

    /** The member with DISPID {@code id}, or null. */
    public Member member(int id) {
        return byId.get(id);
    }

    /** The member named {@code name} (any case), or null. */
    public Member member(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every member, by DISPID order of assignment (sorted names). */
    public List<Member> members() {
        List<Member> l = new ArrayList<>(byId.values());
        l.sort(Comparator.comparingInt(Member::dispId));
        return l;
    }
}
