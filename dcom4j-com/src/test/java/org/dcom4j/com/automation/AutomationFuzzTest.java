package org.dcom4j.com.automation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dcom4j.com.automation.wire.Dispatch;
import org.dcom4j.com.automation.wire.WireVariant;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;

/**
 * Fuzzes the MS-OAUT records and the conversion: arbitrary bytes decoded as an IDispatch::Invoke request
 * and as a VARIANT (the first byte picks little- or big-endian), converted to {@link Variant}s. Only
 * {@link NdrException} (decode) and {@link VariantException} (conversion) may escape; whatever decodes
 * is re-encoded and re-decoded to the same bytes, and whatever converts converts back. Seeds in
 * {@code src/test/resources/org/dcom4j/com/automation/AutomationFuzzTestInputs/<method>/} are replayed by
 * every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class AutomationFuzzTest {
    private static final NdrCodec<Dispatch.InvokeRequest> INVOKE = NdrCodec.of(Dispatch.InvokeRequest.class);
    private static final NdrCodec<WireVectorTest.OneVariant> ONE = NdrCodec.of(WireVectorTest.OneVariant.class);

    private static DataRepresentation drep(byte[] data) {
        return data.length > 0 && (data[0] & 1) != 0 ? DataRepresentation.BIG_ENDIAN : DataRepresentation.NDR_LOCAL;
    }

    @FuzzTest(maxDuration = "60s")
    void decodesInvokeRequest(byte[] data) {
        if (data.length < 1) {
            return;
        }
        Dispatch.InvokeRequest r;
        try {
            r = INVOKE.decode(data, 1, data.length - 1, drep(data), NdrLimits.DEFAULT);
        } catch (NdrException expected) {
            return;
        }
        String.valueOf(r);
        byte[] once = INVOKE.encode(r);
        assertArrayEquals(once, INVOKE.encode(INVOKE.decode(once)));
        try {
            Variants.arguments(r.pDispParams()).forEach(AutomationFuzzTest::backToWire);
            for (WireVariant v : r.rgVarRef()) {
                backToWire(Variants.fromWire(v));
            }
        } catch (VariantException expected) {
            // documented refusal of a well-formed but unsupported or inconsistent value
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decodesVariant(byte[] data) {
        if (data.length < 1) {
            return;
        }
        WireVariant w;
        try {
            w = ONE.decode(data, 1, data.length - 1, drep(data), NdrLimits.DEFAULT).v();
        } catch (NdrException expected) {
            return;
        }
        byte[] once = ONE.encode(new WireVectorTest.OneVariant(w));
        assertArrayEquals(once, ONE.encode(ONE.decode(once)));
        try {
            backToWire(Variants.fromWire(w));
        } catch (VariantException expected) {
            // documented refusal
        }
    }

    /** A converted value converts back and encodes (nothing a decode produced is unencodable). */
    private static void backToWire(Variant v) {
        String.valueOf(v);
        ONE.encode(new WireVectorTest.OneVariant(Variants.toWire(v)));
    }
}
