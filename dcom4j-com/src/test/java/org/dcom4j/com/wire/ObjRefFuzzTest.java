package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link ObjRefCodec}: for any bytes only {@link WireFormatException} may escape; whatever decodes
 * is printed, re-encoded and re-decoded to the same encoding. Seeds in
 * {@code src/test/resources/org/dcom4j/com/wire/ObjRefFuzzTestInputs/decodesAnyObjref/} are replayed by
 * every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ObjRefFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesAnyObjref(byte[] data) {
        ObjRef ref;
        try {
            ref = ObjRefCodec.decode(data);
        } catch (WireFormatException expected) {
            return;
        }
        String.valueOf(ref);
        byte[] once = ObjRefCodec.encode(ref);
        assertArrayEquals(once, ObjRefCodec.encode(ObjRefCodec.decode(once)));
    }
}
