package org.dcom4j.rpcss.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IUnknown;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 item 7, "dcom4j's Java client activates and calls against mock_dcom_server.py": the public
 * client API — {@link Com#createInstance} with {@link Activator#remote} — against the independent
 * impacket-based mock (dcom4j-com's MockDcomServerInteropTest builds the activation request by hand):
 * RemoteCreateInstance at integrity and at privacy, an IDispatch call, RemQueryInterface and release.
 * Skipped without /usr/bin/python3, impacket or the mock.
 */
@Tag("interop")
class MockDcomServerActivationInteropTest {
    /** IDispatch's first method is all this test needs: HRESULT GetTypeInfoCount([out] UINT* pctinfo). */
    @ComInterface("00020400-0000-0000-c000-000000000046")
    interface IDispatchCount extends IUnknown {
        @ComMethod(opnum = 3)
        int getTypeInfoCount() throws ComException;
    }

    @Test
    void comCreateInstanceActivatesAndCallsTheMockAtIntegrityAndPrivacy() throws Exception {
        Path script = Interop.SHARED.resolve("mock_dcom_server.py");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(Interop.PYTHON)) && Files.exists(script) && Interop.hasImpacket(),
                "no python3, impacket or mock server");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(Interop.PYTHON, script.toString(), "--port", Integer.toString(port), "--user", "alice:Passw0rd!",
                "--any-clsid", "--advertise", "127.0.0.1").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Assumptions.assumeTrue(first != null && first.startsWith("mock DCOM server"), "mock did not start: " + first);
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // drain its log
            for (int level : new int[] {AuthLevel.PKT_INTEGRITY, AuthLevel.PKT_PRIVACY}) {
                ClientAuth alice = ClientAuth.ntlm(level, NtlmCredentials.of("", "alice", "Passw0rd!".toCharArray()));
                try (ComClient client = new ComClient(alice, RpcClientConfig.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
                    IDispatchCount d = Com.createInstance(client, UUID.randomUUID(), IDispatchCount.class,
                            Activator.remote("127.0.0.1", port, alice).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
                    assertEquals(0, d.getTypeInfoCount(), "level " + level);
                    IUnknown unk = ((ComProxy) d).queryInterface(IUnknown.class);
                    ((ComProxy) unk).release();
                    ((ComProxy) d).release();
                    assertEquals(Hresult.RPC_E_DISCONNECTED, assertThrows(ComException.class, d::getTypeInfoCount).hresult(),
                            "released at the mock, level " + level);
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
