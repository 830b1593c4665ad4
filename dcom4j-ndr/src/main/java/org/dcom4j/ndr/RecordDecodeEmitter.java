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
 * Emits the decode passes of one record for {@link RecordEmitter}, mirroring {@link StructCodec}'s
 * generic code (C706 14.3.6–14.3.7, 14.3.12): components decoded into locals (primitives unboxed), an
 * {@code Object[]} state only between the two passes of a record that needs one, then the canonical
 * constructor called directly.
 */
final class RecordDecodeEmitter {
    private static final int ARG1 = RecordEmitter.ARG1;
    private static final int ARG2 = RecordEmitter.ARG2;
    private static final int ARG3 = RecordEmitter.ARG3;

    private final RecordEmitter e;
    private final ClassDesc self;
    private final ClassDesc record;
    private final String simple;
    private final RecordComponent[] rcs;
    private final Member[] members;
    private final StructCodec codec;
    private final int n;
    private final boolean usesCtx;
    private final int[] switchOf;

    RecordDecodeEmitter(RecordEmitter e) {
        this.e = e;
        this.self = e.self;
        this.record = e.record;
        this.simple = e.simple;
        this.rcs = e.rcs;
        this.members = e.members;
        this.codec = e.codec;
        this.n = e.n;
        this.usesCtx = e.usesCtx;
        this.switchOf = e.switchOf;
    }

    private boolean hasBuffers() {
        return e.hasBuffers();
    }

    private void correlation(CodeBuilder cb, int j, int slot) {
        e.correlation(cb, j, slot);
    }

    private static void push(CodeBuilder cb, int slot) {
        if (slot < 0) {
            cb.aconst_null();
        } else {
            cb.aload(slot);
        }
    }

    void readScalars(CodeBuilder cb) {
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_READER));
        boolean conformant = codec.conformant();
        if (conformant) {
            Label given = cb.newLabel();
            cb.iload(ARG3).ifge(given);
            cb.aload(ARG1).ldc("max_count").invokestatic(CD_GEN, "count", mtd(CD_int, CD_READER, CD_String)).istore(ARG3);
            cb.labelBinding(given);
        }
        if (codec.align() > 1) {
            cb.aload(ARG1).loadConstant(codec.align()).invokestatic(CD_GEN, "align", mtd(CD_void, CD_READER, CD_int));
        }
        int state = -1;
        if (usesCtx || hasBuffers()) {
            state = cb.allocateLocal(TypeKind.REFERENCE);
            cb.loadConstant(n).anewarray(CD_Object).astore(state);
        }
        int st = state;
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            Member m = members[i];
            Class<?> t = rcs[i].getType();
            switch (m.kind()) {
                case PRIM -> {
                    x[i] = cb.allocateLocal(TypeKind.from(t));
                    PrimitiveEmitter.read(cb, (PrimitiveCodec) m.codec(), ARG1);
                    cb.storeLocal(TypeKind.from(t), x[i]);
                    if (st >= 0) {
                        cb.aload(st).loadConstant(i).loadLocal(TypeKind.from(t), x[i]);
                        PrimitiveEmitter.box(cb, t);
                        cb.aastore();
                    }
                }
                case LOCAL -> x[i] = -1;
                case GEN, OTHER -> {
                    boolean last = conformant && i == n - 1;
                    x[i] = cb.allocateLocal(TypeKind.REFERENCE);
                    if (switchOf[i] >= 0) {
                        readUnion(cb, i, x);
                    } else {
                        CodecGenerator.readScalars(cb, self, members, i, () -> {
                            cb.aload(ARG1);
                            push(cb, st);
                            if (last) {
                                cb.iload(ARG3);
                            } else {
                                cb.iconst_m1();
                            }
                        });
                    }
                    cb.astore(x[i]);
                    if (st >= 0) {
                        cb.aload(st).loadConstant(i).aload(x[i]).aastore();
                    }
                }
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_READER));
        if (hasBuffers()) {
            cb.aload(st).areturn();
        } else {
            constructFromLocals(cb, x);
        }
    }

    /**
     * Both passes of a record with pointers and no correlated member, its scalar pass kept in locals
     * (no state array, nothing boxed): the same reads, depth checks and errors as readScalars then
     * readBuffers.
     */
    void read(CodeBuilder cb) {
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_READER));
        boolean conformant = codec.conformant();
        int max = -1;
        if (conformant) {
            max = cb.allocateLocal(TypeKind.INT);
            cb.aload(ARG1).ldc("max_count").invokestatic(CD_GEN, "count", mtd(CD_int, CD_READER, CD_String)).istore(max);
        }
        if (codec.align() > 1) {
            cb.aload(ARG1).loadConstant(codec.align()).invokestatic(CD_GEN, "align", mtd(CD_void, CD_READER, CD_int));
        }
        int hm = max;
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            Member m = members[i];
            Class<?> t = rcs[i].getType();
            switch (m.kind()) {
                case PRIM -> {
                    x[i] = cb.allocateLocal(TypeKind.from(t));
                    PrimitiveEmitter.read(cb, (PrimitiveCodec) m.codec(), ARG1);
                    cb.storeLocal(TypeKind.from(t), x[i]);
                }
                case LOCAL -> x[i] = -1;
                case GEN, OTHER -> {
                    boolean last = conformant && i == n - 1;
                    x[i] = cb.allocateLocal(TypeKind.REFERENCE);
                    if (switchOf[i] >= 0) {
                        readUnion(cb, i, x);
                    } else {
                        CodecGenerator.readScalars(cb, self, members, i, () -> {
                            cb.aload(ARG1).aconst_null();
                            if (last) {
                                cb.iload(hm);
                            } else {
                                cb.iconst_m1();
                            }
                        });
                    }
                    cb.astore(x[i]);
                }
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_READER));
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_READER));
        for (int i = 0; i < n; i++) {
            if (members[i].codec().hasBuffers()) {
                int at = i;
                CodecGenerator.readBuffers(cb, self, members, i, () -> cb.aload(ARG1).aload(x[at]).aconst_null());
                cb.astore(x[i]);
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_READER));
        constructFromLocals(cb, x);
    }

    /** The record constructed from the values kept in locals {@code x} (primitives unboxed, references cast). */
    private void constructFromLocals(CodeBuilder cb, int[] x) {
        construct(cb, i -> {
            Class<?> t = rcs[i].getType();
            if (members[i].kind() == Kind.PRIM) {
                cb.loadLocal(TypeKind.from(t), x[i]);
            } else {
                cb.aload(x[i]);
                coerce(cb, t);
            }
        });
    }

    void readBuffers(CodeBuilder cb) {
        if (!hasBuffers()) {
            cb.aload(ARG2).areturn();
            return;
        }
        int s = cb.allocateLocal(TypeKind.REFERENCE);
        cb.aload(ARG2).checkcast(CD_OBJECTS).astore(s);
        cb.aload(ARG1).invokestatic(CD_GEN, "enter", mtd(CD_void, CD_READER));
        for (int i = 0; i < n; i++) {
            if (members[i].codec().hasBuffers()) {
                int at = i;
                cb.aload(s).loadConstant(i);
                CodecGenerator.readBuffers(cb, self, members, i, () -> {
                    cb.aload(ARG1);
                    cb.aload(s).loadConstant(at).aaload();
                    cb.aload(s);
                });
                cb.aastore();
            }
        }
        cb.aload(ARG1).invokestatic(CD_GEN, "leave", mtd(CD_void, CD_READER));
        constructFromArray(cb, s);
    }

    /** An {@link NdrParameters} record: the parameter list's values to the constructor. */
    void readParams(CodeBuilder cb) {
        int s = cb.allocateLocal(TypeKind.REFERENCE);
        cb.getstatic(self, "list", CD_Object).aload(ARG1)
                .invokestatic(CD_GEN, "readParams", mtd(CD_OBJECTS, CD_Object, CD_READER)).astore(s);
        constructFromArray(cb, s);
    }

    private void constructFromArray(CodeBuilder cb, int s) {
        construct(cb, i -> {
            cb.aload(s).loadConstant(i).aaload();
            coerce(cb, rcs[i].getType());
        });
    }

    /** Casts or unboxes the {@code Object} on the stack to {@code t}. */
    private static void coerce(CodeBuilder cb, Class<?> t) {
        if (t.isPrimitive()) {
            PrimitiveEmitter.unbox(cb, t);
        } else if (t != Object.class) {
            cb.checkcast(desc(t));
        }
    }

    /**
     * {@code return new R(args…)}, a {@link NotTransmitted} component as its default; what the
     * constructor throws becomes the generic code's NdrException ({@link GeneratedCodec#refused}).
     */
    private void construct(CodeBuilder cb, java.util.function.IntConsumer arg) {
        Label start = cb.newLabel();
        Label end = cb.newLabel();
        Label handler = cb.newLabel();
        ClassDesc[] params = new ClassDesc[n];
        cb.labelBinding(start);
        cb.new_(record).dup();
        for (int i = 0; i < n; i++) {
            Class<?> t = rcs[i].getType();
            params[i] = desc(t);
            if (members[i].kind() == Kind.LOCAL) {
                PrimitiveEmitter.zero(cb, t);
            } else {
                arg.accept(i);
            }
        }
        cb.invokespecial(record, ConstantDescs.INIT_NAME, MethodTypeDesc.of(CD_void, params));
        cb.labelBinding(end);
        cb.areturn();
        cb.labelBinding(handler);
        int thrown = cb.allocateLocal(TypeKind.REFERENCE);
        cb.astore(thrown);
        cb.aload(ARG1).ldc(simple).aload(thrown)
                .invokestatic(CD_GEN, "refused", mtd(CD_EXCEPTION, CD_READER, CD_String, CD_Throwable)).athrow();
        cb.exceptionCatch(start, end, handler, CD_Throwable);
    }

    /** Decodes union member {@code i} switched on {@code switchOf[i]}: its value when decoded already, else -1. */
    private void readUnion(CodeBuilder cb, int i, int[] x) {
        int j = switchOf[i];
        CodecGenerator.constant(cb, self, members, i);
        cb.aload(ARG1);
        if (j < i) {
            correlation(cb, j, x[j]);
        } else {
            cb.ldc(-1L);
        }
        cb.invokestatic(CD_GEN, "readUnion", mtd(CD_Object, CD_Object, CD_READER, ConstantDescs.CD_long));
    }
}
