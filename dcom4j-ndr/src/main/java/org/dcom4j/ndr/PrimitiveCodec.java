package org.dcom4j.ndr;

/**
 * Primitive types (C706 14.2): each aligned to its size. {@code U8}/{@code U16} carry a Java
 * {@code int} in 8/16 unsigned bits.
 */
enum PrimitiveCodec implements Codec {
    BOOLEAN(1), SMALL(1), SHORT(2), LONG(4), HYPER(8), WCHAR(2), FLOAT(4), DOUBLE(8), U8(1), U16(2);

    private final int size;

    PrimitiveCodec(int size) {
        this.size = size;
    }

    static PrimitiveCodec forType(Class<?> t) {
        if (t == boolean.class || t == Boolean.class) {
            return BOOLEAN;
        } else if (t == byte.class || t == Byte.class) {
            return SMALL;
        } else if (t == short.class || t == Short.class) {
            return SHORT;
        } else if (t == int.class || t == Integer.class) {
            return LONG;
        } else if (t == long.class || t == Long.class) {
            return HYPER;
        } else if (t == char.class || t == Character.class) {
            return WCHAR;
        } else if (t == float.class || t == Float.class) {
            return FLOAT;
        } else if (t == double.class || t == Double.class) {
            return DOUBLE;
        }
        return null;
    }

    int size() {
        return size;
    }

    @Override
    public int align() {
        return size;
    }

    @Override
    public int minSize() {
        return size;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        NdrBuffer out = w.out;
        out.align(size);
        switch (this) {
            case BOOLEAN -> out.put8((Boolean) v ? 1 : 0);
            case SMALL -> out.put8((Byte) v);
            case SHORT -> out.put16((Short) v);
            case LONG -> out.put32((Integer) v);
            case HYPER -> out.put64((Long) v);
            case WCHAR -> out.put16((Character) v);
            case FLOAT -> out.put32(Float.floatToRawIntBits((Float) v));
            case DOUBLE -> out.put64(Double.doubleToRawLongBits((Double) v));
            case U8 -> out.put8(checked(w, (Integer) v, 0xFF));
            case U16 -> out.put16(checked(w, (Integer) v, 0xFFFF));
        }
    }

    static int checked(Writer w, int v, int max) {
        if (v < 0 || v > max) {
            throw w.error("value out of range: value=" + v + ", limit=" + max);
        }
        return v;
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        return switch (this) {
            case BOOLEAN -> r.u8() != 0;
            case SMALL -> (byte) r.u8();
            case SHORT -> (short) r.u16();
            case LONG -> r.i32();
            case HYPER -> r.i64();
            case WCHAR -> (char) r.u16();
            case FLOAT -> {
                r.checkFloat();
                yield Float.intBitsToFloat(r.i32());
            }
            case DOUBLE -> {
                r.checkFloat();
                yield Double.longBitsToDouble(r.i64());
            }
            case U8 -> r.u8();
            case U16 -> r.u16();
        };
    }
}
