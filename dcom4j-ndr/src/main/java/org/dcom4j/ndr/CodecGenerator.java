package org.dcom4j.ndr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates, once per record type and per parameter list, a hidden class extending
 * {@link GeneratedCodec} that does what {@link StructCodec}'s and {@link ParameterList}'s generic code
 * does, byte for byte and error for error, in straight-line code: the record's accessors and canonical
 * constructor called directly (the class is the record's nestmate, defined with
 * {@code privateLookupIn(record).defineHiddenClassWithClassData(…, NESTMATE)}), primitives written and
 * read inline without boxing, the alignment of a primitive that follows primitives in a structure
 * known at generation time, and each child codec a {@code static final} constant taken from the class
 * data (a child record's own generated codec where there is one) so that the JIT sees one receiver.
 * Correlation values ({@code size_is} …) are boxed into an {@code Object[]} only for a record whose
 * members read them ({@link Codec#usesContext()}); a record with deferred pointers keeps its decode
 * state in an {@code Object[]} between the two passes (C706 14.3.12), as the generic code.
 *
 * <p>Generation is skipped (the generic code runs) when the system property
 * {@code dcom4j.ndr.generate} is {@code false}, and when it fails (logged as a warning).
 */
final class CodecGenerator {
    private static final boolean ENABLED = !"false".equals(System.getProperty("dcom4j.ndr.generate"));
    private static final System.Logger LOG = System.getLogger(CodecGenerator.class.getName());

    static final ClassDesc CD_GEN = desc(GeneratedCodec.class);
    static final ClassDesc CD_WRITER = desc(Writer.class);
    static final ClassDesc CD_READER = desc(Reader.class);
    static final ClassDesc CD_BUFFER = desc(NdrBuffer.class);
    static final ClassDesc CD_EXCEPTION = desc(NdrException.class);
    static final ClassDesc CD_OBJECTS = CD_Object.arrayType();

    private CodecGenerator() {
    }

    static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow(() -> new IllegalArgumentException("no descriptor for " + c));
    }

    /** What the generated code does for one member. */
    enum Kind {
        /** A primitive written and read inline. */
        PRIM,
        /** {@link NotTransmitted}: nothing on the wire. */
        LOCAL,
        /** A record with its own generated codec, called directly. */
        GEN,
        /** Any other codec, called through a {@link GeneratedCodec} helper. */
        OTHER
    }

    /** One member: its codec, its Java type, and how the generated code treats it. */
    record Member(String where, Codec codec, Class<?> type, Kind kind) {
        static Member of(String where, Codec codec, Class<?> type) {
            Kind k;
            if (codec instanceof PrimitiveCodec && type.isPrimitive()) {
                k = Kind.PRIM;
            } else if (codec instanceof LocalCodec) {
                k = Kind.LOCAL;
            } else if (codec instanceof StructCodec s && s.generated() != null) {
                k = Kind.GEN;
            } else {
                k = Kind.OTHER;
            }
            return new Member(where, codec, type, k);
        }

        /** The class data constant of this member (null for PRIM and LOCAL). */
        Object constant() {
            return switch (kind) {
                case PRIM, LOCAL -> null;
                case GEN -> ((StructCodec) codec).generated();
                case OTHER -> codec;
            };
        }

        boolean nullable() {
            return ParameterList.nullable(codec);
        }
    }

    /** The generated codec of a derived record, or null when generation is off or failed. */
    static GeneratedCodec struct(StructCodec codec, Class<?> type) {
        if (!ENABLED) {
            return null;
        }
        try {
            RecordComponent[] rcs = type.getRecordComponents();
            Codec[] codecs = codec.codecs();
            Member[] members = new Member[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                members[i] = Member.of(type.getSimpleName() + "." + rcs[i].getName(), codecs[i], rcs[i].getType());
            }
            int last = rcs.length - 1;
            if (codec.conformant() && members[last].kind() == Kind.GEN) {
                // its conformance() (the hoisted max_count) is StructCodec's: call it through the StructCodec
                members[last] = new Member(members[last].where(), codecs[last], rcs[last].getType(), Kind.OTHER);
            }
            ClassDesc self = ClassDesc.of(type.getName() + "$$NdrCodec");
            Object[] data = classData(members, codec.params() ? codec.list() : null);
            byte[] bytes = build(self, type.getClassLoader(), cb -> new RecordEmitter(self, type, rcs, members, codec).emit(cb));
            MethodHandles.Lookup owner = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            return instantiate(owner.defineHiddenClassWithClassData(bytes, data, true, MethodHandles.Lookup.ClassOption.NESTMATE));
        } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "NDR codec generation failed for " + type.getName()
                    + "; the generic codec is used", e);
            return null;
        }
    }

    /** The generated codec of a parameter list, or null when generation is off or failed. */
    static GeneratedCodec parameters(Codec[] codecs) {
        if (!ENABLED) {
            return null;
        }
        try {
            Member[] members = new Member[codecs.length];
            for (int i = 0; i < codecs.length; i++) {
                members[i] = Member.of("parameter " + i, codecs[i],
                        codecs[i] instanceof PrimitiveCodec p ? PrimitiveEmitter.natural(p) : Object.class);
            }
            ClassDesc self = ClassDesc.of(ParameterList.class.getName() + "$$NdrCodec");
            byte[] bytes = build(self, ParameterList.class.getClassLoader(),
                    cb -> new ParameterEmitter(self, members).emit(cb));
            return instantiate(MethodHandles.lookup().defineHiddenClassWithClassData(bytes, classData(members, null), true));
        } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "NDR codec generation failed for a parameter list; the generic codec is used", e);
            return null;
        }
    }

    private static Object[] classData(Member[] members, ParameterList list) {
        Object[] data = new Object[members.length + 1];
        for (int i = 0; i < members.length; i++) {
            data[i] = members[i].constant();
        }
        data[members.length] = list;
        return data;
    }

    private static byte[] build(ClassDesc self, ClassLoader loader, Consumer<ClassBuilder> body) {
        ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.of(List.of(), Map.of(self, CD_GEN)))
                .orElse(ClassHierarchyResolver.ofClassLoading(loader != null ? loader : ClassLoader.getPlatformClassLoader()))
                .orElse(ClassHierarchyResolver.ofClassLoading(CodecGenerator.class.getClassLoader()));
        return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver)).build(self, clb -> {
            clb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            clb.withSuperclass(CD_GEN);
            clb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC,
                    cb -> cb.aload(0).invokespecial(CD_GEN, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void).return_());
            body.accept(clb);
        });
    }

    private static GeneratedCodec instantiate(MethodHandles.Lookup hidden) throws ReflectiveOperationException {
        try {
            return (GeneratedCodec) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    // ---- shared emission helpers ----

    /** Declares the static finals of the constants and the class initialiser loading them from the class data. */
    static void constants(ClassBuilder clb, ClassDesc self, Member[] members, boolean list) {
        for (int i = 0; i < members.length; i++) {
            if (members[i].constant() != null) {
                clb.withField("c" + i, fieldType(members[i]), ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
            }
        }
        if (list) {
            clb.withField("list", CD_Object, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
        }
        clb.withMethodBody(ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC, cb -> {
            ClassDesc lookup = desc(MethodHandles.Lookup.class);
            cb.invokestatic(desc(MethodHandles.class), "lookup", MethodTypeDesc.of(lookup));
            cb.ldc(ConstantDescs.DEFAULT_NAME);
            cb.ldc(CD_OBJECTS);
            cb.invokestatic(desc(MethodHandles.class), "classData",
                    MethodTypeDesc.of(CD_Object, lookup, CD_String, ConstantDescs.CD_Class));
            cb.checkcast(CD_OBJECTS);
            cb.astore(0);
            for (int i = 0; i < members.length; i++) {
                if (members[i].constant() != null) {
                    cb.aload(0).loadConstant(i).aaload();
                    if (members[i].kind() == Kind.GEN) {
                        cb.checkcast(CD_GEN);
                    }
                    cb.putstatic(self, "c" + i, fieldType(members[i]));
                }
            }
            if (list) {
                cb.aload(0).loadConstant(members.length).aaload().putstatic(self, "list", CD_Object);
            }
            cb.return_();
        });
    }

    static ClassDesc fieldType(Member m) {
        return m.kind() == Kind.GEN ? CD_GEN : CD_Object;
    }

    /** Pushes the constant of member {@code i} (GEN or OTHER). */
    static void constant(CodeBuilder cb, ClassDesc self, Member[] members, int i) {
        cb.getstatic(self, "c" + i, fieldType(members[i]));
    }

    static MethodTypeDesc mtd(ClassDesc ret, ClassDesc... params) {
        return MethodTypeDesc.of(ret, params);
    }

    /** Calls {@code writeScalars} of member {@code i}'s codec; the value, ctx and hoisted flag pushed by {@code args}. */
    static void writeScalars(CodeBuilder cb, ClassDesc self, Member[] members, int i, Runnable args) {
        constant(cb, self, members, i);
        args.run();
        if (members[i].kind() == Kind.GEN) {
            cb.invokevirtual(CD_GEN, "writeScalars", mtd(CD_void, CD_WRITER, CD_Object, CD_OBJECTS, CD_boolean));
        } else {
            cb.invokestatic(CD_GEN, "writeScalars", mtd(CD_void, CD_Object, CD_WRITER, CD_Object, CD_OBJECTS, CD_boolean));
        }
    }

    static void writeBuffers(CodeBuilder cb, ClassDesc self, Member[] members, int i, Runnable args) {
        constant(cb, self, members, i);
        args.run();
        if (members[i].kind() == Kind.GEN) {
            cb.invokevirtual(CD_GEN, "writeBuffers", mtd(CD_void, CD_WRITER, CD_Object, CD_OBJECTS));
        } else {
            cb.invokestatic(CD_GEN, "writeBuffers", mtd(CD_void, CD_Object, CD_WRITER, CD_Object, CD_OBJECTS));
        }
    }

    static void readScalars(CodeBuilder cb, ClassDesc self, Member[] members, int i, Runnable args) {
        constant(cb, self, members, i);
        args.run();
        if (members[i].kind() == Kind.GEN) {
            cb.invokevirtual(CD_GEN, "readScalars", mtd(CD_Object, CD_READER, CD_OBJECTS, CD_int));
        } else {
            cb.invokestatic(CD_GEN, "readScalars", mtd(CD_Object, CD_Object, CD_READER, CD_OBJECTS, CD_int));
        }
    }

    static void readBuffers(CodeBuilder cb, ClassDesc self, Member[] members, int i, Runnable args) {
        constant(cb, self, members, i);
        args.run();
        if (members[i].kind() == Kind.GEN) {
            cb.invokevirtual(CD_GEN, "readBuffers", mtd(CD_Object, CD_READER, CD_Object, CD_OBJECTS));
        } else {
            cb.invokestatic(CD_GEN, "readBuffers", mtd(CD_Object, CD_Object, CD_READER, CD_Object, CD_OBJECTS));
        }
    }

    static void read(CodeBuilder cb, ClassDesc self, Member[] members, int i, Runnable args) {
        constant(cb, self, members, i);
        args.run();
        if (members[i].kind() == Kind.GEN) {
            cb.invokevirtual(CD_GEN, "read", mtd(CD_Object, CD_READER, CD_OBJECTS));
        } else {
            cb.invokestatic(CD_GEN, "read", mtd(CD_Object, CD_Object, CD_READER, CD_OBJECTS));
        }
    }

    /** Throws the NdrException a helper returns: helper(w-or-r, text). */
    static void throwError(CodeBuilder cb, int slot, ClassDesc slotType, String helper, String text) {
        cb.aload(slot).ldc(text).invokestatic(CD_GEN, helper, mtd(CD_EXCEPTION, slotType, CD_String)).athrow();
    }

    /** {@code if (slot == null) throw helper(w, text)}. */
    static void nullCheck(CodeBuilder cb, int valueSlot, int writerSlot, String helper, String text) {
        Label ok = cb.newLabel();
        cb.aload(valueSlot).ifnonnull(ok);
        throwError(cb, writerSlot, CD_WRITER, helper, text);
        cb.labelBinding(ok);
    }
}
