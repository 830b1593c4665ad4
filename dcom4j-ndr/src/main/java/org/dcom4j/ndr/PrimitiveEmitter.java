package org.dcom4j.ndr;

import static org.dcom4j.ndr.CodecGenerator.CD_BUFFER;
import static org.dcom4j.ndr.CodecGenerator.CD_GEN;
import static org.dcom4j.ndr.CodecGenerator.CD_READER;
import static org.dcom4j.ndr.CodecGenerator.CD_WRITER;
import static org.dcom4j.ndr.CodecGenerator.mtd;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;

/**
 * Bytecode for primitives (C706 14.2) in generated codecs: the same wire form as {@link PrimitiveCodec}
 * (each aligned to its size; {@code U8}/{@code U16} range-checked after the alignment, as there),
 * boxing and unboxing where a value goes to or comes from an {@code Object[]}.
 */
final class PrimitiveEmitter {
    private PrimitiveEmitter() {
    }

    /** The Java type a primitive codec carries unboxed ({@code int} for {@code long}, {@code U8}, {@code U16}). */
    static Class<?> natural(PrimitiveCodec p) {
        return switch (p) {
            case BOOLEAN -> boolean.class;
            case SMALL -> byte.class;
            case SHORT -> short.class;
            case LONG, U8, U16 -> int.class;
            case HYPER -> long.class;
            case WCHAR -> char.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
        };
    }

    static ClassDesc boxOf(Class<?> prim) {
        return CodecGenerator.desc(java.lang.invoke.MethodType.methodType(prim).wrap().returnType());
    }

    /** Boxes the primitive of type {@code prim} on the stack with {@code valueOf} (as autoboxing does). */
    static void box(CodeBuilder cb, Class<?> prim) {
        ClassDesc b = boxOf(prim);
        cb.invokestatic(b, "valueOf", mtd(b, CodecGenerator.desc(prim)));
    }

    /** Unboxes the {@code Object} on the stack to {@code prim} (a ClassCastException for another type). */
    static void unbox(CodeBuilder cb, Class<?> prim) {
        ClassDesc b = boxOf(prim);
        cb.checkcast(b);
        cb.invokevirtual(b, prim.getName() + "Value", mtd(CodecGenerator.desc(prim)));
    }

    /** Pushes the default value of {@code type} (what a {@link NotTransmitted} member decodes as). */
    static void zero(CodeBuilder cb, Class<?> type) {
        switch (TypeKind.from(type)) {
            case LONG -> cb.lconst_0();
            case FLOAT -> cb.fconst_0();
            case DOUBLE -> cb.dconst_0();
            case REFERENCE -> cb.aconst_null();
            default -> cb.iconst_0();
        }
    }

    /**
     * Writes the value {@code value} pushes (of the natural type) to the buffer in {@code out}:
     * {@code align} false when the offset is known to be aligned already.
     */
    static void put(CodeBuilder cb, PrimitiveCodec p, int out, int w, boolean align, Runnable value) {
        if (align && p.size() > 1) {
            cb.aload(out).loadConstant(p.size()).invokevirtual(CD_BUFFER, "align", mtd(ConstantDescs.CD_void, ConstantDescs.CD_int));
        }
        cb.aload(out);
        switch (p) {
            case U8, U16 -> {
                cb.aload(w);
                value.run();
                cb.invokestatic(CD_GEN, p == PrimitiveCodec.U8 ? "u8" : "u16", mtd(ConstantDescs.CD_int, CD_WRITER, ConstantDescs.CD_int));
            }
            case FLOAT -> {
                value.run();
                cb.invokestatic(ConstantDescs.CD_Float, "floatToRawIntBits", mtd(ConstantDescs.CD_int, ConstantDescs.CD_float));
            }
            case DOUBLE -> {
                value.run();
                cb.invokestatic(ConstantDescs.CD_Double, "doubleToRawLongBits", mtd(ConstantDescs.CD_long, ConstantDescs.CD_double));
            }
            default -> value.run();
        }
        String put = switch (p) {
            case BOOLEAN, SMALL, U8 -> "put8";
            case SHORT, WCHAR, U16 -> "put16";
            case LONG, FLOAT -> "put32";
            case HYPER, DOUBLE -> "put64";
        };
        ClassDesc arg = p == PrimitiveCodec.HYPER || p == PrimitiveCodec.DOUBLE ? ConstantDescs.CD_long : ConstantDescs.CD_int;
        cb.invokevirtual(CD_BUFFER, put, mtd(ConstantDescs.CD_void, arg));
    }

    /** Reads one value with the reader in {@code r}, leaving it on the stack as its natural type. */
    static void read(CodeBuilder cb, PrimitiveCodec p, int r) {
        cb.aload(r);
        switch (p) {
            case BOOLEAN -> cb.invokestatic(CD_GEN, "bool", mtd(ConstantDescs.CD_boolean, CD_READER));
            case SMALL -> cb.invokestatic(CD_GEN, "u8", mtd(ConstantDescs.CD_int, CD_READER)).i2b();
            case U8 -> cb.invokestatic(CD_GEN, "u8", mtd(ConstantDescs.CD_int, CD_READER));
            case SHORT -> cb.invokestatic(CD_GEN, "u16", mtd(ConstantDescs.CD_int, CD_READER)).i2s();
            case WCHAR -> cb.invokestatic(CD_GEN, "u16", mtd(ConstantDescs.CD_int, CD_READER)).i2c();
            case U16 -> cb.invokestatic(CD_GEN, "u16", mtd(ConstantDescs.CD_int, CD_READER));
            case LONG -> cb.invokestatic(CD_GEN, "i32", mtd(ConstantDescs.CD_int, CD_READER));
            case HYPER -> cb.invokestatic(CD_GEN, "i64", mtd(ConstantDescs.CD_long, CD_READER));
            case FLOAT -> cb.invokestatic(CD_GEN, "f32", mtd(ConstantDescs.CD_float, CD_READER));
            case DOUBLE -> cb.invokestatic(CD_GEN, "f64", mtd(ConstantDescs.CD_double, CD_READER));
        }
    }
}
