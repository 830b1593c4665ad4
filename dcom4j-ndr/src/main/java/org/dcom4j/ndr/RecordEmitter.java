package org.dcom4j.ndr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.dcom4j.ndr.CodecGenerator.CD_BUFFER;
import static org.dcom4j.ndr.CodecGenerator.CD_EXCEPTION;
import static org.dcom4j.ndr.CodecGenerator.CD_GEN;
import static org.dcom4j.ndr.CodecGenerator.CD_OBJECTS;
import static org.dcom4j.ndr.CodecGenerator.CD_READER;
import static org.dcom4j.ndr.CodecGenerator.CD_WRITER;
import static org.dcom4j.ndr.CodecGenerator.desc;
import static org.dcom4j.ndr.CodecGenerator.mtd;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.RecordComponent;
import org.dcom4j.ndr.CodecGenerator.Kind;
import org.dcom4j.ndr.CodecGenerator.Member;

/**
 * Emits the four {@link Codec} passes of one record, mirroring {@link StructCodec}'s generic code
 * (C706 14.3.6–14.3.7, 14.3.12): a structure's components read through its accessors, null-checked,
 * then written after the hoisted max_count (a conformant structure) and the structure's alignment;
 * decoded into locals and passed to the canonical constructor ({@link RecordDecodeEmitter}). An
 * {@link NdrParameters} record is converted to and from the values array of its {@link ParameterList}.
 */
final class RecordEmitter {
    static final int ARG1 = 1;
    static final int ARG2 = 2;
    static final int ARG3 = 3;

    final ClassDesc self;
    final ClassDesc record;
    final String simple;
    final RecordComponent[] rcs;
    final Member[] members;
    final StructCodec codec;
    final int n;
    final boolean usesCtx;
    private final boolean buffersUseCtx;
    /**
     * Per member: for a union switched on an integer primitive of this record, that primitive's index
     * (its value is passed as a {@code long}, no context needed); else -1.
     */
    final int[] switchOf;

    RecordEmitter(ClassDesc self, Class<?> type, RecordComponent[] rcs, Member[] members, StructCodec codec) {
        this.self = self;
        this.record = desc(type);
        this.simple = type.getSimpleName();
        this.rcs = rcs;
        this.members = members;
        this.codec = codec;
        this.n = members.length;
        this.switchOf = new int[n];
        boolean ctx = false;
        boolean buffersCtx = false;
        for (int i = 0; i < n; i++) {
            Member m = members[i];
            switchOf[i] = m.codec() instanceof UnionCodec u && u.switchIs() >= 0 && members[u.switchIs()].kind() == Kind.PRIM
                    && integral(rcs[u.switchIs()].getType()) ? u.switchIs() : -1;
            ctx |= m.codec().usesContext() && switchOf[i] < 0;
            buffersCtx |= m.codec().hasBuffers() && m.codec().usesContextInBuffers();
        }
        this.usesCtx = ctx;
        this.buffersUseCtx = buffersCtx;
    }

    private static boolean integral(Class<?> t) {
        return t == int.class || t == long.class || t == short.class || t == byte.class || t == char.class;
    }

    /** Pushes the unsigned value of integer component {@code j} in {@code slot}, as {@link Correlation#value} has it. */
    void correlation(CodeBuilder cb, int j, int slot) {
        Class<?> t = rcs[j].getType();
        cb.loadLocal(TypeKind.from(t), slot);
        if (t == int.class) {
            cb.invokestatic(ConstantDescs.CD_Integer, "toUnsignedLong", mtd(ConstantDescs.CD_long, CD_int));
        } else if (t == short.class) {
            cb.invokestatic(ConstantDescs.CD_Short, "toUnsignedLong", mtd(ConstantDescs.CD_long, ConstantDescs.CD_short));
        } else if (t == byte.class) {
            cb.invokestatic(ConstantDescs.CD_Byte, "toUnsignedLong", mtd(ConstantDescs.CD_long, ConstantDescs.CD_byte));
        } else if (t == char.class) {
            cb.i2l();
        }
    }

    void emit(ClassBuilder clb) {
        CodecGenerator.constants(clb, self, members, codec.params());
        int flags = ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL;
        clb.withMethodBody("writeScalars", mtd(CD_void, CD_WRITER, CD_Object, CD_OBJECTS, CD_boolean), flags,
                codec.params() ? this::writeParams : this::writeScalars);
        clb.withMethodBody("writeBuffers", mtd(CD_void, CD_WRITER, CD_Object, CD_OBJECTS), flags, this::writeBuffers);
        RecordDecodeEmitter decode = new RecordDecodeEmitter(this);
        clb.withMethodBody("readScalars", mtd(CD_Object, CD_READER, CD_OBJECTS, CD_int), flags,
                codec.params() ? decode::readParams : decode::readScalars);
        clb.withMethodBody("readBuffers", mtd(CD_Object, CD_READER, CD_Object, CD_OBJECTS), flags, decode::readBuffers);
        if (hasBuffers() && !usesCtx) {
            clb.withMethodBody("read", mtd(CD_Object, CD_READER, CD_OBJECTS), flags, decode::read);
        }
    }

    boolean hasBuffers() {
        return !codec.params() && codec.hasBuffers();
    }

    // ---- encode ----

    /** {@code if (v == null) throw …; R rec = (R) v;} */
    private int record(CodeBuilder cb) {
        CodecGenerator.nullCheck(cb, ARG2, ARG1, "nullStruct", simple);
        int rec = cb.allocateLocal(TypeKind.REFERENCE);
        cb.aload(ARG2).checkcast(record).astore(rec);
        return rec;
    }

    /** Calls component {@code i}'s accessor into a new local (errors as {@code values()} of the generic code). */
    private int component(CodeBuilder cb, int rec, int i, boolean nullCheck) {
        Class<?> t = rcs[i].getType();
        TypeKind kind = TypeKind.from(t);
        int slot = cb.allocateLocal(kind);
        Label start = cb.newLabel();
        Label end = cb.newLabel();
        Label handler = cb.newLabel();
        Label done = cb.newLabel();
        cb.labelBinding(start);
        cb.aload(rec).invokevirtual(record, rcs[i].getName(), MethodTypeDesc.of(desc(t)));
        cb.labelBinding(end);
        cb.storeLocal(kind, slot);
        cb.goto_(done);
        cb.labelBinding(handler);
        int thrown = cb.allocateLocal(TypeKind.REFERENCE);
        cb.astore(thrown);
        cb.aload(ARG1).ldc(members[i].where()).aload(thrown)
                .invokestatic(CD_GEN, "cannotRead", mtd(CD_EXCEPTION, CD_WRITER, CD_String, CD_Throwable)).athrow();
        cb.exceptionCatch(start, end, handler, CD_Throwable);
        cb.labelBinding(done);
        if (nullCheck && !t.isPrimitive() && !members[i].nullable()) {
            CodecGenerator.nullCheck(cb, slot, ARG1, "nullValue", members[i].where());
        }
        return slot;
    }

    /** Pushes local {@code slot} of component {@code i} as an {@code Object} (boxed when primitive). */
    private void object(CodeBuilder cb, int i, int slot) {
        Class<?> t = rcs[i].getType();
        cb.loadLocal(TypeKind.from(t), slot);
        if (t.isPrimitive()) {
            PrimitiveEmitter.box(cb, t);
        }
    }

    /** The correlation context of the components in {@code x}: an {@code Object[]} local, or -1 (null). */
    private int context(CodeBuilder cb, int[] x) {
        if (!usesCtx) {
            return -1;
        }
        int ctx = cb.allocateLocal(TypeKind.REFERENCE);
        cb.loadConstant(n).anewarray(CD_Object).astore(ctx);
        for (int i = 0; i < n; i++) {
            cb.aload(ctx).loadConstant(i);
            object(cb, i, x[i]);
            cb.aastore();
        }
        return ctx;
    }

    private static void push(CodeBuilder cb, int slot) {
        if (slot < 0) {
            cb.aconst_null();
        } else {
            cb.aload(slot);
        }
    }

    private void writeScalars(CodeBuilder cb) {
        int rec = record(cb);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = component(cb, rec, i, true);
        }
        int ctx = context(cb, x);
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_WRITER));
        int out = cb.allocateLocal(TypeKind.REFERENCE);
        cb.aload(ARG1).invokestatic(CD_GEN, "out", mtd(CD_BUFFER, CD_WRITER)).astore(out);
        boolean conformant = codec.conformant();
        if (conformant) {
            Label hoisted = cb.newLabel();
            cb.iload(4).ifne(hoisted);
            cb.aload(out).loadConstant(4).invokevirtual(CD_BUFFER, "align", mtd(CD_void, CD_int));
            cb.aload(out);
            CodecGenerator.constant(cb, self, members, n - 1);
            object(cb, n - 1, x[n - 1]);
            push(cb, ctx);
            cb.invokestatic(CD_GEN, "conformance", mtd(CD_int, CD_Object, CD_Object, CD_OBJECTS));
            cb.invokevirtual(CD_BUFFER, "put32", mtd(CD_void, CD_int));
            cb.labelBinding(hoisted);
        }
        int align = codec.align();
        if (align > 1) {
            cb.aload(out).loadConstant(align).invokevirtual(CD_BUFFER, "align", mtd(CD_void, CD_int));
        }
        int known = 0; // offset modulo align, relative to the aligned start; -1 once unknown
        for (int i = 0; i < n; i++) {
            Member m = members[i];
            int at = i;
            switch (m.kind()) {
                case PRIM -> {
                    PrimitiveCodec p = (PrimitiveCodec) m.codec();
                    int size = p.size();
                    boolean aligned = known >= 0 && size <= align && known % size == 0;
                    PrimitiveEmitter.put(cb, p, out, ARG1, !aligned, () -> cb.loadLocal(TypeKind.from(rcs[at].getType()), x[at]));
                    known = known < 0 || size > align ? -1 : (known + ((-known) & (size - 1)) + size) % align;
                }
                case LOCAL -> {
                }
                case GEN, OTHER -> {
                    boolean last = conformant && i == n - 1;
                    if (switchOf[i] >= 0) {
                        CodecGenerator.constant(cb, self, members, i);
                        cb.aload(ARG1);
                        object(cb, i, x[i]);
                        correlation(cb, switchOf[i], x[switchOf[i]]);
                        cb.invokestatic(CD_GEN, "writeUnion", mtd(CD_void, CD_Object, CD_WRITER, CD_Object, ConstantDescs.CD_long));
                    } else {
                        CodecGenerator.writeScalars(cb, self, members, i, () -> {
                            cb.aload(ARG1);
                            object(cb, at, x[at]);
                            push(cb, ctx);
                            cb.loadConstant(last ? 1 : 0);
                        });
                    }
                    known = -1;
                }
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_WRITER));
        cb.return_();
    }

    private void writeBuffers(CodeBuilder cb) {
        if (!hasBuffers()) {
            cb.return_();
            return;
        }
        int rec = record(cb);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = buffersUseCtx || members[i].codec().hasBuffers() ? component(cb, rec, i, true) : -1;
        }
        int ctx = buffersUseCtx ? context(cb, x) : -1;
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_WRITER));
        for (int i = 0; i < n; i++) {
            if (members[i].codec().hasBuffers()) {
                int at = i;
                CodecGenerator.writeBuffers(cb, self, members, i, () -> {
                    cb.aload(ARG1);
                    object(cb, at, x[at]);
                    push(cb, ctx);
                });
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_WRITER));
        cb.return_();
    }

    /** An {@link NdrParameters} record: its components (boxed) to the parameter list. */
    private void writeParams(CodeBuilder cb) {
        int rec = record(cb);
        int vals = cb.allocateLocal(TypeKind.REFERENCE);
        cb.loadConstant(n).anewarray(CD_Object).astore(vals);
        for (int i = 0; i < n; i++) {
            int x = component(cb, rec, i, true);
            cb.aload(vals).loadConstant(i);
            object(cb, i, x);
            cb.aastore();
        }
        cb.getstatic(self, "list", CD_Object).aload(ARG1).aload(vals)
                .invokestatic(CD_GEN, "writeParams", mtd(CD_void, CD_Object, CD_WRITER, CD_OBJECTS));
        cb.return_();
    }
}
