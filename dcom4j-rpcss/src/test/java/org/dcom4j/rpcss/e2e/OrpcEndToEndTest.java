package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.config.Registry;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.InterfaceSecurity;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 2, ORPCTHIS/ORPCTHAT (MS-DCOM 2.2.13): a server skips ORPC extents it does not know (a
 * call whose ORPCTHIS carries two unknown extents is served), and the client puts a fresh causality id
 * (cid) in the ORPCTHIS of each call — seen by a bare RPC server standing in for an object exporter.
 */
class OrpcEndToEndTest {
    @NdrParameters
    record AddRequest(Orpc.OrpcThis orpcThis, int a, int b) {
    }

    @NdrParameters
    record AddResponse(Orpc.OrpcThat orpcThat, int sum, int hresult) {
    }

    @TempDir
    Path tmp;

    @Test
    void aCallWhoseOrpcThisCarriesUnknownExtentsIsServed() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY)));
            String binding = "ncacn_ip_tcp:" + srv.bindings().stringBindings().getFirst().networkAddr();
            try (RpcBinding b = new RpcClient(E2eFixture.clientConfig()).bind(binding, new InterfaceId(CalculatorIds.IID_ICALCULATOR, 0, 0),
                    E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY))) {
                Orpc.OrpcExtentArray extents = Orpc.OrpcExtentArray.of(List.of(
                        Orpc.OrpcExtent.of(UUID.randomUUID(), new byte[] {1, 2, 3}),
                        Orpc.OrpcExtent.of(UUID.randomUUID(), new byte[40])));
                Orpc.OrpcThis withExtents = new Orpc.OrpcThis(Orpc.ComVersion.V5_7, 0, 0, UUID.randomUUID(), extents);
                byte[] reply = b.withObject(((ComProxy) calc).objRef().std().ipid())
                        .call(3, NdrCodec.of(AddRequest.class).encode(new AddRequest(withExtents, 20, 22)));
                AddResponse r = NdrCodec.of(AddResponse.class).decode(reply);
                assertEquals(Hresult.S_OK, r.hresult(), Hresult.name(r.hresult()));
                assertEquals(42, r.sum());
            }
        }
    }

    @Test
    void everyCallCarriesAFreshCausalityId() throws Exception {
        List<Orpc.OrpcThis> seen = new CopyOnWriteArrayList<>();
        UUID ipid = UUID.randomUUID();
        try (RpcServer exporter = new RpcServer(RpcServerConfig.defaults())) {
            exporter.register(new RpcInterface(new InterfaceId(CalculatorIds.IID_ICALCULATOR, 0, 0), 5, (ctx, opnum, stub) -> {
                AddRequest in = NdrCodec.of(AddRequest.class).decode(stub);
                seen.add(in.orpcThis());
                return NdrCodec.of(AddResponse.class).encode(new AddResponse(Orpc.OrpcThat.EMPTY, in.a() + in.b(), Hresult.S_OK));
            }, InterfaceSecurity.ANONYMOUS_ALLOWED));
            String port = exporter.listen(new TcpTransport(InetAddress.getLoopbackAddress()), "0");
            DualStringArray dsa = new DualStringArray(List.of(new DualStringArray.StringBinding(DualStringArray.NCACN_IP_TCP,
                    "127.0.0.1[" + port + "]")), List.of(new DualStringArray.SecurityBinding(10, "")));
            ObjRef.Standard ref = new ObjRef.Standard(CalculatorIds.IID_ICALCULATOR,
                    new StdObjRef(StdObjRef.SORF_NOPING, 5, 0x1234L, 0x5678L, ipid), dsa);
            try (ComClient client = new ComClient(ClientAuth.NONE, E2eFixture.clientConfig()).withPingInterval(Duration.ofHours(1))) {
                ICalculator calc = client.attach(dsa, UUID.randomUUID(), ref, ICalculator.class);
                for (int i = 0; i < 3; i++) {
                    assertEquals(i + 1, calc.add(i, 1));
                }
            }
        }
        assertEquals(3, seen.size());
        for (Orpc.OrpcThis t : seen) {
            assertEquals(5, t.version().majorVersion(), "COM version 5.x");
            assertNotEquals(new UUID(0, 0), t.cid(), "a causality id is set");
        }
        assertEquals(3, Set.copyOf(seen.stream().map(Orpc.OrpcThis::cid).toList()).size(), "one causality id per call: " + seen);
    }
}
