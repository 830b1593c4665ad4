package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.ActivationProperties;
import org.dcom4j.com.wire.ActivationPropertiesIn;
import org.dcom4j.com.wire.ActivationPropertiesOut;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ComClient against {@code shared/interop/mock_dcom_server.py}, an impacket-based DCOM server: activation
 * (RemoteCreateInstance, by hand), then ResolveOxid2, an IDispatch call (GetTypeInfoCount), RemQueryInterface
 * and RemRelease through the runtime. Skipped without /usr/bin/python3 and impacket.
 */
@Tag("interop")
class MockDcomServerInteropTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** IDispatch's first method is all this test needs: HRESULT GetTypeInfoCount([out] UINT* pctinfo). */
    @ComInterface("00020400-0000-0000-c000-000000000046")
    interface IDispatchCount extends IUnknown {
        @ComMethod(opnum = 3)
        int getTypeInfoCount() throws ComException;
    }

    @Test
    void resolvesCallsQueriesAndReleasesAgainstTheMock() throws Exception {
        Path script = Path.of(System.getProperty("dcom4j.interop.dir", "../../shared/interop"), "mock_dcom_server.py");
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && Files.exists(script), "no python3 or mock server");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "--port", Integer.toString(port), "--user", "alice:Passw0rd!",
                "--allow-anonymous", "--any-clsid", "--advertise", "127.0.0.1").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Assumptions.assumeTrue(first != null && first.startsWith("mock DCOM server"), "mock did not start: " + first);
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // drain its log
            ClientAuth alice = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", "alice", "Passw0rd!".toCharArray()));
            RpcClientConfig config = RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
            ActivationPropertiesOut act;
            try (RpcBinding scm = new RpcClient(config).bind("ncacn_ip_tcp:127.0.0.1[" + port + "]", Activation.IREMOTE_SCM_ACTIVATOR, alice)) {
                byte[] in = ActivationProperties.encodeIn(ActivationPropertiesIn.of(UUID.randomUUID(), List.of(Iids.IID_IDispatch), "127.0.0.1",
                        2, new short[] {DualStringArray.NCACN_IP_TCP}));
                Activation.ActivationResponse r = scm.call(Activation.REMOTE_CREATE_INSTANCE, new Activation.RemoteCreateInstanceRequest(
                        Orpc.OrpcThis.of(UUID.randomUUID()), null, Orpc.MInterfacePointer.of(in)), Activation.ActivationResponse.class);
                assertEquals(0, r.errorCode());
                act = ActivationProperties.decodeOut(r.ppActProperties().abData());
            }
            try (ComClient client = new ComClient(alice, config)) {
                IDispatchCount d = client.unmarshal(act.objRef(0), IDispatchCount.class); // ResolveOxid2 at saResAddr
                assertEquals(0, d.getTypeInfoCount());
                IUnknown unk = ((ComProxy) d).queryInterface(IUnknown.class); // RemQueryInterface
                ((ComProxy) unk).release(); // RemRelease
                ((ComProxy) d).release();
                assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, d::getTypeInfoCount).hresult(),
                        "the mock let the object go");
            }
        } finally {
            p.destroy();
        }
    }
}
