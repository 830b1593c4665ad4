package org.dcom4j.com.automation;

import static org.dcom4j.com.automation.OautVectors.assertSameExceptPaddingAndReferentIds;
import static org.dcom4j.com.automation.OautVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.automation.wire.Decimal;
import org.dcom4j.com.automation.wire.Dispatch;
import org.dcom4j.com.automation.wire.DispParams;
import org.dcom4j.com.automation.wire.ExcepInfo;
import org.dcom4j.com.automation.wire.FlaggedWordBlob;
import org.dcom4j.com.automation.wire.WireSafeArray;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Unique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our MS-OAUT records against the bytes of {@code gen_oaut_vectors.py} (impacket 0.10.0's NDR engine):
 * decode, compare values, re-encode and compare bytes except impacket's padding and referent ids.
 */
class WireVectorTest {
    /** One VARIANT parameter: {@code [unique] wireVARIANTStr*}. */
    @NdrParameters
    record OneVariant(@Unique WireVariant v) {
    }

    @NdrParameters
    record OneDispParams(DispParams p) {
    }

    /** IDispatch::Invoke [out] as impacket 0.10.0 declares it: no rgVarRef. */
    @NdrParameters
    record ImpacketInvokeResponse(OrpcThat orpcThat, @Unique WireVariant pVarResult, ExcepInfo pExcepInfo, int pArgErr,
                                  int hresult) {
    }

    static final NdrCodec<OneVariant> ONE = NdrCodec.of(OneVariant.class);

    static WireVariant decodeAndCompare(String name) {
        byte[] wire = OautVectors.hex(name);
        WireVariant v = ONE.decode(wire).v();
        // clSize: impacket leaves what the caller set (0, or 5 as impacket's examples do); we write ours
        assertSameExceptPaddingAndReferentIds(wire, ONE.encode(new OneVariant(v)));
        return v;
    }

    @ParameterizedTest
    @CsvSource({
            "variant-i1, 16, fe", "variant-ui1, 17, fe", "variant-i2, 2, fffe", "variant-ui2, 18, fffe",
            "variant-i4, 3, ffffffd6", "variant-ui4, 19, fffffffe", "variant-int, 22, 7", "variant-uint, 23, 80000000",
            "variant-error, 10, 80020004", "variant-bool, 11, ffff", "variant-i8, 20, fffffffedcba9877",
            "variant-ui8, 21, fedcba9876543210", "variant-cy, 6, 1e240"})
    void decodesImpacketIntegerVariants(String name, int vt, String hexValue) {
        WireVariant v = decodeAndCompare(name);
        assertEquals(vt, v.vt());
        long value = switch (v.varUnion()) {
            case WireVariant.Byte1 b -> b.value() & 0xFF;
            case WireVariant.Short2 s -> s.value() & 0xFFFF;
            case WireVariant.Long4 l -> Integer.toUnsignedLong(l.value());
            case WireVariant.Long8 l -> l.value();
            default -> throw new AssertionError(v);
        };
        assertEquals(Long.parseUnsignedLong(hexValue, 16), value);
    }

    @Test
    void decodesImpacketFloatingVariants() {
        assertEquals(new WireVariant.Float4(1.5f), decodeAndCompare("variant-r4").varUnion());
        assertEquals(new WireVariant.Double8(-2.25), decodeAndCompare("variant-r8").varUnion());
        WireVariant date = decodeAndCompare("variant-date");
        assertEquals(7, date.vt());
        assertEquals(new WireVariant.Double8(45000.5), date.varUnion());
    }

    @Test
    void decodesImpacketEmptyNullBstrDecimalAndInterfaces() {
        assertEquals(new WireVariant.Empty(), decodeAndCompare("variant-empty").varUnion());
        assertEquals(new WireVariant.Null(), decodeAndCompare("variant-null").varUnion());
        WireVariant bstr = decodeAndCompare("variant-bstr");
        assertEquals(5, bstr.clSize());
        assertEquals("h\u00e9llo", assertInstanceOf(WireVariant.Bstr.class, bstr.varUnion()).value().value());
        assertEquals(new WireVariant.DecimalVal(new Decimal(0, 2, 0x80, 1, 5)), decodeAndCompare("variant-decimal").varUnion());
        for (String n : List.of("dispatch", "unknown")) {
            var itf = assertInstanceOf(WireVariant.Interface.class, decodeAndCompare("variant-" + n).varUnion());
            assertEquals(40, itf.value().ulCntData());
            assertEquals(40, itf.value().abData()[39]);
        }
    }

    @Test
    void decodesImpacketByRefVariants() {
        assertEquals(new WireVariant.ByRefLong4(99), decodeAndCompare("variant-byref-i4").varUnion());
        assertEquals(new WireVariant.ByRefDouble8(0.5), decodeAndCompare("variant-byref-r8").varUnion());
        var b = assertInstanceOf(WireVariant.ByRefBstr.class, decodeAndCompare("variant-byref-bstr").varUnion());
        assertEquals("ref", b.value().value().value());
        WireVariant v = decodeAndCompare("variant-byref-variant");
        assertEquals(0x400C, v.vt());
        WireVariant inner = assertInstanceOf(WireVariant.ByRefVariant.class, v.varUnion()).value().value();
        assertEquals(2, inner.vt());
        assertEquals(new WireVariant.Short2((short) 5), inner.varUnion());
    }

    @Test
    void decodesATwoDimensionalSafeArrayWithTheLastDimensionFirst() {
        WireVariant v = decodeAndCompare("safearray-2d-i4");
        assertEquals(0x2003, v.vt());
        WireSafeArray sa = assertInstanceOf(WireVariant.Array.class, v.varUnion()).value().value();
        assertEquals(2, sa.cDims());
        assertEquals(WireSafeArray.FADF_HAVEVARTYPE, sa.fFeatures());
        assertEquals(4, sa.cbElements());
        assertEquals(3 << 16, sa.cLocks());
        assertEquals(List.of(new org.dcom4j.com.automation.wire.SafeArrayBound(3, 0),
                new org.dcom4j.com.automation.wire.SafeArrayBound(2, 1)), sa.rgsabound());
        var data = assertInstanceOf(WireSafeArray.LongStr.class, sa.uArrayStructs());
        assertArrayEquals(new int[] {10, 20, 11, 21, 12, 22}, data.pData());
    }

    @Test
    void decodesASafeArrayOfVariants() {
        WireVariant v = decodeAndCompare("safearray-variant");
        WireSafeArray sa = assertInstanceOf(WireVariant.Array.class, v.varUnion()).value().value();
        assertEquals(WireSafeArray.FADF_VARIANT | WireSafeArray.FADF_HAVEVARTYPE, sa.fFeatures());
        var arm = assertInstanceOf(WireSafeArray.VariantStr.class, sa.uArrayStructs());
        assertEquals(new WireVariant.Long4(7), arm.aVariant().get(0).varUnion());
        assertEquals("x", assertInstanceOf(WireVariant.Bstr.class, arm.aVariant().get(1).varUnion()).value().value());
    }

    @Test
    void decodesDispParamsWithANamedArgument() {
        var codec = NdrCodec.of(OneDispParams.class);
        byte[] wire = OautVectors.hex("dispparams-named");
        DispParams p = codec.decode(wire).p();
        assertEquals(1, p.cArgs());
        assertEquals(1, p.cNamedArgs());
        assertArrayEquals(new int[] {Dispatch.DISPID_PROPERTYPUT}, p.rgdispidNamedArgs());
        assertEquals(new WireVariant.Long4(3), p.rgvarg().get(0).varUnion());
        assertSameExceptPaddingAndReferentIds(wire, codec.encode(new OneDispParams(p)));
    }

    @Test
    void decodesImpacketInvokeRequest() {
        var codec = NdrCodec.of(Dispatch.InvokeRequest.class);
        byte[] wire = OautVectors.hex("invoke-request");
        Dispatch.InvokeRequest r = codec.decode(wire);
        assertEquals(0x60020000, r.dispIdMember());
        assertEquals(new UUID(0, 0), r.riid());
        assertEquals(0x409, r.lcid());
        assertEquals(Dispatch.DISPATCH_METHOD, r.dwFlags());
        assertEquals(2, r.pDispParams().cArgs());
        assertNull(r.pDispParams().rgdispidNamedArgs());
        assertEquals(new WireVariant.Long4(1), r.pDispParams().rgvarg().get(0).varUnion());
        assertEquals("calc.exe", assertInstanceOf(WireVariant.Bstr.class, r.pDispParams().rgvarg().get(1).varUnion())
                .value().value());
        assertEquals(0, r.cVarRef());
        assertSameExceptPaddingAndReferentIds(wire, codec.encode(r));
    }

    @Test
    void impacketInvokeResponseLacksRgVarRef() {
        byte[] wire = OautVectors.hex("invoke-response");
        ImpacketInvokeResponse r = NdrCodec.of(ImpacketInvokeResponse.class).decode(wire);
        assertEquals(new WireVariant.Long4(6), r.pVarResult().varUnion());
        assertEquals("src", r.pExcepInfo().bstrSource().value());
        assertEquals("boom", r.pExcepInfo().bstrDescription().value());
        assertNull(r.pExcepInfo().bstrHelpFile());
        assertEquals(0x80004005, r.pExcepInfo().scode());
        assertEquals(0x80020009, r.hresult());
        // MS-OAUT's [out] list has rgVarRef (a conformant array: max_count 0 for cVarRef 0) before the HRESULT
        var spec = new Dispatch.InvokeResponse(r.orpcThat(), r.pVarResult(), r.pExcepInfo(), 0, 0, List.of(), r.hresult());
        byte[] ours = NdrCodec.of(Dispatch.InvokeResponse.class).encode(spec);
        byte[] impacketPlusMaxCount = new byte[wire.length + 4];
        System.arraycopy(wire, 0, impacketPlusMaxCount, 0, wire.length - 4);
        System.arraycopy(wire, wire.length - 4, impacketPlusMaxCount, wire.length, 4);
        assertSameExceptPaddingAndReferentIds(impacketPlusMaxCount, ours);
        assertThrows(NdrException.class, () -> NdrCodec.of(Dispatch.InvokeResponse.class).decode(wire));
    }

    @Test
    void decodesImpacketGetIDsOfNames() {
        var req = NdrCodec.of(Dispatch.GetIDsOfNamesRequest.class);
        byte[] wire = OautVectors.hex("get-ids-of-names-request");
        Dispatch.GetIDsOfNamesRequest r = req.decode(wire);
        assertEquals(List.of("Document", "ActiveView"), r.rgszNames());
        assertEquals(2, r.cNames());
        assertEquals(0x409, r.lcid());
        assertSameExceptPaddingAndReferentIds(wire, req.encode(r));
        var resp = NdrCodec.of(Dispatch.GetIDsOfNamesResponse.class);
        byte[] out = OautVectors.hex("get-ids-of-names-response");
        Dispatch.GetIDsOfNamesResponse d = resp.decode(out);
        assertArrayEquals(new int[] {0x60020000, 0x60020001}, d.rgDispId());
        assertEquals(hex(out), hex(resp.encode(new Dispatch.GetIDsOfNamesResponse(OrpcThat.EMPTY, 2, d.rgDispId(), 0))));
    }

    @Test
    void refusesABstrWhoseCBytesDisagreesWithClSize() {
        byte[] wire = OautVectors.hex("variant-bstr");
        // the FLAGGED_WORD_BLOB's cBytes (10) sits after its max_count; make it 12
        int at = hex(wire).indexOf("0a00000005000000") / 2;
        wire[at] = 12;
        NdrException e = assertThrows(NdrException.class, () -> ONE.decode(wire));
        assertEquals(true, e.getMessage().contains("cBytes=12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlaggedWordBlob(-1, 1, new short[1]));
    }
}
