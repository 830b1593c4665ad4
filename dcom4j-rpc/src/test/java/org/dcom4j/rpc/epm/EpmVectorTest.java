package org.dcom4j.rpc.epm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.epm.Epm.EptEntry;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.dcom4j.rpc.epm.Epm.EptMapRequest;
import org.dcom4j.rpc.epm.Epm.RpcIfId;
import org.dcom4j.rpc.epm.Epm.TwrT;
import org.dcom4j.rpc.epm.Mgmt.InqPrincNameRequest;
import org.dcom4j.rpc.epm.Mgmt.InqStatsRequest;
import org.junit.jupiter.api.Test;

/** Our records against impacket 0.10.0's bytes (see vectors/epm/README.md). */
class EpmVectorTest {
    private static final UUID OBJ = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final byte[] LOCALHOST = {127, 0, 0, 1};

    @Test
    void decodesAndReencodesHeptLookupsRequestByteForByte() {
        byte[] impacket = EpmVectors.load("ept-lookup-request-impacket");
        NdrCodec<EptLookupRequest> codec = NdrCodec.of(EptLookupRequest.class);
        EptLookupRequest r = codec.decode(impacket);
        assertEquals(new EptLookupRequest(Epm.RPC_C_EP_ALL_ELTS, null, null, Epm.RPC_C_VERS_ALL, ContextHandle.NULL, 500), r);
        assertEquals(EpmVectors.hex(impacket), EpmVectors.hex(codec.encode(r)));
    }

    @Test
    void decodesALookupWithObjectInterfaceAndHandle() {
        EptLookupRequest r = NdrCodec.of(EptLookupRequest.class).decode(EpmVectors.load("ept-lookup-request-both-impacket"));
        assertEquals(Epm.RPC_C_EP_MATCH_BY_BOTH, r.inquiryType());
        assertEquals(OBJ, r.object());
        assertEquals(TowerTest.ECHO_1_0, r.interfaceId().toInterfaceId());
        assertEquals(Epm.RPC_C_VERS_EXACT, r.versOption());
        assertEquals(UUID.fromString("04030201-0605-0807-090a-0b0c0d0e0f10"), r.entryHandle().uuid());
        assertEquals(2, r.maxEnts());
        // Ours: referent ids 0x00020000, 0x00020004 where impacket has random ones.
        String ours = EpmVectors.hex(NdrCodec.of(EptLookupRequest.class).encode(r));
        assertEquals("03000000" + "00000200" + "11111111222233334444555555555555" + "04000200"
                + "6bb0ae3b30ae064a932c4ec77578e619" + "0100" + "0000" + "03000000"
                + "00000000" + "0102030405060708090a0b0c0d0e0f10" + "02000000", ours);
    }

    @Test
    void decodesImpacketsLookupResponseAndEncodesTheSameBytesApartFromReferentsAndPadding() throws TowerFormatException {
        byte[] impacket = EpmVectors.load("ept-lookup-response-impacket");
        NdrCodec<EptLookupResponse> codec = NdrCodec.of(EptLookupResponse.class);
        EptLookupResponse d = codec.decode(impacket);
        assertEquals(2, d.numEnts());
        assertEquals(0, d.status());
        assertEquals(ContextHandle.NULL, d.entryHandle());
        EptEntry first = d.entries().get(0);
        assertEquals(new UUID(0, 0), first.object());
        assertEquals("Dcom4jEcho", first.annotation());
        assertEquals(Tower.tcp(TowerTest.ECHO_1_0, 49664, LOCALHOST), Tower.decode(first.tower().towerOctetString()));
        EptEntry second = d.entries().get(1);
        assertEquals(OBJ, second.object());
        assertEquals("", second.annotation());
        assertEquals(Tower.ncalrpc(TowerTest.ECHO_1_0, "LRPC-dcom4j"), Tower.decode(second.tower().towerOctetString()));

        EptLookupResponse ours = new EptLookupResponse(ContextHandle.NULL, 2, 2, List.of(
                new EptEntry(new UUID(0, 0), new TwrT(Tower.tcp(TowerTest.ECHO_1_0, 49664, LOCALHOST).encode()), "Dcom4jEcho"),
                new EptEntry(OBJ, new TwrT(Tower.ncalrpc(TowerTest.ECHO_1_0, "LRPC-dcom4j").encode()), "")), 0);
        byte[] mine = codec.encode(ours);
        assertEquals(impacket.length, mine.length);
        // Layout (offsets): handle 0, num_ents 20, max/offset/actual 24..36, entry 1 36 (referent 52..56, annotation
        // 56..75, pad 75), entry 2 76 (referent 92..96, annotation 96..105, pad 105..108), twr_t 1 108..191, pad 191,
        // twr_t 2 192..276, status 276.
        assertArrayEquals(new byte[] {0, 0, 2, 0}, Arrays.copyOfRange(mine, 52, 56));
        assertArrayEquals(new byte[] {4, 0, 2, 0}, Arrays.copyOfRange(mine, 92, 96));
        for (int[] r : new int[][] {{52, 56}, {75, 76}, {92, 96}, {105, 108}, {191, 192}}) {
            Arrays.fill(mine, r[0], r[1], (byte) 0);
            Arrays.fill(impacket, r[0], r[1], (byte) 0);
        }
        assertEquals(EpmVectors.hex(impacket), EpmVectors.hex(mine));
    }

    @Test
    void decodesHeptMapsRequest() throws TowerFormatException {
        EptMapRequest r = NdrCodec.of(EptMapRequest.class).decode(EpmVectors.load("ept-map-request-impacket"));
        assertEquals(new UUID(0, 0), r.object());
        assertEquals(75, r.mapTower().towerLength());
        Tower t = Tower.decode(r.mapTower().towerOctetString());
        assertEquals(Tower.tcp(TowerTest.ECHO_1_0, 0, new byte[4]), t);
        assertEquals(ContextHandle.NULL, r.entryHandle());
        assertEquals(1, r.maxTowers());
    }

    @Test
    void decodesImpacketsMgmtRequests() {
        assertEquals(new InqStatsRequest(4), NdrCodec.of(InqStatsRequest.class).decode(EpmVectors.load("mgmt-inq-stats-request-impacket")));
        assertEquals(new InqPrincNameRequest(0, 256),
                NdrCodec.of(InqPrincNameRequest.class).decode(EpmVectors.load("mgmt-inq-princ-name-request-impacket")));
    }

    @Test
    void encodesAnEmptyLookupAnswerWithMaxCountFromMaxEnts() {
        byte[] b = NdrCodec.of(EptLookupResponse.class).encode(
                new EptLookupResponse(ContextHandle.NULL, 0, 500, List.of(), Epm.EPT_S_NOT_REGISTERED));
        assertEquals("00".repeat(20) + "00000000" + "f4010000" + "00000000" + "00000000" + "d6a0c916", EpmVectors.hex(b));
    }

    @Test
    void convertsRpcIfIdBothWays() {
        InterfaceId big = new InterfaceId(OBJ, 0xFFFF, 0x8000);
        assertEquals(big, RpcIfId.of(big).toInterfaceId());
        assertNull(NdrCodec.of(EptLookupRequest.class).decode(EpmVectors.load("ept-lookup-request-impacket")).object());
    }
}
