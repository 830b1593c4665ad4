package org.dcom4j.ndr;

/** A {@link NotTransmitted} component: nothing on the wire; decodes as the type's default value. */
final class LocalCodec implements Codec {
    private final Object defaultValue;

    LocalCodec(Class<?> type) {
        Object d = null;
        if (type == int.class) {
            d = 0;
        } else if (type == long.class) {
            d = 0L;
        } else if (type == short.class) {
            d = (short) 0;
        } else if (type == byte.class) {
            d = (byte) 0;
        } else if (type == boolean.class) {
            d = false;
        } else if (type == char.class) {
            d = (char) 0;
        } else if (type == float.class) {
            d = 0f;
        } else if (type == double.class) {
            d = 0d;
        }
        this.defaultValue = d;
    }

    Object defaultValue() {
        return defaultValue;
    }

    @Override
    public int align() {
        return 1;
    }

    @Override
    public int minSize() {
        return 0;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        return null;
    }
}
