package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dcom4j.ndr.Named;
import org.junit.jupiter.api.Test;

class DispatchTableTest {
    public static class Sample {
        @DispMethod
        public int zeta(int a) {
            return a;
        }

        @DispMethod(name = "Alpha")
        public int alpha(@Named("first") int x, @Named("second") int y) {
            return x + y;
        }

        @DispMethod(dispId = 1)
        public void pinned() {
        }

        @DispProperty
        public String getColour() {
            return "";
        }

        @DispProperty
        public void setColour(String c) {
        }

        public int notExposed() {
            return 0;
        }
    }

    public static class Clash {
        @DispMethod(name = "Go")
        public void a() {
        }

        @DispMethod(name = "GO")
        public void b() {
        }
    }

    public static class SameId {
        @DispMethod(dispId = 7)
        public void a() {
        }

        @DispMethod(dispId = 7)
        public void b() {
        }
    }

    public static class BadSetter {
        @DispProperty
        public void setX(int a, int b) {
        }
    }

    @Test
    void assignsDispIdsFromSortedNamesAroundExplicitOnes() {
        DispatchTable t = DispatchTable.of(Sample.class);
        assertEquals(1, t.member("pinned").dispId());
        assertEquals(2, t.member("alpha").dispId(), "alpha, colour, zeta sorted; 1 is taken");
        assertEquals(3, t.member("Colour").dispId());
        assertEquals(4, t.member("zeta").dispId());
        assertEquals("Alpha", t.member(2).name());
    }

    @Test
    void looksNamesUpWithoutCase() {
        DispatchTable t = DispatchTable.of(Sample.class);
        assertEquals(t.member("ALPHA"), t.member("alpha"));
        assertNull(t.member("notExposed"));
    }

    @Test
    void pairsAPropertyGetterWithItsSetter() {
        DispatchTable.Member m = DispatchTable.of(Sample.class).member("colour");
        assertTrue(m.property());
        assertEquals("getColour", m.method().getName());
        assertEquals("setColour", m.setter().getName());
    }

    @Test
    void namesParametersByPositionForNamedArguments() {
        DispatchTable.Member m = DispatchTable.of(Sample.class).member("alpha");
        assertEquals(0, m.parameterIds().get("first"));
        assertEquals(1, m.parameterIds().get("second"));
    }

    @Test
    void refusesTwoMembersWhoseNamesDifferOnlyInCase() {
        assertThrows(IllegalArgumentException.class, () -> DispatchTable.of(Clash.class));
    }

    @Test
    void refusesADispIdUsedTwice() {
        assertThrows(IllegalArgumentException.class, () -> DispatchTable.of(SameId.class));
    }

    @Test
    void refusesASetterWithTwoArguments() {
        assertThrows(IllegalArgumentException.class, () -> DispatchTable.of(BadSetter.class));
    }

    @Test
    void aClassWithoutMembersHasNoAutomaticIDispatch() {
        assertFalse(DispatchTable.supports(String.class));
        assertTrue(DispatchTable.supports(Sample.class));
    }
}
