package org.dcom4j.ndr;

import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Discriminated unions (C706 14.3.8): a sealed interface whose permitted records are the arms.
 *
 * <pre>
 * non-encapsulated [switch_is(level)]:  discriminant (aligned to its size)  arm (aligned to the arm)
 * encapsulated union switch (long d):   a structure { discriminant; union } — aligned to the
 *                                       largest of the discriminant and every arm, the arm part
 *                                       aligned to the largest arm
 * </pre>
 * A non-encapsulated union also has its discriminant in another field ({@link SwitchIs}); both
 * must agree, on encode and on decode.
 */
final class UnionCodec implements Codec {
    /** One arm: its structure codec and the discriminant values selecting it (masked to the width). */
    record Arm(Class<?> type, StructCodec codec, long[] cases, boolean isDefault) {
    }

    private record State(Arm arm, Object armState) {
    }

    private final Class<?> type;
    private final Map<Class<?>, Arm> byClass;
    /** The discriminants, sorted, and their arms: the per-call lookup (no boxing, no hashing). */
    private final long[] cases;
    private final Arm[] caseArms;
    /**
     * The arm last looked up by class and by discriminant: a call path encodes and decodes the same arms
     * again and again, so one comparison usually finds it. Each is one immutable object, so a racy read
     * sees a consistent pair (at worst another thread's, which only misses).
     */
    private ClassHit lastClass;
    private CaseHit lastCase;

    private record ClassHit(Class<?> type, Arm arm) {
    }

    private record CaseHit(long discriminant, Arm arm) {
    }
    private final Arm defaultArm;
    private final int bits;
    private final boolean encapsulated;
    private final int switchIs;
    /** Field value → discriminant ({@link SwitchIs#via()}); identity by default. */
    private final LongUnaryOperator via;
    private final String name;
    /** Computed on first use, after derivation (arms may still be in derivation when this is built). */
    private Boolean hasBuffers;

    UnionCodec(Class<?> type, Map<Class<?>, Arm> byClass, Map<Long, Arm> byDiscriminant, Arm defaultArm, int bits,
               boolean encapsulated, int switchIs, LongUnaryOperator via, String name) {
        this.type = type;
        this.byClass = byClass;
        this.cases = byDiscriminant.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        this.caseArms = new Arm[cases.length];
        for (int i = 0; i < cases.length; i++) {
            caseArms[i] = byDiscriminant.get(cases[i]);
        }
        this.defaultArm = defaultArm;
        this.bits = bits;
        this.encapsulated = encapsulated;
        this.switchIs = switchIs;
        this.via = via;
        this.name = name;
    }

    private int discSize() {
        return bits / 8;
    }

    private int armsAlign() {
        int a = 1;
        for (Arm arm : byClass.values()) {
            a = Math.max(a, arm.codec().align());
        }
        return a;
    }

    /** The arm selected by discriminant {@code d}: its case, else the default arm (or null). */
    private Arm arm(long d) {
        CaseHit hit = lastCase;
        if (hit != null && hit.discriminant() == d) {
            return hit.arm();
        }
        int i = java.util.Arrays.binarySearch(cases, d);
        Arm arm = i >= 0 ? caseArms[i] : defaultArm;
        lastCase = new CaseHit(d, arm);
        return arm;
    }

    /** The arm whose record class is {@code c}, or null. */
    private Arm armOf(Class<?> c) {
        ClassHit hit = lastClass;
        if (hit != null && hit.type() == c) {
            return hit.arm();
        }
        Arm arm = byClass.get(c);
        if (arm != null) {
            lastClass = new ClassHit(c, arm);
        }
        return arm;
    }

    long mask(long v) {
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    @Override
    public int align() {
        return Math.max(discSize(), armsAlign());
    }

    @Override
    public int minSize() {
        return discSize();
    }

    @Override
    public boolean usesContext() {
        return switchIs >= 0;
    }

    @Override
    public boolean usesContextInBuffers() {
        return false;
    }

    @Override
    public boolean hasBuffers() {
        Boolean b = hasBuffers;
        if (b == null) {
            boolean any = false;
            for (Arm arm : byClass.values()) {
                any |= arm.codec().hasBuffers();
            }
            hasBuffers = b = any;
        }
        return b;
    }

    /** The index of the switch_is field in the enclosing record, or -1 (encapsulated). */
    int switchIs() {
        return switchIs;
    }

    @Override
    public void writeScalars(Writer w, Object v, Object[] ctx, boolean hoisted) {
        writeScalars(w, v, Correlation.value(ctx, switchIs));
    }

    /** The scalar pass with the switch_is field's value given ({@link Correlation#value}'s form). */
    void writeScalars(Writer w, Object v, long field) {
        Arm arm = armOf(v.getClass());
        if (arm == null) {
            throw w.error(name + ": " + v.getClass().getName() + " is not an arm of " + type.getSimpleName());
        }
        long d;
        if (encapsulated) {
            d = arm.cases()[0];
        } else {
            d = mask(via.applyAsLong(field));
            Arm selected = arm(d);
            if (selected != arm) {
                throw w.error(name + ": arm " + v.getClass().getSimpleName() + " does not match switch_is discriminant="
                        + d);
            }
        }
        w.enter();
        NdrBuffer out = w.out;
        if (encapsulated) {
            out.align(align());
        }
        out.align(discSize());
        switch (bits) {
            case 8 -> out.put8((int) d);
            case 16 -> out.put16((int) d);
            default -> out.put32((int) d);
        }
        if (encapsulated) {
            out.align(armsAlign());
        }
        arm.codec().writeScalars(w, v, null, false);
        w.leave();
    }

    @Override
    public void writeBuffers(Writer w, Object v, Object[] ctx) {
        armOf(v.getClass()).codec().writeBuffers(w, v, null);
    }

    @Override
    public Object readScalars(Reader r, Object[] ctx, int hoistedMax) {
        return readScalars(r, Correlation.value(ctx, switchIs));
    }

    /** The scalar pass with the switch_is field's decoded value given, or -1 when it is not known yet. */
    Object readScalars(Reader r, long field) {
        r.enter();
        if (encapsulated) {
            r.align(align());
        }
        int at = r.offset();
        long d = switch (bits) {
            case 8 -> r.u8();
            case 16 -> r.u16();
            default -> Integer.toUnsignedLong(r.i32());
        };
        if (!encapsulated) {
            long expected = field;
            if (expected >= 0 && mask(via.applyAsLong(expected)) != d) {
                throw new NdrException(name + ": union discriminant=" + d + " does not match switch_is field=" + expected
                        + (mask(via.applyAsLong(expected)) != mask(expected) ? " (discriminant " + mask(via.applyAsLong(expected)) + ")" : ""),
                        at);
            }
        }
        Arm arm = arm(d);
        if (arm == null) {
            throw new NdrException(name + ": unknown union discriminant=" + d + " for " + type.getSimpleName()
                    + ", no default arm", at);
        }
        if (encapsulated) {
            r.align(armsAlign());
        }
        Object s = arm.codec().readScalars(r, null, -1);
        r.leave();
        // an arm without pointers is final already: readBuffers passes anything but a State through
        return arm.codec().hasBuffers() ? new State(arm, s) : s;
    }

    @Override
    public Object readBuffers(Reader r, Object state, Object[] ctx) {
        if (state instanceof State s) {
            return s.arm().codec().readBuffers(r, s.armState(), null);
        }
        return state;
    }
}
