package org.dcom4j.ndr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.dcom4j.ndr.CodecGenerator.CD_BUFFER;
import static org.dcom4j.ndr.CodecGenerator.CD_GEN;
import static org.dcom4j.ndr.CodecGenerator.CD_OBJECTS;
import static org.dcom4j.ndr.CodecGenerator.CD_READER;
import static org.dcom4j.ndr.CodecGenerator.CD_WRITER;
import static org.dcom4j.ndr.CodecGenerator.mtd;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import org.dcom4j.ndr.CodecGenerator.Member;

/**
 * Emits {@link GeneratedCodec#write}/{@link GeneratedCodec#read} of a parameter list: the same loop as
 * {@link ParameterList#writeGeneric}/{@link ParameterList#readGeneric} unrolled, each parameter aligned
 * to itself and followed by its own deferred referents (C706 14.3.12.3), primitives unboxed from and
 * boxed into the values array inline.
 */
final class ParameterEmitter {
    private final ClassDesc self;
    private final Member[] members;

    ParameterEmitter(ClassDesc self, Member[] members) {
        this.self = self;
        this.members = members;
    }

    void emit(ClassBuilder clb) {
        CodecGenerator.constants(clb, self, members, false);
        clb.withMethodBody("write", mtd(CD_void, CD_WRITER, CD_OBJECTS), ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, this::write);
        clb.withMethodBody("read", mtd(CD_OBJECTS, CD_READER), ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, this::read);
    }

    private void write(CodeBuilder cb) {
        int w = 1;
        int vals = 2;
        int out = cb.allocateLocal(TypeKind.REFERENCE);
        cb.aload(w).invokestatic(CD_GEN, "out", mtd(CD_BUFFER, CD_WRITER)).astore(out);
        for (int i = 0; i < members.length; i++) {
            Member m = members[i];
            int at = i;
            Runnable value = () -> cb.aload(vals).loadConstant(at).aaload();
            switch (m.kind()) {
                case PRIM -> {
                    PrimitiveCodec p = (PrimitiveCodec) m.codec();
                    PrimitiveEmitter.put(cb, p, out, w, true, () -> {
                        value.run();
                        PrimitiveEmitter.unbox(cb, PrimitiveEmitter.natural(p));
                    });
                }
                case LOCAL -> {
                }
                case GEN, OTHER -> {
                    CodecGenerator.writeScalars(cb, self, members, i, () -> {
                        cb.aload(w);
                        value.run();
                        cb.aload(vals).iconst_0();
                    });
                    if (m.codec().hasBuffers()) {
                        CodecGenerator.writeBuffers(cb, self, members, i, () -> {
                            cb.aload(w);
                            value.run();
                            cb.aload(vals);
                        });
                    }
                }
            }
        }
        cb.return_();
    }

    private void read(CodeBuilder cb) {
        int r = 1;
        int vals = cb.allocateLocal(TypeKind.REFERENCE);
        cb.loadConstant(members.length).anewarray(CD_Object).astore(vals);
        for (int i = 0; i < members.length; i++) {
            Member m = members[i];
            int at = i;
            switch (m.kind()) {
                case PRIM -> {
                    PrimitiveCodec p = (PrimitiveCodec) m.codec();
                    cb.aload(vals).loadConstant(i);
                    PrimitiveEmitter.read(cb, p, r);
                    PrimitiveEmitter.box(cb, PrimitiveEmitter.natural(p));
                    cb.aastore();
                }
                case LOCAL -> {
                }
                case GEN, OTHER -> {
                    cb.aload(vals).loadConstant(i);
                    if (m.codec().hasBuffers()) {
                        CodecGenerator.read(cb, self, members, i, () -> cb.aload(r).aload(vals));
                    } else {
                        CodecGenerator.readScalars(cb, self, members, at, () -> cb.aload(r).aload(vals).iconst_m1());
                    }
                    cb.aastore();
                }
            }
        }
        for (int i = 0; i < members.length; i++) {
            if (members[i].codec() instanceof LocalCodec local) {
                cb.aload(vals).loadConstant(i);
                boxedConstant(cb, local.defaultValue());
                cb.aastore();
            }
        }
        cb.aload(vals).areturn();
    }

    /** Pushes {@code v} (null or a boxed zero of a {@link LocalCodec}) as the same boxed value. */
    static void boxedConstant(CodeBuilder cb, Object v) {
        if (v == null) {
            cb.aconst_null();
            return;
        }
        Class<?> prim = switch (v) {
            case Boolean b -> boolean.class;
            case Byte b -> byte.class;
            case Short s -> short.class;
            case Character c -> char.class;
            case Integer n -> int.class;
            case Long n -> long.class;
            case Float f -> float.class;
            case Double d -> double.class;
            default -> throw new IllegalArgumentException("not a boxed primitive: " + v.getClass());
        };
        PrimitiveEmitter.zero(cb, prim);
        PrimitiveEmitter.box(cb, prim);
    }
}
