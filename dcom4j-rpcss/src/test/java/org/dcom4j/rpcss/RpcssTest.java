package org.dcom4j.rpcss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.dcom4j.rpc.client.EptMapResolver;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.samples.AddRequest;
import org.dcom4j.samples.AddResponse;
import org.dcom4j.samples.Dcom4jEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine service end to end: Dcom4jEcho found through ept_map and called, over TCP and ncalrpc. */
class RpcssTest {
    @TempDir
    Path dir;

    /**
     * A store prepared as an administrator would ({@code config init}), so the tests do not depend on
     * the Unix user running them (the service itself creates a missing store only for an administrator).
     */
    @org.junit.jupiter.api.BeforeEach
    void initStore() {
        try (org.dcom4j.config.Registry reg = org.dcom4j.config.Registry.open(dir.resolve("state"))) {
            org.dcom4j.security.Token admin = org.dcom4j.security.Token.of("test-admin",
                    org.dcom4j.security.Sid.parse("S-1-5-21-1-2-3-500"),
                    java.util.List.of(org.dcom4j.security.WellKnownSids.BUILTIN_ADMINISTRATORS));
            org.dcom4j.config.DcomConfig.init(reg, admin, org.dcom4j.security.DcomProfile.DEFAULT);
        }
    }

    private Rpcss start() {
        return Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, dir.resolve("state"), dir.resolve("run")));
    }

    private RpcClient client(Rpcss rpcss) {
        RpcClientConfig config = RpcClientConfig.defaults().withRuntimeDir(dir.resolve("run"));
        return new RpcClient(config, new EptMapResolver(config, String.valueOf(rpcss.endpointMapperPort()), Rpcss.EPM_NCALRPC));
    }

    @Test
    void resolvesAndCallsTheSampleOverTcpThroughTheEndpointMapper() throws Exception {
        try (Rpcss rpcss = start(); RpcBinding b = client(rpcss).bind("ncacn_ip_tcp:127.0.0.1", Dcom4jEcho.INTERFACE_ID)) {
            assertEquals(String.valueOf(rpcss.echoPort()), b.stringBinding().endpoint(), "resolved by ept_map");
            AddResponse r = b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(2, 3), AddResponse.class);
            assertEquals(5, r.sum());
            assertEquals(0, r.status());
        }
    }

    @Test
    void resolvesAndCallsTheSampleOverNcalrpc() throws Exception {
        try (Rpcss rpcss = start(); RpcBinding b = client(rpcss).bind("ncalrpc:", Dcom4jEcho.INTERFACE_ID)) {
            assertEquals(Rpcss.ECHO_NCALRPC, b.stringBinding().endpoint());
            assertEquals(-1, b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(1, -2), AddResponse.class).sum());
        }
    }

    @Test
    void namesNcalrpcCallersByTheirUnixUserAndTcpCallersAnonymous() {
        try (org.dcom4j.config.Registry reg = org.dcom4j.config.Registry.open(dir.resolve("state"))) {
            org.dcom4j.config.LocalAccounts accounts = org.dcom4j.config.LocalAccounts.open(reg);
            org.dcom4j.rpc.CallerTokens callers = Rpcss.callerTokens(accounts);
            org.dcom4j.security.Token root = callers.tokenFor(org.dcom4j.security.Distance.LOCAL,
                    new org.dcom4j.rpc.transport.PeerCredentials(0, 0, "root", "root"));
            assertEquals(accounts.userSid(0), root.user());
            assertTrue(root.isAdministrator(), "uid 0 is an administrator");
            assertTrue(root.contains(org.dcom4j.security.WellKnownSids.INTERACTIVE));
            org.dcom4j.security.Token remote = callers.tokenFor(org.dcom4j.security.Distance.REMOTE, null);
            assertTrue(remote.isAnonymous());
            assertTrue(remote.contains(org.dcom4j.security.WellKnownSids.NETWORK));
        }
    }

    @Test
    void mgmtReportsTheServersOwnCounters() throws Exception {
        try (Rpcss rpcss = start(); RpcBinding echo = client(rpcss).bind("ncacn_ip_tcp:127.0.0.1", Dcom4jEcho.INTERFACE_ID)) {
            echo.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(1, 1), AddResponse.class);
            echo.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(1, 1), AddResponse.class);
            try (RpcBinding mgmt = echo.forInterface(org.dcom4j.rpc.epm.Mgmt.INTERFACE)) {
                org.dcom4j.rpc.epm.Mgmt.InqStatsResponse r = mgmt.call(org.dcom4j.rpc.epm.Mgmt.INQ_STATS,
                        new org.dcom4j.rpc.epm.Mgmt.InqStatsRequest(4), org.dcom4j.rpc.epm.Mgmt.InqStatsResponse.class);
                assertEquals(0, r.status());
                int[] s = r.statistics();
                assertTrue(s[0] >= 2, "calls in: " + s[0]);        // the two Adds (this inq_stats may count too)
                assertEquals(0, s[1], "a server makes no calls out");
                assertTrue(s[2] >= 3 && s[3] >= 3, "packets in/out: " + s[2] + "/" + s[3]); // bind, 2 requests, ...
            }
        }
    }

    @Test
    void servesNoRequestBeforeStartIsDone() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Integer>> early =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean answeredWhileBound = new java.util.concurrent.atomic.AtomicBoolean(true);
        Rpcss.Options o = new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, dir.resolve("state"), dir.resolve("run"));
        // Between binding and serving (where the daemon starts the launcher and drops root) a call is accepted
        // by the kernel but not answered: rpcss names no caller before start() is done.
        try (Rpcss rpcss = Rpcss.start(o, bound -> {
            java.util.concurrent.CompletableFuture<Integer> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (RpcBinding b = new RpcClient(RpcClientConfig.defaults()).bind(
                        "ncacn_ip_tcp:127.0.0.1[" + bound.echoPort() + "]", Dcom4jEcho.INTERFACE_ID)) {
                    return b.call(Dcom4jEcho.OPNUM_ADD, new AddRequest(2, 3), AddResponse.class).sum();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            early.set(call);
            try {
                call.get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException expected) {
                answeredWhileBound.set(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })) {
            assertTrue(rpcss.echoPort() > 0);
            assertEquals(false, answeredWhileBound.get(), "a call was answered before start() returned");
            assertEquals(5, early.get().get(10, java.util.concurrent.TimeUnit.SECONDS), "answered once serving");
        }
    }

    @Test
    void registersBothTowersOfTheSample() {
        try (Rpcss rpcss = start()) {
            assertEquals(2, rpcss.endpointMapper().entries().size());
        }
    }

    @Test
    void refusesATakenPortNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RpcssException e = assertThrows(RpcssException.class, () -> Rpcss.start(new Rpcss.Options(
                    InetAddress.getLoopbackAddress(), taken.getLocalPort(), dir.resolve("state"), dir.resolve("run"))));
            assertTrue(e.getMessage().contains("--port"), e.getMessage());
        }
        // Nothing was left bound: the service starts on the same runtime directory afterwards.
        try (Rpcss rpcss = start()) {
            assertTrue(rpcss.endpointMapperPort() > 0);
        }
    }

    @Test
    void refusesARuntimeDirectoryWhereAnotherServiceListens() {
        try (Rpcss first = start()) {
            RpcssException e = assertThrows(RpcssException.class, this::start);
            assertTrue(e.getMessage().contains("another server is listening there"), e.getMessage());
            assertTrue(e.getMessage().contains("--runtime"), e.getMessage());
        }
    }
}
