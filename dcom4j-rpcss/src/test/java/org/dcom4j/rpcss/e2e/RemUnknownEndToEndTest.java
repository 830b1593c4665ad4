package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.wire.ObjRef;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.com.wire.RemUnknown;
import org.dcom4j.com.wire.StdObjRef;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 2, IRemUnknown and IRemUnknown2 (MS-DCOM 3.1.1.5.6) on the wire, against the object of
 * an activation through rpcss: RemQueryInterface (found, E_NOINTERFACE, an unknown IPID), RemAddRef,
 * RemRelease and RemQueryInterface2 (through IRemUnknown2 only) each answered, and the references they
 * hand out and take back balance — after the proxy's own release the server holds nothing.
 */
class RemUnknownEndToEndTest {
    static final UUID UNSUPPORTED = UUID.fromString("0badc0de-0000-4000-8000-000000000001");

    @TempDir
    Path tmp;

    private static Orpc.OrpcThis orpcThis() {
        return Orpc.OrpcThis.of(UUID.randomUUID());
    }

    @Test
    void remQueryInterfaceAddRefReleaseAndRemQueryInterface2AreAnsweredAndTheReferencesBalance() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY)));
            StdObjRef mine = ((ComProxy) calc).objRef().std();
            String binding = "ncacn_ip_tcp:" + srv.bindings().stringBindings().getFirst().networkAddr();
            RpcClient rpc = new RpcClient(E2eFixture.clientConfig());
            try (RpcBinding v1 = rpc.bind(binding, RemUnknown.INTERFACE, E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY));
                 RpcBinding v2 = rpc.bind(binding, RemUnknown.INTERFACE2, E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY))) {
                RpcBinding ru = v1.withObject(srv.remUnknownIpid());
                RpcBinding ru2 = v2.withObject(srv.remUnknownIpid());

                var qi = ru.call(RemUnknown.REM_QUERY_INTERFACE, new RemUnknown.RemQueryInterfaceRequest(orpcThis(), mine.ipid(), 1, 2,
                        List.of(CalculatorIds.IID_ICALCULATOR, UNSUPPORTED)), RemUnknown.RemQueryInterfaceResponse.class);
                assertEquals(Hresult.S_OK, qi.errorCode(), Hresult.name(qi.errorCode()));
                assertEquals(Hresult.S_OK, qi.ppQIResults().get(0).hResult());
                assertEquals(mine.ipid(), qi.ppQIResults().get(0).std().ipid(), "the same interface keeps its IPID");
                assertEquals(mine.oid(), qi.ppQIResults().get(0).std().oid());
                assertEquals(1, qi.ppQIResults().get(0).std().cPublicRefs(), "the references asked for");
                assertEquals(Hresult.E_NOINTERFACE, qi.ppQIResults().get(1).hResult());

                var gone = ru.call(RemUnknown.REM_QUERY_INTERFACE, new RemUnknown.RemQueryInterfaceRequest(orpcThis(), UUID.randomUUID(), 1, 1,
                        List.of(CalculatorIds.IID_ICALCULATOR)), RemUnknown.RemQueryInterfaceResponse.class);
                assertEquals(Hresult.RPC_E_DISCONNECTED, gone.errorCode(), "an unknown IPID: " + Hresult.name(gone.errorCode()));

                var add = ru.call(RemUnknown.REM_ADD_REF, new RemUnknown.RemAddRefRequest(orpcThis(), 1,
                        List.of(new RemUnknown.RemInterfaceRef(mine.ipid(), 2, 0))), RemUnknown.RemAddRefResponse.class);
                assertEquals(Hresult.S_OK, add.errorCode(), Hresult.name(add.errorCode()));
                assertArrayEquals(new int[] {Hresult.S_OK}, add.pResults());

                var qi2 = ru2.call(RemUnknown.REM_QUERY_INTERFACE2, new RemUnknown.RemQueryInterface2Request(orpcThis(), mine.ipid(), 2,
                        List.of(CalculatorIds.IID_ICALCULATOR, UNSUPPORTED)), RemUnknown.RemQueryInterface2Response.class);
                assertEquals(Hresult.S_OK, qi2.errorCode(), Hresult.name(qi2.errorCode()));
                assertArrayEquals(new int[] {Hresult.S_OK, Hresult.E_NOINTERFACE}, qi2.phr());
                ObjRef.Standard got = assertInstanceOf(ObjRef.Standard.class, ObjRefCodec.decode(qi2.ppMIF().get(0).abData()));
                assertEquals(CalculatorIds.IID_ICALCULATOR, got.iid());
                assertEquals(mine.ipid(), got.std().ipid());
                assertNull(qi2.ppMIF().get(1), "no pointer for E_NOINTERFACE");
                assertEquals(FaultStatus.NCA_S_OP_RNG_ERROR, assertThrows(RpcCallException.class,
                        () -> ru.call(RemUnknown.REM_QUERY_INTERFACE2, new RemUnknown.RemQueryInterface2Request(orpcThis(), mine.ipid(), 1,
                                List.of(CalculatorIds.IID_ICALCULATOR)), RemUnknown.RemQueryInterface2Response.class)).status(),
                        "RemQueryInterface2 is IRemUnknown2's");

                int taken = 1 + 2 + got.std().cPublicRefs(); // RemQueryInterface, RemAddRef, RemQueryInterface2
                var rel = ru.call(RemUnknown.REM_RELEASE, new RemUnknown.RemReleaseRequest(orpcThis(), 1,
                        List.of(new RemUnknown.RemInterfaceRef(mine.ipid(), taken, 0))), RemUnknown.RemReleaseResponse.class);
                assertEquals(Hresult.S_OK, rel.errorCode(), Hresult.name(rel.errorCode()));
            }
            assertEquals(1, srv.exportedObjects(), "the proxy's own references remain");
            assertEquals(5, calc.add(2, 3));
            ((ComProxy) calc).release();
            assertEquals(0, srv.exportedObjects(), "every reference handed out was taken back");
        }
    }
}
