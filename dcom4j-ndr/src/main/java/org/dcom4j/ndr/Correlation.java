package org.dcom4j.ndr;

/**
 * Evaluation of correlation attributes ({@code size_is}, {@code length_is}, {@code first_is}, {@code
 * switch_is}).
 */
final class Correlation {
    private Correlation() {
    }

    /** The unsigned value of a correlation field, or -1 when it is not (yet) a number. */
    static long value(Object[] ctx, int index) {
        if (index < 0 || ctx == null) {
            return -1;
        }
        Object o = ctx[index];
        if (o instanceof Integer i) {
            return Integer.toUnsignedLong(i);
        } else if (o instanceof Long l) {
            return l;
        } else if (o instanceof Short s) {
            return Short.toUnsignedInt(s);
        } else if (o instanceof Byte b) {
            return Byte.toUnsignedInt(b);
        } else if (o instanceof Character c) {
            return c;
        } else if (o instanceof NdrEnum e) {
            return Integer.toUnsignedLong(e.value());
        } else if (o instanceof Enum<?> e) {
            return e.ordinal();
        }
        return -1;
    }
}
