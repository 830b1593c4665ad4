package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.runtime.ExportTable;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjectExporter;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.dcom.DcomOptions;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 3, IObjectExporter (MS-DCOM 3.1.2.5.1): every operation — ResolveOxid, SimplePing,
 * ComplexPing, ServerAlive, ResolveOxid2, ServerAlive2 — is answered, unauthenticated, both by rpcss on
 * its TCP port (135 in production) and by the object exporter's own resolver, for the OXID and OID of a
 * Calculator activated through rpcss; and the garbage-collection defaults are the spec's 120 s × 3.
 */
class ObjectExporterEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void rpcssAndTheServersOwnResolverAnswerEveryObjectExporterOperation() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY).withPingInterval(Duration.ofHours(1))) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY)));
            long oxid = ((ComProxy) calc).objRef().std().oxid();
            long oid = ((ComProxy) calc).objRef().std().oid();
            Map<String, String> resolvers = Map.of(
                    "rpcss", "ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                    "the server's resolver", "ncacn_ip_tcp:" + srv.bindings().stringBindings().getFirst().networkAddr());
            short[] tcp = {(short) DualStringArray.NCACN_IP_TCP};
            for (Map.Entry<String, String> r : resolvers.entrySet()) {
                String at = " (" + r.getKey() + ")";
                try (RpcBinding b = new RpcClient(E2eFixture.clientConfig()).bind(r.getValue(), ObjectExporter.INTERFACE, ClientAuth.NONE)) {
                    var v1 = b.call(ObjectExporter.RESOLVE_OXID, new ObjectExporter.ResolveOxidRequest(oxid, 1, tcp),
                            ObjectExporter.ResolveOxidResponse.class);
                    assertEquals(0, v1.errorCode(), "ResolveOxid" + at);
                    assertEquals(srv.remUnknownIpid(), v1.pipidRemUnknown(), "ResolveOxid" + at);
                    assertTrue(hasTcp(v1.ppdsaOxidBindings()), "ResolveOxid bindings" + at);
                    assertEquals(Hresult.WIN32_OR_INVALID_OXID, b.call(ObjectExporter.RESOLVE_OXID,
                            new ObjectExporter.ResolveOxidRequest(oxid + 1, 1, tcp), ObjectExporter.ResolveOxidResponse.class).errorCode(),
                            "ResolveOxid of an unknown OXID" + at);

                    var v2 = b.call(ObjectExporter.RESOLVE_OXID2, new ObjectExporter.ResolveOxid2Request(oxid, 1, tcp),
                            ObjectExporter.ResolveOxid2Response.class);
                    assertEquals(0, v2.errorCode(), "ResolveOxid2" + at);
                    assertEquals(srv.remUnknownIpid(), v2.pipidRemUnknown(), "ResolveOxid2" + at);
                    assertEquals(Orpc.ComVersion.V5_7, v2.pComVersion(), "ResolveOxid2" + at);
                    assertTrue(hasTcp(v2.ppdsaOxidBindings()), "ResolveOxid2 bindings" + at);

                    var set = b.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(0, 1, 1, 0, new long[] {oid}, null),
                            ObjectExporter.ComplexPingResponse.class);
                    assertEquals(0, set.errorCode(), "ComplexPing creating a set" + at);
                    assertNotEquals(0L, set.pSetId(), "ComplexPing's set id" + at);
                    assertEquals(0, b.call(ObjectExporter.SIMPLE_PING, new ObjectExporter.SimplePingRequest(set.pSetId()),
                            ObjectExporter.StatusResponse.class).errorCode(), "SimplePing" + at);
                    assertEquals(Hresult.WIN32_OR_INVALID_SET, b.call(ObjectExporter.SIMPLE_PING,
                            new ObjectExporter.SimplePingRequest(set.pSetId() ^ 0x5a5a), ObjectExporter.StatusResponse.class).errorCode(),
                            "SimplePing of an unknown set" + at);
                    var deleted = b.call(ObjectExporter.COMPLEX_PING, new ObjectExporter.ComplexPingRequest(set.pSetId(), 2, 0, 1, null,
                            new long[] {oid}), ObjectExporter.ComplexPingResponse.class);
                    assertEquals(0, deleted.errorCode(), "ComplexPing deleting from the set" + at);

                    assertEquals(0, b.call(ObjectExporter.SERVER_ALIVE, new ObjectExporter.EmptyRequest(),
                            ObjectExporter.StatusResponse.class).errorCode(), "ServerAlive" + at);
                    var alive = b.call(ObjectExporter.SERVER_ALIVE2, new ObjectExporter.EmptyRequest(), ObjectExporter.ServerAlive2Response.class);
                    assertEquals(0, alive.errorCode(), "ServerAlive2" + at);
                    assertEquals(Orpc.ComVersion.V5_7, alive.pComVersion(), "ServerAlive2" + at);
                    assertFalse(DualStringArray.fromNdr(alive.ppdsaOrBindings()).stringBindings().isEmpty(), "ServerAlive2 bindings" + at);
                }
            }
            assertEquals(5, calc.add(2, 3), "the object outlived the pings' set deletion: its own references hold it");
        }
    }

    private static boolean hasTcp(DualStringArray.Ndr ndr) {
        return ndr != null && DualStringArray.fromNdr(ndr).stringBindings().stream().anyMatch(s -> s.towerId() == DualStringArray.NCACN_IP_TCP);
    }

    /** MS-DCOM 3.2.1 / 3.1.1.1 "ping period" 120 s and three missed pings, in rpcss and in a ComServer; both configurable, bounded. */
    @Test
    void pingPeriodAndMissedPingsDefaultToTheSpecsAndAreConfigurable() {
        DcomOptions d = DcomOptions.defaults();
        assertEquals(Duration.ofSeconds(120), d.pingPeriod());
        assertEquals(3, d.missedPings());
        assertEquals(Duration.ofSeconds(360), d.pingTimeout());
        assertEquals(Duration.ofSeconds(360).toNanos(), ExportTable.DEFAULT_TIMEOUT_NANOS, "a ComServer's default");
        DcomOptions fast = d.withPing(Duration.ofMillis(250), 4);
        assertEquals(Duration.ofSeconds(1), fast.pingTimeout());
        for (int missed : List.of(0, 101)) {
            assertThrows(IllegalArgumentException.class, () -> d.withPing(Duration.ofSeconds(1), missed), "missedPings=" + missed);
        }
        assertThrows(IllegalArgumentException.class, () -> d.withPing(Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> ComServer.builder().pingTimeout(Duration.ofSeconds(-1), 3));
        assertThrows(IllegalArgumentException.class, () -> ComServer.builder().pingTimeout(Duration.ofSeconds(1), 0));
        try (ComClient c = new ComClient(ClientAuth.NONE, E2eFixture.clientConfig())) {
            assertThrows(IllegalArgumentException.class, () -> c.withPingInterval(Duration.ZERO));
        }
    }
}
