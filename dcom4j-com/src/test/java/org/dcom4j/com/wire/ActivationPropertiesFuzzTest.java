package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the activation properties decoders (OBJREF_CUSTOM → ACTIVATION_BLOB → TS1 → NDR): only
 * {@link WireFormatException} may escape; what decodes re-encodes to bytes that decode and re-encode
 * identically. The first input byte picks In or Out. Seeds in
 * {@code src/test/resources/org/dcom4j/com/wire/ActivationPropertiesFuzzTestInputs/decodesAnyActivationBlob/}.
 */
class ActivationPropertiesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesAnyActivationBlob(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] objref = java.util.Arrays.copyOfRange(data, 1, data.length);
        if ((data[0] & 1) == 0) {
            ActivationPropertiesIn in;
            try {
                in = ActivationProperties.decodeIn(objref);
            } catch (WireFormatException expected) {
                return;
            }
            String.valueOf(in);
            byte[] once = ActivationProperties.encodeIn(in);
            assertArrayEquals(once, ActivationProperties.encodeIn(ActivationProperties.decodeIn(once)));
        } else {
            ActivationPropertiesOut out;
            try {
                out = ActivationProperties.decodeOut(objref);
            } catch (WireFormatException expected) {
                return;
            }
            String.valueOf(out);
            byte[] once = ActivationProperties.encodeOut(out);
            assertArrayEquals(once, ActivationProperties.encodeOut(ActivationProperties.decodeOut(once)));
        }
    }
}
