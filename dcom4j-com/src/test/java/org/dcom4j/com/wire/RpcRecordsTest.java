package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.Orpc.ComVersion;
import org.dcom4j.com.wire.Orpc.OrpcThat;
import org.dcom4j.com.wire.RemUnknown.RemQiResult;
import org.dcom4j.ndr.DataRepresentation;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrException;
import org.dcom4j.ndr.NdrLimits;
import org.junit.jupiter.api.Test;

/** The interface parameter records against impacket's bytes (decode, then re-encode → decode → equal). */
class RpcRecordsTest {
    static final UUID IPID = ObjRefCodecTest.IPID;
    static final UUID IPID_REMUNK = UUID.fromString("0000a001-0000-0000-0000-000000000001");
    static final StdObjRef STD = new StdObjRef(StdObjRef.SORF_NOPING, 5, 0x1122334455667788L, 0x0102030405060708L, IPID);

    @Test
    void remQueryInterfaceRequestFromImpacket() {
        var codec = NdrCodec.of(RemUnknown.RemQueryInterfaceRequest.class);
        var r = codec.decode(Vectors.hex("rem_query_interface_request"));
        assertEquals(IPID, r.ripid());
        assertEquals(5, r.cRefs());
        assertEquals(List.of(Iids.IID_IDispatch), r.iids());
        assertEquals(r, codec.decode(codec.encode(r)));
    }

    @Test
    void remQueryInterfaceResponseFromImpacketNeedsTheSingleResultLayout() {
        byte[] wire = Vectors.hex("rem_query_interface_response");
        var single = NdrCodec.of(RemUnknown.RemQueryInterfaceResponseSingle.class).decode(wire);
        assertEquals(new RemQiResult(0, STD), single.ppQIResults());
        // impacket's alignment padding (0xabababab) sits where MS-DCOM puts the array's max_count
        assertThrows(NdrException.class, () -> NdrCodec.of(RemUnknown.RemQueryInterfaceResponse.class).decode(wire));
    }

    @Test
    void specResponseForOneIidDecodesWithTheSingleLayoutToo() {
        var spec = new RemUnknown.RemQueryInterfaceResponse(OrpcThat.EMPTY, List.of(new RemQiResult(0, STD)), 0);
        byte[] wire = NdrCodec.of(RemUnknown.RemQueryInterfaceResponse.class).encode(spec);
        assertEquals(new RemQiResult(0, STD),
                NdrCodec.of(RemUnknown.RemQueryInterfaceResponseSingle.class).decode(wire).ppQIResults());
        assertEquals(wire.length, Vectors.hex("rem_query_interface_response").length);
    }

    @Test
    void remAddRefRequestFromImpacket() {
        var codec = NdrCodec.of(RemUnknown.RemAddRefRequest.class);
        var r = codec.decode(Vectors.hex("rem_add_ref_request"));
        assertEquals(List.of(new RemUnknown.RemInterfaceRef(IPID, 5, 0)), r.interfaceRefs());
        assertEquals(r, codec.decode(codec.encode(r)));
    }

    @Test
    void resolveOxid2RequestAndResponseFromImpacket() {
        var req = NdrCodec.of(ObjectExporter.ResolveOxid2Request.class).decode(Vectors.hex("resolve_oxid2_request"));
        assertEquals(0x1122334455667788L, req.pOxid());
        assertArrayEquals(new short[] {7}, req.arRequestedProtseqs());
        var codec = NdrCodec.of(ObjectExporter.ResolveOxid2Response.class);
        var resp = codec.decode(Vectors.hex("resolve_oxid2_response"));
        assertEquals(ObjRefCodecTest.DSA, DualStringArray.fromNdr(resp.ppdsaOxidBindings()));
        assertEquals(IPID_REMUNK, resp.pipidRemUnknown());
        assertEquals(2, resp.pAuthnHint());
        assertEquals(ComVersion.V5_7, resp.pComVersion());
        // impacket's referent id is random; ours is 0x00020000 — everything else is the same bytes
        byte[] ours = codec.encode(resp);
        byte[] theirs = Vectors.hex("resolve_oxid2_response");
        System.arraycopy(ours, 0, theirs, 0, 4);
        assertArrayEquals(theirs, ours);
    }

    @Test
    void serverAlive2ResponseFromImpacketCarriesAnExtraPointer() {
        byte[] wire = Vectors.hex("server_alive2_response");
        var codec = NdrCodec.of(ObjectExporter.ServerAlive2Response.class);
        assertThrows(NdrException.class, () -> codec.decode(wire));   // 4 bytes more than MS-DCOM's layout
        var r = codec.decode(wire, DataRepresentation.NDR_LOCAL, NdrLimits.DEFAULT.withTrailingAllowed(true));
        assertEquals(ComVersion.V5_7, r.pComVersion());
        assertEquals(ObjRefCodecTest.DSA, DualStringArray.fromNdr(r.ppdsaOrBindings()));
    }

    @Test
    void remoteCreateInstanceRequestFromImpacket() {
        var r = NdrCodec.of(Activation.RemoteCreateInstanceRequest.class).decode(Vectors.hex("remote_create_instance_request"));
        assertNull(r.pUnkOuter());
        assertEquals(1, r.orpcThis().flags());
        assertArrayEquals(Vectors.hex("actprops_in_objref"), r.pActProperties().abData());
        assertInstanceOf(ObjRef.Custom.class, ObjRefCodec.decode(r.pActProperties().abData()));
    }

    @Test
    void complexPingAndRemoteActivationRoundTrip() {
        var ping = new ObjectExporter.ComplexPingRequest(1, 2, 2, 0, new long[] {3, 4}, null);
        var pc = NdrCodec.of(ObjectExporter.ComplexPingRequest.class);
        var back = pc.decode(pc.encode(ping));
        assertArrayEquals(ping.addToSet(), back.addToSet());
        assertNull(back.delFromSet());

        var ra = new Activation.RemoteActivationRequest(Orpc.OrpcThis.of(UUID.randomUUID()), UUID.randomUUID(), null, null,
                2, 0, 1, List.of(Iids.IID_IDispatch), 1, new short[] {7});
        var rc = NdrCodec.of(Activation.RemoteActivationRequest.class);
        assertEquals(ra.pIIDs(), rc.decode(rc.encode(ra)).pIIDs());

        var resp = new Activation.RemoteActivationResponse(OrpcThat.EMPTY, 9, ObjRefCodecTest.DSA.toNdr(), IPID_REMUNK, 2,
                ComVersion.V5_7, 0, java.util.Arrays.asList((Orpc.MInterfacePointer) null), new int[] {0x80004002}, 0);
        var rrc = NdrCodec.of(Activation.RemoteActivationResponse.class);
        var rb = rrc.decode(rrc.encode(resp));
        assertNull(rb.ppInterfaceData().get(0));
        assertArrayEquals(new int[] {0x80004002}, rb.pResults());
    }

    @Test
    void remQueryInterface2RoundTrips() {
        var resp = new RemUnknown.RemQueryInterface2Response(OrpcThat.EMPTY, new int[] {0, 0x80004002},
                java.util.Arrays.asList(Orpc.MInterfacePointer.of(Vectors.hex("objref_standard")), null), 0);
        var c = NdrCodec.of(RemUnknown.RemQueryInterface2Response.class);
        var back = c.decode(c.encode(resp));
        assertArrayEquals(Vectors.hex("objref_standard"), back.ppMIF().get(0).abData());
        assertNull(back.ppMIF().get(1));
    }
}
