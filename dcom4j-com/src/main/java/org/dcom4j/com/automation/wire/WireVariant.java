package org.dcom4j.com.automation.wire;

import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.ndr.Case;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrUnion;
import org.dcom4j.ndr.SwitchIs;
import org.dcom4j.ndr.U16;
import org.dcom4j.ndr.Unique;

/**
 * wireVARIANTStr (MS-OAUT 2.2.29.1/2.2.29.2); a VARIANT on the wire is {@code typedef [unique]
 * wireVARIANTStr* VARIANT}, so a VARIANT parameter or element is a {@code @Unique WireVariant}.
 * Aligned to 8 (the union has 8-byte arms):
 * <pre>
 * clSize (4) | rpcReserved (4) | vt (2) | wReserved1 (2) | wReserved2 (2) | wReserved3 (2)
 * | _varUnion: discriminant (4, ULONG) | arm (aligned to itself)
 *   e.g. VT_I4:  ... 03 00 00 00 | lVal (4)                       clSize 3
 *        VT_R8:  ... 05 00 00 00 | pad (4) | dblVal (8)           clSize 4
 *        VT_BSTR: ... 08 00 00 00 | referent id (4) … deferred FLAGGED_WORD_BLOB
 *        VT_ARRAY|VT_I4: ... 00 20 00 00 | referent id (4) … referent id (4) | wireSAFEARRAY
 * </pre>
 * The union is {@code [switch_type(ULONG), switch_is(vt)]}, but the discriminant of an array is
 * {@code VT_ARRAY} (or {@code VT_ARRAY|VT_BYREF}) with the element type dropped, while {@code vt} keeps
 * it: {@link Body#discriminant(long)} (the behaviour of Windows' VARIANT wire marshaller, as Wine
 * reimplements it; the IDL's case labels say the same).
 *
 * <p>clSize: the spec asks for "the size, in quad words (64 bits), of the structure"; Windows writes the
 * size of the whole marshalled VARIANT, deferred referents included, rounded up: {@code (bytes + 7) >> 3}
 * (Wine's conformance tests of VARIANT_UserMarshal, which pass on Windows, check exactly that: 3 for
 * VT_I4, 4 for VT_R8 and VT_I2|VT_BYREF, 5 for VT_DECIMAL). {@link #of(int, Body)} computes it the same way
 * ({@link #sizeInQuadWords(int, Body)}); any value is accepted on receipt (impacket's examples send 5
 * whatever the type, and Windows takes it). rpcReserved and wReserved1–3 are written 0 and ignored on
 * receipt.
 *
 * <p>One arm record serves every vt with the same wire representation ({@code @Case} lists them); the
 * {@code vt} field tells them apart. VT_RECORD is not modelled (decoding it fails as an unknown
 * discriminant).
 */
public record WireVariant(int clSize, int rpcReserved, @U16 int vt, @U16 int wReserved1, @U16 int wReserved2,
                          @U16 int wReserved3, @SwitchIs(value = "vt", via = "discriminant") Body varUnion) {

    /** A VARIANT of type {@code vt} with the canonical header (clSize computed, reserved fields 0). */
    public static WireVariant of(int vt, Body body) {
        return new WireVariant(sizeInQuadWords(vt, body), 0, vt, 0, 0, 0, body);
    }

    /**
     * The size of the marshalled wireVARIANTStr of {@code vt} and {@code body}, referents included, in 8-byte
     * units (see the class comment). A VARIANT starts 8-aligned and its referents follow it directly, so
     * its size on its own is its size in any stub.
     */
    public static int sizeInQuadWords(int vt, Body body) {
        int fixed = fixedSize(body);
        if (fixed > 0) {
            return (fixed + 7) >>> 3;
        }
        return (SizeCodec.CODEC.encode(new WireVariant(0, 0, vt, 0, 0, 0, body)).length + 7) >>> 3;
    }

    /**
     * The encoded size of a VARIANT whose arm has no pointer, or a BSTR: the 16-byte header, the 4-byte
     * discriminant, the arm aligned to itself (the calls' hot path: no trial encoding); -1 for the others.
     */
    static int fixedSize(Body body) {
        return switch (body) {
            case Empty e -> 20;
            case Null n -> 20;
            case Byte1 b -> 21;
            case Short2 s -> 22;
            case Long4 l -> 24;
            case Float4 f -> 24;
            case Long8 l -> 32;
            case Double8 d -> 32;
            case DecimalVal d -> 40;
            case Bstr b -> b.value() == null ? 24 : 36 + 2 * b.value().asData().length; // + max_count, cBytes, clSize, chars
            default -> -1;
        };
    }

    /** Holder of the codec used to measure a VARIANT (derived on first use). */
    private static final class SizeCodec {
        static final NdrCodec<WireVariant> CODEC = NdrCodec.of(WireVariant.class);
    }

    /** _varUnion of wireVARIANTStr; the case values are VARTYPEs ({@code VarType} in the friendly layer). */
    @NdrUnion(discriminantBits = 32)
    public sealed interface Body {
        /** The wire discriminant for a vt: VT_ARRAY[|VT_BYREF] without the element type for arrays. */
        static long discriminant(long vt) {
            return (vt & 0x2000) != 0 ? vt & ~0x0FFFL : vt;
        }
    }

    /** VT_EMPTY: no arm. */
    @Case(0)
    public record Empty() implements Body {
    }

    /** VT_NULL: no arm. */
    @Case(1)
    public record Null() implements Body {
    }

    /** VT_I1 cVal, VT_UI1 bVal: 1 byte. */
    @Case({16, 17})
    public record Byte1(byte value) implements Body {
    }

    /** VT_I2 iVal, VT_UI2 uiVal, VT_BOOL boolVal (VARIANT_BOOL: 0xFFFF true, 0 false): 2 bytes. */
    @Case({2, 18, 11})
    public record Short2(short value) implements Body {
    }

    /** VT_I4 lVal, VT_UI4 ulVal, VT_INT intVal, VT_UINT uintVal, VT_ERROR scode: 4 bytes. */
    @Case({3, 19, 22, 23, 10})
    public record Long4(int value) implements Body {
    }

    /** VT_R4 fltVal. */
    @Case(4)
    public record Float4(float value) implements Body {
    }

    /** VT_I8 llVal, VT_UI8 ullVal, VT_CY cyVal (CURRENCY, 2.2.24: the value × 10 000 as a LONGLONG): 8 bytes. */
    @Case({20, 21, 6})
    public record Long8(long value) implements Body {
    }

    /** VT_R8 dblVal, VT_DATE date (2.2.25, an OLE automation date): 8 bytes. */
    @Case({5, 7})
    public record Double8(double value) implements Body {
    }

    /** VT_BSTR bstrVal: a BSTR, i.e. a unique pointer to a FLAGGED_WORD_BLOB. */
    @Case(8)
    public record Bstr(@Unique FlaggedWordBlob value) implements Body {
    }

    /** VT_UNKNOWN punkVal, VT_DISPATCH pdispVal: an interface pointer (unique pointer to MInterfacePointer). */
    @Case({13, 9})
    public record Interface(@Unique MInterfacePointer value) implements Body {
    }

    /** VT_DECIMAL decVal. */
    @Case(14)
    public record DecimalVal(Decimal value) implements Body {
    }

    /**
     * VT_ARRAY|t parray: a PSAFEARRAY, {@code [unique] SAFEARRAY*} where SAFEARRAY is itself {@code [unique]
     * wireSAFEARRAY*} — two referent ids before the wireSAFEARRAY (2.2.30.10/2.2.30.11; Windows' sizes in
     * Wine's VARIANT_UserMarshal conformance tests count both). The element type is in vt.
     */
    @Case(0x2000)
    public record Array(@Unique SafeArrayRef value) implements Body {
    }

    /** VT_BYREF|VT_I1 pcVal, VT_BYREF|VT_UI1 pbVal. */
    @Case({0x4010, 0x4011})
    public record ByRefByte1(@Unique Byte value) implements Body {
    }

    /** VT_BYREF|VT_I2, VT_UI2, VT_BOOL. */
    @Case({0x4002, 0x4012, 0x400B})
    public record ByRefShort2(@Unique Short value) implements Body {
    }

    /** VT_BYREF|VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR. */
    @Case({0x4003, 0x4013, 0x4016, 0x4017, 0x400A})
    public record ByRefLong4(@Unique Integer value) implements Body {
    }

    /** VT_BYREF|VT_R4. */
    @Case(0x4004)
    public record ByRefFloat4(@Unique Float value) implements Body {
    }

    /** VT_BYREF|VT_I8, VT_UI8, VT_CY. */
    @Case({0x4014, 0x4015, 0x4006})
    public record ByRefLong8(@Unique Long value) implements Body {
    }

    /** VT_BYREF|VT_R8, VT_DATE. */
    @Case({0x4005, 0x4007})
    public record ByRefDouble8(@Unique Double value) implements Body {
    }

    /** VT_BYREF|VT_DECIMAL pdecVal. */
    @Case(0x400E)
    public record ByRefDecimal(@Unique Decimal value) implements Body {
    }

    /** VT_BYREF|VT_BSTR pbstrVal: {@code BSTR*}, a pointer to a BSTR pointer. */
    @Case(0x4008)
    public record ByRefBstr(@Unique BstrRef value) implements Body {
    }

    /** VT_BYREF|VT_UNKNOWN ppunkVal, VT_BYREF|VT_DISPATCH ppdispVal: a pointer to an interface pointer. */
    @Case({0x400D, 0x4009})
    public record ByRefInterface(@Unique InterfaceRef value) implements Body {
    }

    /** VT_BYREF|VT_ARRAY|t pparray: {@code PSAFEARRAY*} — three referent ids before the wireSAFEARRAY. */
    @Case(0x6000)
    public record ByRefArray(@Unique PSafeArrayRef value) implements Body {
    }

    /** VT_BYREF|VT_VARIANT pvarVal: {@code VARIANT*}, a pointer to a VARIANT (itself a unique pointer). */
    @Case(0x400C)
    public record ByRefVariant(@Unique VariantRef value) implements Body {
    }

    /** The pointee of a {@code BSTR*}: one BSTR (a unique pointer; NULL allowed). */
    public record BstrRef(@Unique FlaggedWordBlob value) {
    }

    /** The pointee of an {@code IUnknown**}: one interface pointer. */
    public record InterfaceRef(@Unique MInterfacePointer value) {
    }

    /** The pointee of a PSAFEARRAY: one SAFEARRAY, i.e. a unique pointer to a wireSAFEARRAY. */
    public record SafeArrayRef(@Unique WireSafeArray value) {
    }

    /** The pointee of a {@code PSAFEARRAY*}: one PSAFEARRAY. */
    public record PSafeArrayRef(@Unique SafeArrayRef value) {
    }

    /** The pointee of a {@code VARIANT*}: one VARIANT (a unique pointer to wireVARIANTStr). */
    public record VariantRef(@Unique WireVariant value) {
    }
}
