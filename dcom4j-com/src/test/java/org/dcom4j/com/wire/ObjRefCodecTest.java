package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Iids;
import org.junit.jupiter.api.Test;

class ObjRefCodecTest {
    static final UUID IPID = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    static final DualStringArray DSA = new DualStringArray(
            List.of(new DualStringArray.StringBinding(DualStringArray.NCACN_IP_TCP, "127.0.0.1[1135]")),
            List.of(new DualStringArray.SecurityBinding(10, "")));

    @Test
    void decodesImpacketsStandardObjrefAndReencodesItByteForByte() {
        byte[] wire = Vectors.hex("objref_standard");
        ObjRef.Standard s = assertInstanceOf(ObjRef.Standard.class, ObjRefCodec.decode(wire));
        assertEquals(Iids.IID_IDispatch, s.iid());
        assertEquals(new StdObjRef(StdObjRef.SORF_NOPING, 5, 0x1122334455667788L, 0x0102030405060708L, IPID), s.std());
        assertEquals(DSA, s.saResAddr());
        assertArrayEquals(wire, ObjRefCodec.encode(s));
    }

    @Test
    void roundTripsHandlerCustomAndExtended() {
        StdObjRef std = new StdObjRef(0, 1, 7, 8, IPID);
        ObjRef h = new ObjRef.Handler(Iids.IID_IUnknown, std, UUID.randomUUID(), DSA);
        assertEquals(h, ObjRefCodec.decode(ObjRefCodec.encode(h)));

        ObjRef.Custom c = new ObjRef.Custom(Iids.IID_IUnknown, UUID.randomUUID(), new byte[] {9, 9}, 42, new byte[] {1, 2, 3});
        ObjRef.Custom c2 = (ObjRef.Custom) ObjRefCodec.decode(ObjRefCodec.encode(c));
        assertArrayEquals(c.extension(), c2.extension());
        assertArrayEquals(c.objectData(), c2.objectData());
        assertEquals(42, c2.reserved());

        ObjRef.Extended e = new ObjRef.Extended(Iids.IID_IUnknown, std, DSA,
                List.of(new ObjRef.DataElement(UUID.randomUUID(), 3, new byte[8])));
        byte[] enc = ObjRefCodec.encode(e);
        assertArrayEquals(enc, ObjRefCodec.encode(ObjRefCodec.decode(enc)));
    }

    @Test
    void refusesAWrongSignature() {
        byte[] wire = Vectors.hex("objref_standard");
        wire[0] = 'X';
        assertTrue(refused(wire).contains("OBJREF.signature="));
    }

    @Test
    void refusesUnknownOrCombinedFlags() {
        byte[] wire = Vectors.hex("objref_standard");
        wire[4] = 3;
        assertTrue(refused(wire).contains("OBJREF.flags=0x00000003"));
    }

    @Test
    void refusesADualStringArrayLongerThanTheObjref() {
        byte[] wire = Vectors.hex("objref_standard");
        wire[64] = (byte) 0xFF;     // wNumEntries: 0x16 -> 0xFF words
        assertTrue(refused(wire).contains("aStringArray needs 510 bytes"));
    }

    @Test
    void refusesASecurityOffsetBeyondTheArray() {
        byte[] wire = Vectors.hex("objref_standard");
        wire[66] = 0x30;            // wSecurityOffset 0x12 -> 0x30 > 0x16
        assertTrue(refused(wire).contains("wSecurityOffset=48, limit=22"));
    }

    @Test
    void refusesACustomExtensionLongerThanTheObjref() {
        byte[] wire = ObjRefCodec.encode(ObjRef.Custom.of(Iids.IID_IUnknown, UUID.randomUUID(), new byte[4]));
        wire[40] = 100;             // cbExtension
        assertTrue(refused(wire).contains("OBJREF_CUSTOM.cbExtension=100, limit=4"));
    }

    @Test
    void refusesTooManyExtendedDataElementsAndLyingRoundedSizes() {
        ObjRef.Extended e = new ObjRef.Extended(Iids.IID_IUnknown, new StdObjRef(0, 1, 7, 8, IPID), DSA,
                List.of(new ObjRef.DataElement(UUID.randomUUID(), 3, new byte[8])));
        byte[] enc = ObjRefCodec.encode(e);
        int nElms = 24 + 40 + 4 + DSA.encode().length;
        byte[] many = enc.clone();
        many[nElms] = 17;
        assertTrue(refused(many).contains("nElms=17, limit=16"));
        byte[] lying = enc.clone();
        lying[nElms + 8 + 16 + 4] = 0x40;   // cbRounded
        assertTrue(refused(lying).contains("DATAELEMENT.cbRounded=64, limit=8"));
    }

    @Test
    void refusesTruncationAtEveryLengthWithOneExceptionType() {
        byte[] wire = Vectors.hex("objref_standard");
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = Arrays.copyOf(wire, n);
            assertThrows(WireFormatException.class, () -> ObjRefCodec.decode(cut));
        }
    }

    @Test
    void refusesTrailingBytesAfterAStandardObjref() {
        byte[] wire = Arrays.copyOf(Vectors.hex("objref_standard"), Vectors.hex("objref_standard").length + 2);
        assertTrue(refused(wire).contains("OBJREF trailing bytes=2"));
    }

    private static String refused(byte[] wire) {
        return assertThrows(WireFormatException.class, () -> ObjRefCodec.decode(wire)).getMessage();
    }
}
