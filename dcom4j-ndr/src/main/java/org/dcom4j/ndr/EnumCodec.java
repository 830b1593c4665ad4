package org.dcom4j.ndr;

import java.util.HashMap;
import java.util.Map;

/**
 * An enumeration (C706 14.2.3): 16 bits on the wire ({@code unsigned short}), 32 with
 * {@code [v1_enum]}. Wire values come from {@link NdrEnum#value()} or the ordinal; an unknown
 * value on decode is refused.
 */
final class EnumCodec implements Codec {
    private final Class<?> type;
    private final boolean wide;
    private final Map<Object, Integer> values = new HashMap<>();
    private final Map<Integer, Object> constants = new HashMap<>();

    EnumCodec(Class<?> type, boolean wide) {
        this.type = type;
        this.wide = wide;
        for (Object c : type.getEnumConstants()) {
            int v = c instanceof NdrEnum e ? e.value() : ((Enum<?>) c).ordinal();
            if (!wide && (v < 0 || v > 0xFFFF)) {
                throw new IllegalArgumentException(type.getName() + "." + c + " value=" + v
                        + " does not fit a 16-bit enum, limit=65535 (use @V1Enum)");
            }
            values.put(c, v);
            constants.putIfAbsent(v, c);
        }
    }

    @Override
    public int align() {
        return wide ? 4 : 2;
    }

    @Override
    public int minSize() {
        return align();
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        int value = values.get(v);
        if (wide) {
            w.out.align(4);
            w.out.put32(value);
        } else {
            w.out.align(2);
            w.out.put16(value);
        }
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        int v = wide ? r.i32() : r.u16();
        Object c = constants.get(v);
        if (c == null) {
            throw new NdrException("unknown " + type.getSimpleName() + " value: value=" + Integer.toUnsignedLong(v),
                    r.offset() - align());
        }
        return c;
    }
}
