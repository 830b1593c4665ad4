package org.dcom4j.ndr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Fixed, conformant, varying and conformant varying one-dimensional arrays (C706 14.3.3) of
 * {@code byte[]}, {@code short[]}, {@code int[]}, {@code long[]} or {@code List<T>}.
 *
 * <pre>
 * fixed:               elements
 * conformant:          max_count(4) elements                 (max_count hoisted in a structure)
 * varying:             offset(4) actual_count(4) elements
 * conformant varying:  max_count(4) offset(4) actual_count(4) elements
 * </pre>
 * The Java value holds exactly the transmitted elements (actual_count of them). Correlation fields
 * are indices into the enclosing record ({@code -1} = none).
 */
final class ArrayCodec implements Codec {
    enum Shape { FIXED, CONFORMANT, VARYING, CONFORMANT_VARYING }

    enum Carrier { BYTES, SHORTS, INTS, LONGS, LIST }

    private final Shape shape;
    private final Carrier carrier;
    private final Codec element;
    /** {@link #element} when it is a pointer: called directly, not through the (megamorphic) interface. */
    private final PointerCodec pointer;
    private final int fixed;
    private final int sizeIs;
    private final int lengthIs;
    private final int firstIs;
    private final String name;

    ArrayCodec(Shape shape, Carrier carrier, Codec element, int fixed, int sizeIs, int lengthIs, int firstIs, String name) {
        this.shape = shape;
        this.carrier = carrier;
        this.element = element;
        this.pointer = element instanceof PointerCodec p ? p : null;
        this.fixed = fixed;
        this.sizeIs = sizeIs;
        this.lengthIs = lengthIs;
        this.firstIs = firstIs;
        this.name = name;
    }

    private boolean hasMax() {
        return shape == Shape.CONFORMANT || shape == Shape.CONFORMANT_VARYING;
    }

    private boolean varying() {
        return shape == Shape.VARYING || shape == Shape.CONFORMANT_VARYING;
    }

    @Override
    public int align() {
        return shape == Shape.FIXED ? element.align() : Math.max(4, element.align());
    }

    @Override
    public int minSize() {
        return switch (shape) {
            case FIXED -> (int) Math.min(Integer.MAX_VALUE / 2, (long) fixed * element.minSize());
            case CONFORMANT -> 4;
            case VARYING -> 8;
            case CONFORMANT_VARYING -> 12;
        };
    }

    @Override
    public boolean conformant() {
        return hasMax();
    }

    @Override
    public boolean usesContext() {
        return sizeIs >= 0 || lengthIs >= 0 || firstIs >= 0 || element.usesContext();
    }

    @Override
    public boolean usesContextInBuffers() {
        return element.usesContextInBuffers();
    }

    @Override
    public boolean hasBuffers() {
        return element.hasBuffers();
    }

    private static int length(Object v) {
        return switch (v) {
            case byte[] b -> b.length;
            case short[] s -> s.length;
            case int[] i -> i.length;
            case long[] l -> l.length;
            case List<?> l -> l.size();
            default -> throw new IllegalStateException(v.getClass().getName());
        };
    }

    @Override
    public int conformance(Object v, Object[] ctx) {
        long size = Correlation.value(ctx, sizeIs);
        return shape == Shape.CONFORMANT_VARYING && size >= 0 ? (int) size : length(v);
    }

    private NdrException mismatch(Writer w, String what, long field, int len) {
        return w.error(name + ": " + what + " field=" + field + " does not match the array length=" + len);
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        int len = length(v);
        NdrBuffer out = w.out;
        long size = Correlation.value(ctx, sizeIs);
        long max = switch (shape) {
            case FIXED, VARYING -> fixed;
            case CONFORMANT -> len;
            case CONFORMANT_VARYING -> size >= 0 ? size : len;
        };
        if (shape == Shape.FIXED && len != fixed) {
            throw w.error(name + ": fixed array needs length=" + fixed + ", actual length=" + len);
        }
        if (shape == Shape.CONFORMANT && size >= 0 && size != len) {
            throw mismatch(w, "size_is", size, len);
        }
        if (hasMax() && !hoisted) {
            out.align(4);
            out.put32((int) max);
        }
        if (varying()) {
            long length = Correlation.value(ctx, lengthIs);
            if (length >= 0 && length != len) {
                throw mismatch(w, "length_is", length, len);
            }
            long first = Math.max(0, Correlation.value(ctx, firstIs));
            if (first + len > max) {
                throw w.error(name + ": offset + actual_count > max_count: offset=" + first + ", actual_count=" + len
                        + ", max_count=" + max);
            }
            out.align(4);
            out.put32((int) first);
            out.put32(len);
        }
        writeElements(w, v, len, ctx);
    }

    private void writeElements(Writer w, Object v, int len, Object[] ctx) {
        NdrBuffer out = w.out;
        switch (v) {
            case byte[] b -> out.putBytes(b, 0, len);
            case short[] s -> {
                for (short x : s) {
                    out.align(2);
                    out.put16(x);
                }
            }
            case int[] a -> {
                for (int x : a) {
                    out.align(4);
                    out.put32(x);
                }
            }
            case long[] a -> {
                for (long x : a) {
                    out.align(8);
                    out.put64(x);
                }
            }
            case List<?> l -> {
                for (int i = 0; i < len; i++) {
                    Object e = l.get(i);
                    if (pointer != null) {
                        pointer.writeScalars(w, e, ctx, false);
                        continue;
                    }
                    if (e == null) {
                        throw w.error(name + ": null element (not a pointer)");
                    }
                    element.writeScalars(w, e, ctx, false);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public void writeBuffers(Writer w, Object v, Object[] ctx) {
        if (element.hasBuffers()) {
            List<?> l = (List<?>) v;
            for (int i = 0, n = l.size(); i < n; i++) {
                if (pointer != null) {
                    pointer.writeBuffers(w, l.get(i), ctx);
                } else {
                    element.writeBuffers(w, l.get(i), ctx);
                }
            }
        }
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        long max = fixed;
        if (hasMax()) {
            max = hoistedMax >= 0 ? hoistedMax : r.count("max_count");
            long size = Correlation.value(ctx, sizeIs);
            if (size >= 0 && size != max) {
                throw r.error(name + ": max_count=" + max + " does not match size_is field=" + size);
            }
        }
        int count = (int) max;
        if (varying()) {
            int offset = r.count("offset");
            int actual = r.count("actual_count");
            if ((long) offset + actual > max) {
                throw r.error(name + ": offset + actual_count > max_count: offset=" + offset + ", actual_count=" + actual
                        + ", max_count=" + max);
            }
            // Without first_is the Java value cannot carry an offset, so it must be 0.
            long first = firstIs < 0 ? 0 : Correlation.value(ctx, firstIs);
            if (first >= 0 && offset != first) {
                throw r.error(name + ": offset=" + offset
                        + (firstIs < 0 ? ", limit=0 (no first_is)" : " does not match first_is=" + first));
            }
            long length = Correlation.value(ctx, lengthIs);
            if (length >= 0 && length != actual) {
                throw r.error(name + ": actual_count=" + actual + " does not match length_is field=" + length);
            }
            count = actual;
        }
        r.checkCount(name, " element count", count, element.minSize());
        return readElements(r, count, ctx);
    }

    private Object readElements(Reader r, int count, Object[] ctx) {
        switch (carrier) {
            case BYTES -> {
                r.allocate(count);
                byte[] b = new byte[count];
                r.bytes(b);
                return b;
            }
            case SHORTS -> {
                r.allocate(2L * count);
                short[] s = new short[count];
                for (int i = 0; i < count; i++) {
                    s[i] = (short) r.u16();
                }
                return s;
            }
            case INTS -> {
                r.allocate(4L * count);
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = r.i32();
                }
                return a;
            }
            case LONGS -> {
                r.allocate(8L * count);
                long[] a = new long[count];
                for (int i = 0; i < count; i++) {
                    a[i] = r.i64();
                }
                return a;
            }
            default -> {
                r.allocate(16L * count);
                Object[] states = new Object[count];
                for (int i = 0; i < count; i++) {
                    states[i] = pointer != null ? pointer.readScalars(r, ctx, -1) : element.readScalars(r, ctx, -1);
                }
                return element.hasBuffers() ? states : Collections.unmodifiableList(Arrays.asList(states));
            }
        }
    }

    @Override
    public Object readBuffers(Reader r, Object state, Object[] ctx) {
        if (!element.hasBuffers()) {
            return state;
        }
        Object[] states = (Object[]) state;
        for (int i = 0; i < states.length; i++) {
            states[i] = pointer != null ? pointer.readBuffers(r, states[i], ctx) : element.readBuffers(r, states[i], ctx);
        }
        return Collections.unmodifiableList(Arrays.asList(states));
    }
}
