package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Clsids;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.ActProps.ActivationContextInfoData;
import org.dcom4j.com.wire.ActProps.LocationInfoData;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;
import org.junit.jupiter.api.Test;

class ActivationPropertiesTest {
    static final UUID CLSID_TEST = UUID.fromString("12345678-1234-5678-9abc-def012345678");

    @Test
    void decodesImpacketsCoCreateInstanceExRequest() {
        ActivationPropertiesIn in = ActivationProperties.decodeIn(Vectors.hex("actprops_in_objref"));
        assertEquals(CLSID_TEST, in.clsid());
        assertEquals(List.of(Iids.IID_IDispatch), in.iids());
        assertEquals(List.of(7), in.requestedProtseqs());
        assertEquals(ComVersion.V5_7, in.clientVersion());
        assertNull(in.serverName());
        assertEquals(-1, in.sessionId());
        assertEquals(4, in.blob().properties().size());
        assertInstanceOf(ActivationContextInfoData.class, in.blob().properties().get(1));
        assertInstanceOf(LocationInfoData.class, in.blob().properties().get(2));
    }

    @Test
    void decodesTheMockServersReply() {
        ActivationPropertiesOut out = ActivationProperties.decodeOut(Vectors.hex("actprops_out_objref"));
        assertEquals(List.of(Iids.IID_IDispatch), out.iids());
        assertArrayEquals(new int[] {0}, out.hresults());
        assertEquals(0x1122334455667788L, out.oxid());
        assertEquals(RpcRecordsTest.IPID_REMUNK, out.ipidRemUnknown());
        assertEquals(ObjRefCodecTest.DSA, out.oxidBindings());
        assertEquals(2, out.remoteReply().authnHint());
        ObjRef.Standard s = assertInstanceOf(ObjRef.Standard.class, out.objRef(0));
        assertEquals(RpcRecordsTest.STD, s.std());
    }

    @Test
    void clientRequestRoundTripsAndCarriesTheServerName() {
        ActivationPropertiesIn in = ActivationPropertiesIn.of(CLSID_TEST, List.of(Iids.IID_IUnknown, Iids.IID_IDispatch),
                "HOST", 2, new short[] {7});
        byte[] wire = ActivationProperties.encodeIn(in);
        ActivationPropertiesIn back = ActivationProperties.decodeIn(wire);
        assertEquals(in.iids(), back.iids());
        assertEquals("HOST", back.serverName());
        assertEquals(2, back.clientImpLevel());
        assertEquals(0, back.sessionId());
        assertEquals(6, back.blob().properties().size());
        assertArrayEquals(wire, ActivationProperties.encodeIn(back));
        int thisSize = back.instantiationInfo().thisSize();
        assertEquals(0, thisSize % 8);
        assertTrue(thisSize > 16);
    }

    @Test
    void serverReplyRoundTrips() {
        byte[] objref = Vectors.hex("objref_standard");
        ActivationPropertiesOut out = ActivationPropertiesOut.of(List.of(Iids.IID_IDispatch, Iids.IID_IClassFactory),
                new int[] {Hresult.S_OK, Hresult.E_NOINTERFACE}, Arrays.asList(objref, null), 77L, ObjRefCodecTest.DSA,
                RpcRecordsTest.IPID_REMUNK, 2, ComVersion.V5_7);
        byte[] wire = ActivationProperties.encodeOut(out);
        ActivationPropertiesOut back = ActivationProperties.decodeOut(wire);
        assertEquals(77L, back.oxid());
        assertArrayEquals(new int[] {0, Hresult.E_NOINTERFACE}, back.hresults());
        assertNull(back.objRef(1));
        assertEquals(ObjRefCodec.decode(objref), back.objRef(0));
        assertArrayEquals(wire, ActivationProperties.encodeOut(back));
    }

    @Test
    void reencodesImpacketsRequestToTheSameStructure() {
        ActivationPropertiesIn in = ActivationProperties.decodeIn(Vectors.hex("actprops_in_objref"));
        ActivationPropertiesIn again = ActivationProperties.decodeIn(ActivationProperties.encodeIn(in));
        assertEquals(in.iids(), again.iids());
        assertEquals(in.requestedProtseqs(), again.requestedProtseqs());
    }

    // --- refusals: the blob is the OBJREF_CUSTOM payload at offset 48 of the OBJREF

    static final int BLOB = 48;

    @Test
    void refusesADwSizeThatDisagreesWithTheBytes() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        wire[BLOB] += 8;
        assertTrue(refusedIn(wire).contains("ACTIVATION_BLOB.dwSize=368, expected=360"));
    }

    @Test
    void refusesATruncatedBlobAtEveryLength() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = Arrays.copyOf(wire, n);
            assertThrows(WireFormatException.class, () -> ActivationProperties.decodeIn(cut));
        }
    }

    /** CustomHeader's layout without its cIfs check, to build a header that lies consistently. */
    record LooseHeader(int totalSize, int headerSize, int dwReserved, int destCtx, int cIfs, UUID classInfoClsid,
                       @Unique @SizeIs("cIfs") List<UUID> pclsid, @Unique @SizeIs("cIfs") int[] pSizes,
                       @Unique Integer pdwReserved) {
    }

    @Test
    void refusesMoreThanTenProperties() {
        int n = 11;
        byte[] prop = TypeSerialization1.encode(NdrCodec.of(LocationInfoData.class), new LocationInfoData(null, 0, 0, 0));
        int[] sizes = new int[n];
        Arrays.fill(sizes, prop.length);
        List<UUID> clsids = java.util.Collections.nCopies(n, Clsids.CLSID_ServerLocationInfo);
        var codec = NdrCodec.of(LooseHeader.class);
        int headerSize = TypeSerialization1.encode(codec, new LooseHeader(0, 0, 0, 2, n, new UUID(0, 0), clsids, sizes, null)).length;
        int dwSize = headerSize + n * prop.length;
        byte[] header = TypeSerialization1.encode(codec, new LooseHeader(dwSize, headerSize, 0, 2, n, new UUID(0, 0), clsids, sizes, null));
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        blob.writeBytes(new byte[] {(byte) dwSize, (byte) (dwSize >> 8), 0, 0, 0, 0, 0, 0});
        blob.writeBytes(header);
        for (int i = 0; i < n; i++) {
            blob.writeBytes(prop);
        }
        assertEquals(8 + dwSize, blob.size());
        byte[] wire = ObjRefCodec.encode(ObjRef.Custom.of(Iids.IID_IActivationPropertiesIn, Clsids.CLSID_ActivationPropertiesIn,
                blob.toByteArray()));
        assertTrue(refusedIn(wire).contains("CustomHeader.cIfs=11, limit=10"), refusedIn(wire));
    }

    @Test
    void refusesACountThatDisagreesWithItsArrays() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        int cIfs = BLOB + 8 + 16 + 16;       // dwSize, dwReserved | TS1 headers | totalSize, headerSize, dwReserved, destCtx
        assertEquals(4, wire[cIfs]);
        wire[cIfs] = 5;
        assertTrue(refusedIn(wire).contains("max_count=4 does not match size_is field=5"), refusedIn(wire));
    }

    @Test
    void refusesATotalSizeThatDisagreesWithDwSize() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        wire[BLOB + 8 + 16] += 1;
        assertTrue(refusedIn(wire).contains("CustomHeader.totalSize=361, expected=360"));
    }

    @Test
    void refusesAPropertySizeReachingPastTheBlob() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        // pSizes[0] = 0x58 follows its max_count 4 near the end of the header
        int at = Vectors.hex(wire).indexOf("0400000058000000") / 2 + 4;
        wire[at + 1] = 0x10;             // 0x1058
        assertTrue(refusedIn(wire).contains("CustomHeader.pSizes[0]=4184, limit=208"), refusedIn(wire));
    }

    @Test
    void refusesAnObjectBufferLengthLongerThanTheProperty() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        int ts1 = Vectors.hex(wire).indexOf("01100800cccccccc44000000") / 2;
        wire[ts1 + 8] = 0x60;
        assertTrue(refusedIn(wire).contains("TS1 ObjectBufferLength=96, limit=72"), refusedIn(wire));
    }

    @Test
    void refusesABadSerializationVersion() {
        byte[] wire = Vectors.hex("actprops_in_objref");
        wire[BLOB + 8] = 2;
        assertTrue(refusedIn(wire).contains("TS1 Version=2"));
    }

    @Test
    void refusesTheWrongCustomClsid() {
        byte[] wire = Vectors.hex("actprops_out_objref");
        assertTrue(refusedIn(wire).contains("OBJREF_CUSTOM.clsid=" + Clsids.CLSID_ActivationPropertiesOut));
    }

    @Test
    void refusesARequestWithoutInstantiationInfo() {
        ActivationBlob only = new ActivationBlob(2, List.of(new LocationInfoData(null, 0, 0, 0)));
        byte[] wire = ObjRefCodec.encode(ObjRef.Custom.of(Iids.IID_IActivationPropertiesIn, Clsids.CLSID_ActivationPropertiesIn,
                only.encode()));
        assertTrue(refusedIn(wire).contains("InstantiationInfoData missing"));
    }

    @Test
    void keepsUnknownPropertiesAsBytes() {
        UUID odd = UUID.randomUUID();
        ActivationBlob b = new ActivationBlob(2, List.of(new ActProps.Unknown(odd, new byte[16])));
        ActivationBlob back = ActivationBlob.decode(b.encode());
        ActProps.Unknown u = assertInstanceOf(ActProps.Unknown.class, back.properties().get(0));
        assertEquals(odd, u.clsid());
        assertEquals(16, u.serialized().length);
    }

    private static String refusedIn(byte[] wire) {
        return assertThrows(WireFormatException.class, () -> ActivationProperties.decodeIn(wire)).getMessage();
    }
}
