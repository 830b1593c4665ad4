package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.config.Registry;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.Calculator;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 2, "OBJREF (standard fully; handler and custom parsed and refused clearly)" (MS-DCOM
 * 2.2.18): OBJREF_HANDLER, OBJREF_CUSTOM and OBJREF_EXTENDED decode, and are refused with E_INVALIDARG
 * naming the kind — by the client asked to unmarshal one, and by the server receiving one as the
 * {@code [in] ICalculator *peer} of CallMeBack (whose reply carries the HRESULT; the server connects
 * nowhere and keeps serving). Issue 5 item 8: so is an [in] OBJREF with a lying DUALSTRINGARRAY count or
 * security offset, cut short, or with trailing bytes.
 */
class NonStandardObjRefEndToEndTest {
    @NdrParameters
    record CallMeBackRequest(Orpc.OrpcThis orpcThis, Orpc.@Unique MInterfacePointer peer, int a, int b) {
    }

    @NdrParameters
    record SumResponse(Orpc.OrpcThat orpcThat, int sum, int hresult) {
    }

    @TempDir
    Path tmp;

    /** CallMeBack(peer, 3, 4) with {@code objref} as the bytes of the [in] MInterfacePointer. */
    private static SumResponse callMeBack(RpcBinding obj, byte[] objref) throws Exception {
        byte[] stub = NdrCodec.of(CallMeBackRequest.class).encode(new CallMeBackRequest(Orpc.OrpcThis.of(UUID.randomUUID()),
                Orpc.MInterfacePointer.of(objref), 3, 4));
        return NdrCodec.of(SumResponse.class).decode(obj.call(4, stub));
    }
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    /** A handler, a custom and an extended OBJREF, each around {@code std}'s object where it has a standard part. */
    private static List<ObjRef> nonStandard(ObjRef.Standard std) {
        return List.of(new ObjRef.Handler(CalculatorIds.IID_ICALCULATOR, std.std(), UUID.randomUUID(), std.saResAddr()),
                ObjRef.Custom.of(CalculatorIds.IID_ICALCULATOR, UUID.randomUUID(), new byte[] {1, 2, 3, 4}),
                new ObjRef.Extended(CalculatorIds.IID_ICALCULATOR, std.std(), std.saResAddr(), List.of()));
    }

    @Test
    void theClientRefusesToUnmarshalHandlerCustomAndExtendedObjrefsWithEInvalidArg() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ObjRef.Standard std = srv.export(new Calculator(), ICalculator.class);
            for (ObjRef ref : nonStandard(std)) {
                ObjRef parsed = ObjRefCodec.decode(ObjRefCodec.encode(ref));
                assertEquals(ref.getClass(), parsed.getClass(), "parsed");
                ComException e = assertThrows(ComException.class, () -> client.unmarshal(parsed, ICalculator.class));
                assertEquals(Hresult.E_INVALIDARG, e.hresult(), Hresult.name(e.hresult()) + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("only OBJREF_STANDARD is supported, not " + ref.getClass().getSimpleName()), e.getMessage());
            }
            assertEquals(5, client.unmarshal(std, ICalculator.class).add(2, 3), "the standard form of the same object works");
        }
    }

    @Test
    void theServerAnswersEInvalidArgForANonStandardLyingOrCutObjrefPassedAsAnInPointer() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY)));
            UUID ipid = ((ComProxy) calc).objRef().std().ipid();
            ObjRef.Standard peer = srv.export(new Calculator(), ICalculator.class);
            int exported = srv.exportedObjects();
            String binding = "ncacn_ip_tcp:" + srv.bindings().stringBindings().getFirst().networkAddr();
            try (RpcBinding b = new RpcClient(E2eFixture.clientConfig()).bind(binding, new InterfaceId(CalculatorIds.IID_ICALCULATOR, 0, 0),
                    E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY))) {
                RpcBinding obj = b.withObject(ipid);
                for (ObjRef ref : nonStandard(peer)) {
                    SumResponse r = callMeBack(obj, ObjRefCodec.encode(ref));
                    assertEquals(Hresult.E_INVALIDARG, r.hresult(), ref.getClass().getSimpleName() + ": " + Hresult.name(r.hresult()));
                    assertEquals(0, r.sum());
                }
                byte[] wire = ObjRefCodec.encode(peer);
                byte[] lyingCount = wire.clone(); // DUALSTRINGARRAY.wNumEntries, after the 24-byte header and the 40-byte STDOBJREF
                lyingCount[64] = (byte) 0xff;
                lyingCount[65] = 0x7f;
                byte[] lyingOffset = wire.clone(); // wSecurityOffset past wNumEntries
                lyingOffset[66] = (byte) 0xff;
                lyingOffset[67] = 0x7f;
                for (byte[] bad : List.of(lyingCount, lyingOffset, java.util.Arrays.copyOf(wire, 40), java.util.Arrays.copyOf(wire, wire.length + 8))) {
                    SumResponse r = callMeBack(obj, bad);
                    assertEquals(Hresult.E_INVALIDARG, r.hresult(), "a lying or cut OBJREF of " + bad.length + " bytes: " + Hresult.name(r.hresult()));
                }
                SumResponse ok = callMeBack(obj, wire);
                assertEquals(0, ok.hresult(), Hresult.name(ok.hresult()));
                assertEquals(7, ok.sum(), "the same object as OBJREF_STANDARD is called back");
            }
            assertEquals(exported, srv.exportedObjects(), "no object was created or lost by the refusals");
            assertEquals(5, calc.add(2, 3), "still serving");
        }
    }
}
