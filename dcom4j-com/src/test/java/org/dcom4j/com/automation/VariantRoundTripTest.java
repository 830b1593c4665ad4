package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.VarType.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.SafeArrayBound;
import org.dcom4j.com.automation.wire.WireSafeArray;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.ndr.NdrCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Variant kind through toWire → NDR encode → decode → fromWire, and the named refusals. */
class VariantRoundTripTest {
    static final NdrCodec<WireVectorTest.OneVariant> ONE = NdrCodec.of(WireVectorTest.OneVariant.class);
    static final MInterfacePointer ITF = MInterfacePointer.of(new byte[] {1, 2, 3, 4});

    static Stream<Variant> everyKind() {
        List<Variant> all = new ArrayList<>(List.of(
                Variant.empty(), Variant.nullValue(), Variant.i1((byte) -2), Variant.ui1((byte) 0xFE), Variant.i2((short) -3),
                Variant.ui2((short) 0xFFFD), Variant.i4(42), Variant.ui4(-1), Variant.intValue(-7), Variant.uintValue(7),
                Variant.i8(Long.MIN_VALUE), Variant.ui8(-1L), Variant.r4(1.25f), Variant.r8(Math.PI), Variant.cy(123_4567L),
                Variant.date(45000.25), Variant.bstr("h\u00e9llo \ud83d\ude00"), Variant.bstr(""), Variant.bstr(null),
                Variant.error(0x80020004), Variant.bool(true), Variant.bool(false),
                Variant.decimal(new BigDecimal("-123456789012345678901234.5678")),
                Variant.decimal(new BigDecimal(BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE), 28)),
                Variant.dispatch(ITF), Variant.unknown(null),
                Variant.byRef(Variant.i4(5)), Variant.byRef(Variant.ui1((byte) 1)), Variant.byRef(Variant.bool(true)),
                Variant.byRef(Variant.i8(9)), Variant.byRef(Variant.r4(2f)), Variant.byRef(Variant.date(1.5)),
                Variant.byRef(Variant.decimal(BigDecimal.TEN)), Variant.byRef(Variant.bstr("r")), Variant.byRef(Variant.bstr(null)),
                Variant.byRef(Variant.dispatch(ITF)), Variant.byRef(Variant.unknown(null)),
                Variant.byRefVariant(Variant.bstr("inner")), Variant.byRefVariant(Variant.byRefVariant(Variant.i2((short) 1)))));
        for (int vt : new int[] {VT_I1, VT_UI1, VT_I2, VT_UI2, VT_BOOL, VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR, VT_R4, VT_I8,
            VT_UI8, VT_R8, VT_CY, VT_DATE, VT_BSTR, VT_DISPATCH, VT_UNKNOWN, VT_VARIANT}) {
            all.add(Variant.array(SafeArray.of(vt, sample(vt, 0), sample(vt, 1), sample(vt, 2))));
        }
        all.add(Variant.array(new SafeArray(VT_I4, List.of(new SafeArray.Bound(1, 2), new SafeArray.Bound(0, 3)),
                List.of(10, 20, 11, 21, 12, 22))));
        all.add(Variant.array(new SafeArray(VT_R8, List.of(new SafeArray.Bound(-5, 0)), List.of())));
        all.add(Variant.byRef(Variant.array(SafeArray.of(VT_BSTR, "a", null))));
        return all.stream();
    }

    static Object sample(int vt, int i) {
        return switch (vt) {
            case VT_I1, VT_UI1 -> (byte) (i - 1);
            case VT_I2, VT_UI2 -> (short) (i - 1);
            case VT_BOOL -> i % 2 == 0;
            case VT_I4, VT_UI4, VT_INT, VT_UINT, VT_ERROR -> i - 1;
            case VT_R4 -> i + 0.5f;
            case VT_I8, VT_UI8, VT_CY -> (long) i << 40;
            case VT_R8, VT_DATE -> i * 1.5;
            case VT_BSTR -> i == 1 ? null : "s" + i;
            case VT_DISPATCH, VT_UNKNOWN -> i == 1 ? null : ITF;
            case VT_VARIANT -> i == 0 ? Variant.i4(i) : i == 1 ? Variant.bstr("v") : Variant.array(SafeArray.of(VT_I2, (short) 9));
            default -> throw new AssertionError(vt);
        };
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsThroughTheWire(Variant v) {
        WireVariant w = Variants.toWire(v);
        byte[] bytes = ONE.encode(new WireVectorTest.OneVariant(w));
        WireVariant back = ONE.decode(bytes).v();
        Variant again = Variants.fromWire(back);
        assertEquals(normalise(v), normalise(again), v.toString());
        assertArrayEquals(bytes, ONE.encode(new WireVectorTest.OneVariant(Variants.toWire(again))));
    }

    /** MInterfacePointer has an array component (identity equality): compare its bytes through toString. */
    private static String normalise(Variant v) {
        return v.toString().replaceAll("MInterfacePointer\\[[^\\]]*\\]", "ITF");
    }

    @Test
    void writesTheSpecHeaderFieldsForArrays() {
        WireSafeArray sa = assertInstanceOf(WireVariant.Array.class,
                Variants.toWire(Variant.array(SafeArray.of(VT_VARIANT, Variant.i4(1)))).varUnion()).value().value();
        assertEquals(WireSafeArray.FADF_HAVEVARTYPE | WireSafeArray.FADF_VARIANT, sa.fFeatures());
        assertEquals(16, sa.cbElements());
        assertEquals(VT_VARIANT << 16, sa.cLocks());
        WireVariant twoD = Variants.toWire(new Variant(VT_ARRAY | VT_I4, new SafeArray(VT_I4,
                List.of(new SafeArray.Bound(1, 2), new SafeArray.Bound(0, 3)), List.of(1, 2, 3, 4, 5, 6))));
        assertEquals(0x2003, twoD.vt());
        assertEquals(List.of(new SafeArrayBound(3, 0), new SafeArrayBound(2, 1)),
                ((WireVariant.Array) twoD.varUnion()).value().value().rgsabound());
    }

    @Test
    void matchesImpacketsTwoDimensionalArrayBytes() {
        Variant v = new Variant(VT_ARRAY | VT_I4, new SafeArray(VT_I4, List.of(new SafeArray.Bound(1, 2), new SafeArray.Bound(0, 3)),
                List.of(10, 20, 11, 21, 12, 22)));
        byte[] ours = ONE.encode(new WireVectorTest.OneVariant(Variants.toWire(v)));
        byte[] impacket = OautVectors.hex("safearray-2d-i4");
        // impacket's vector has clSize 0; ours (the first word of the wireVARIANTStr, at offset 8) counts
        // 24 bytes of VARIANT + 4 (SAFEARRAY pointer) + 44 of wireSAFEARRAY + 28 of elements = 100 bytes = 13 quad words
        assertEquals(13, ours[8]);
        ours[8] = 0;
        OautVectors.assertSameExceptPaddingAndReferentIds(impacket, ours);
        assertEquals(v, Variants.fromWire(ONE.decode(impacket).v()));
    }

    /** The sizes Wine's VARIANT_UserMarshal conformance tests expect from Windows: (bytes + 7) >> 3, referents included. */
    @Test
    void clSizeIsTheWholeMarshalledSizeInQuadWords() {
        assertEquals(3, Variants.toWire(Variant.i1((byte) 0x12)).clSize());           // 21 bytes
        assertEquals(3, Variants.toWire(Variant.bool(true)).clSize());                // 22
        assertEquals(3, Variants.toWire(Variant.i4(1)).clSize());                     // 24
        assertEquals(4, Variants.toWire(Variant.byRef(Variant.i2((short) 1))).clSize()); // 26
        assertEquals(4, Variants.toWire(Variant.byRef(Variant.ui4(1))).clSize());     // 28
        assertEquals(4, Variants.toWire(Variant.r8(1)).clSize());                     // 32
        assertEquals(4, Variants.toWire(Variant.byRef(Variant.r8(1))).clSize());      // 32
        assertEquals(5, Variants.toWire(Variant.decimal(BigDecimal.ONE)).clSize());   // 40
        // VT_BSTR "abc": 24 + max_count, cBytes, clSize (12) + 6 = 42 bytes
        assertEquals(6, Variants.toWire(Variant.bstr("abc")).clSize());
        // Wine's test sizes for BSTR "marshal test" (60, 64 by reference), VT_BYREF|VT_VARIANT → VT_R8 (64)
        assertEquals(60, encodedSize(Variant.bstr("marshal test")));
        assertEquals(64, encodedSize(Variant.byRef(Variant.bstr("marshal test"))));
        assertEquals(64, encodedSize(Variant.byRefVariant(Variant.r8(3.1415))));
        // and for a 10-element VT_R8 SAFEARRAY (lower bound 5) in a VARIANT, by value and by reference: 152
        Object[] ten = new Object[10];
        java.util.Arrays.fill(ten, 0.0);
        SafeArray r8 = new SafeArray(VT_R8, List.of(new SafeArray.Bound(5, 10)), List.of(ten));
        assertEquals(152, encodedSize(Variant.array(r8)));
        assertEquals(152, encodedSize(Variant.byRef(Variant.array(r8))));
        assertEquals(19, Variants.toWire(Variant.array(r8)).clSize());
    }

    /** The size of the marshalled wireVARIANTStr alone (our stub minus the 8 bytes of referent id and padding). */
    private static int encodedSize(Variant v) {
        return ONE.encode(new WireVectorTest.OneVariant(Variants.toWire(v))).length - 8;
    }

    @Test
    void dispParamsCarryNamedArguments() {
        DispParams p = Variants.toWire(List.of(Variant.i4(3), Variant.bstr("x")), new int[] {-3});
        assertEquals(2, p.cArgs());
        assertEquals(1, p.cNamedArgs());
        assertEquals(List.of(Variant.i4(3), Variant.bstr("x")), Variants.arguments(p));
        DispParams none = Variants.toWire(List.of(), new int[0]);
        assertEquals(null, none.rgvarg());
        assertEquals(List.of(), Variants.arguments(none));
    }

    @Test
    void variantOfMapsJavaTypes() {
        assertEquals(Variant.i4(1), Variant.of(1));
        assertEquals(Variant.i8(1L), Variant.of(1L));
        assertEquals(Variant.r8(1.0), Variant.of(1.0));
        assertEquals(Variant.r4(1f), Variant.of(1f));
        assertEquals(Variant.i2((short) 1), Variant.of((short) 1));
        assertEquals(Variant.i1((byte) 1), Variant.of((byte) 1));
        assertEquals(Variant.bool(true), Variant.of(true));
        assertEquals(Variant.bstr("s"), Variant.of("s"));
        assertEquals(Variant.decimal(BigDecimal.ONE), Variant.of(BigDecimal.ONE));
        assertEquals(Variant.empty(), Variant.of(null));
        assertEquals(VT_ARRAY | VT_BSTR, Variant.of(SafeArray.of(VT_BSTR, "a")).vt());
        assertThrows(IllegalArgumentException.class, () -> Variant.of(new Object()));
    }

    @Test
    void printsValuesAndNames() {
        assertEquals("VT_I4 42", Variant.i4(42).toString());
        assertEquals("VT_UI1 254", Variant.ui1((byte) 0xFE).toString());
        assertEquals("VT_UI4 4294967295", Variant.ui4(-1).toString());
        assertEquals("VT_BSTR \"x\"", Variant.bstr("x").toString());
        assertEquals("VT_EMPTY", Variant.empty().toString());
        assertEquals("VT_CY 12.3456", Variant.cy(123456).toString());
        assertEquals("VT_ARRAY|VT_I4", VarType.name(VT_ARRAY | VT_I4));
        assertEquals("VT_BYREF|VT_VARIANT", VarType.name(VT_BYREF | VT_VARIANT));
        assertEquals("VT_0x24", VarType.name(0x24));
    }

    @Test
    void refusesValuesOfTheWrongType() {
        assertThrows(IllegalArgumentException.class, () -> new Variant(VT_I4, 1L));
        assertThrows(IllegalArgumentException.class, () -> new Variant(VT_EMPTY, 1));
        assertThrows(IllegalArgumentException.class, () -> new Variant(VT_BYREF | VT_VARIANT, null));
        assertThrows(IllegalArgumentException.class, () -> new Variant(VT_ARRAY | VT_I2, SafeArray.of(VT_I4, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Variant(0x1003, 1));
        assertThrows(IllegalArgumentException.class, () -> Variant.decimal(new BigDecimal(BigInteger.ONE.shiftLeft(96))));
        assertThrows(IllegalArgumentException.class, () -> Variant.decimal(new BigDecimal("1e-29")));
        assertEquals(new BigDecimal("100"), Variant.decimal(new BigDecimal("1e2")).value());
    }

    @Test
    void toWireRefusesAnUnmarshalledInterface() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variants.toWire(Variant.dispatch(new Object())));
        assertTrue(e.getMessage().contains("MInterfacePointer"), e.getMessage());
    }

    /** A wire VARIANT as a peer may send it: no consistency checks, clSize 0 (WireVariant.of would encode it). */
    private static WireVariant raw(int vt, WireVariant.Body body) {
        return new WireVariant(0, 0, vt, 0, 0, 0, body);
    }

    @Test
    void refusesASafeArrayWhoseCDimsDisagreesWithItsBounds() {
        WireSafeArray sa = new WireSafeArray(2, WireSafeArray.FADF_HAVEVARTYPE, 4, VT_I4 << 16,
                new WireSafeArray.LongStr(1, new int[] {1}), List.of(new SafeArrayBound(1, 0)));
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | VT_I4, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.Kind.INVALID_ARG, e.kind());
        assertTrue(e.getMessage().contains("cDims=2"), e.getMessage());
        // and on the wire NDR sees max_count (1) disagree with cDims (2)
        assertThrows(org.dcom4j.ndr.NdrException.class,
                () -> ONE.encode(new WireVectorTest.OneVariant(raw(VT_ARRAY | VT_I4, new WireVariant.Array(new WireVariant.SafeArrayRef(sa))))));
    }

    @Test
    void refusesAnElementCountOverTheLimit() {
        WireSafeArray sa = new WireSafeArray(1, WireSafeArray.FADF_HAVEVARTYPE, 1, VT_UI1 << 16,
                new WireSafeArray.ByteStr(0, new byte[0]), List.of(new SafeArrayBound(SafeArray.MAX_ELEMENTS + 1, 0)));
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | VT_UI1, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.Kind.INVALID_ARG, e.kind());
        assertTrue(e.getMessage().contains("limit=" + SafeArray.MAX_ELEMENTS), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SafeArray(VT_UI1,
                List.of(new SafeArray.Bound(0, SafeArray.MAX_ELEMENTS + 1)), List.of()));
    }

    @Test
    void refusesACountTimesBoundsOverflow() {
        // 65536 × 65536 wraps to 0 in 32 bits: must be refused, not read as an empty array
        WireSafeArray sa = new WireSafeArray(2, WireSafeArray.FADF_HAVEVARTYPE, 4, VT_I4 << 16,
                new WireSafeArray.LongStr(0, new int[0]), List.of(new SafeArrayBound(0x10000, 0), new SafeArrayBound(0x10000, 0)));
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | VT_I4, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.Kind.INVALID_ARG, e.kind());
        assertThrows(IllegalArgumentException.class, () -> new SafeArray(VT_I4,
                List.of(new SafeArray.Bound(0, 0x10000), new SafeArray.Bound(0, 0x10000)), List.of()));
    }

    @Test
    void refusesAnUnknownVtWithBadVarType() {
        // VT_ARRAY|0x24 (VT_RECORD arrays are not supported) and a known-flag vt with an unknown base
        WireSafeArray sa = new WireSafeArray(1, 0, 4, 0, new WireSafeArray.LongStr(1, new int[] {1}), List.of(new SafeArrayBound(1, 0)));
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | 0x24, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.Kind.BAD_VAR_TYPE, e.kind());
        assertEquals(VariantException.DISP_E_BADVARTYPE, e.hresult());
        VariantException d = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | VT_DECIMAL, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.Kind.BAD_VAR_TYPE, d.kind());
    }

    @Test
    void refusesASafeArrayArmThatDoesNotMatchTheVt() {
        WireSafeArray sa = new WireSafeArray(1, 0, 4, 0, new WireSafeArray.LongStr(1, new int[] {1}), List.of(new SafeArrayBound(1, 0)));
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_ARRAY | VT_BSTR, new WireVariant.Array(new WireVariant.SafeArrayRef(sa)))));
        assertEquals(VariantException.E_INVALIDARG, e.hresult());
    }

    @Test
    void refusesNestingTooDeep() {
        Variant v = Variant.i4(1);
        for (int i = 0; i < Variants.MAX_DEPTH; i++) {
            v = Variant.byRefVariant(v);
        }
        Variant deep = v;
        VariantException e = assertThrows(VariantException.class, () -> Variants.toWire(deep));
        assertEquals(VariantException.Kind.INVALID_ARG, e.kind());
        assertTrue(e.getMessage().contains("limit=" + Variants.MAX_DEPTH), e.getMessage());
        // one level less fits, and arrays of VARIANTs count as levels too
        Variants.toWire(((Variant) deep.value()));
        Variant arrays = Variant.i4(1);
        for (int i = 0; i < Variants.MAX_DEPTH; i++) {
            arrays = Variant.array(SafeArray.of(VT_VARIANT, arrays));
        }
        Variant nested = arrays;
        assertThrows(VariantException.class, () -> Variants.toWire(nested));
        // the same depth arriving from the wire
        WireVariant w = Variants.toWire(Variant.i4(1));
        for (int i = 0; i < Variants.MAX_DEPTH; i++) {
            w = raw(VT_BYREF | VT_VARIANT, new WireVariant.ByRefVariant(new WireVariant.VariantRef(w)));
        }
        WireVariant fromWire = w;
        assertThrows(VariantException.class, () -> Variants.fromWire(fromWire));
    }

    @Test
    void refusesNullPointersWhereAValueIsRequired() {
        VariantException e = assertThrows(VariantException.class,
                () -> Variants.fromWire(raw(VT_BYREF | VT_I4, new WireVariant.ByRefLong4(null))));
        assertEquals(VariantException.Kind.INVALID_ARG, e.kind());
        assertThrows(VariantException.class, () -> Variants.fromWire(null));
        assertThrows(VariantException.class, () -> Variants.arguments(new DispParams(null, null, 1, 0)));
    }
}
