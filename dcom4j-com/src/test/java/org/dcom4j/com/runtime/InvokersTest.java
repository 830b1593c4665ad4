package org.dcom4j.com.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.junit.jupiter.api.Test;

class InvokersTest {
    public interface Sample {
        int add(int a, int b);

        void nothing();

        String fail(String why) throws ComException;
    }

    /** Not public: its public methods are reached through the public interface or setAccessible. */
    static final class Impl implements Sample {
        int calls;

        @Override
        public int add(int a, int b) {
            calls++;
            return a + b;
        }

        @Override
        public void nothing() {
            calls++;
        }

        @Override
        public String fail(String why) throws ComException {
            throw new ComException(Hresult.E_INVALIDARG, why);
        }

        public long twice(long x) {
            return 2 * x;
        }
    }

    @Test
    void callsThroughAHiddenClassBoxingTheResult() throws Throwable {
        Invokers.Invoker add = Invokers.of(Sample.class.getMethod("add", int.class, int.class));
        assertTrue(add.getClass().isHidden(), "the direct invoker, not the fallback: " + add.getClass());
        Impl impl = new Impl();
        assertEquals(5, add.invoke(impl, new Object[] {2, 3}));
        assertNull(Invokers.of(Sample.class.getMethod("nothing")).invoke(impl, new Object[0]));
        assertEquals(2, impl.calls);
    }

    @Test
    void passesTheMethodsExceptionThroughUnwrapped() throws Exception {
        Invokers.Invoker fail = Invokers.of(Sample.class.getMethod("fail", String.class));
        ComException e = assertThrows(ComException.class, () -> fail.invoke(new Impl(), new Object[] {"why"}));
        assertEquals(Hresult.E_INVALIDARG, e.hresult());
    }

    @Test
    void reachesAPublicMethodOfANonPublicClassOnlyWhenItsOwnerMadeItAccessible() throws Throwable {
        java.lang.reflect.Method m = Impl.class.getMethod("twice", long.class);
        assertThrows(IllegalArgumentException.class, () -> Invokers.of(m), "no access of its own");
        m.setAccessible(true); // as DispatchTable does for its members
        assertEquals(42L, Invokers.of(m).invoke(new Impl(), new Object[] {21L}));
    }

    @Test
    void refusesArgumentsOfTheWrongType() throws Exception {
        Invokers.Invoker add = Invokers.of(Sample.class.getMethod("add", int.class, int.class));
        assertThrows(ClassCastException.class, () -> add.invoke(new Impl(), new Object[] {"2", 3}));
        assertThrows(IllegalArgumentException.class, () -> add.invoke(new Impl(), new Object[] {2}));
        Object notSample = new Object();
        assertThrows(ClassCastException.class, () -> add.invoke(notSample, new Object[] {2, 3}));
    }
}
