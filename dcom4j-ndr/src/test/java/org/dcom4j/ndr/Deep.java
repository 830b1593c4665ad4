package org.dcom4j.ndr;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/** Structural equality that compares arrays inside records by content. */
final class Deep {
    private Deep() {
    }

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Record) {
            try {
                for (RecordComponent rc : a.getClass().getRecordComponents()) {
                    var m = rc.getAccessor();
                    m.setAccessible(true);
                    if (!equal(m.invoke(a), m.invoke(b))) {
                        return false;
                    }
                }
                return true;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Objects.deepEquals(a, b);
    }
}
