package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.ObjRefCodec;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 3, IActivation::RemoteActivation (MS-DCOM 3.1.2.5.2.3.1, the pre-Windows-2000
 * activation interface) on rpcss's TCP port: a Distributed COM User activates the Calculator asking
 * for ICalculator and an unsupported IID and calls Add on the interface pointer it gets; erin, outside
 * Distributed COM Users, is refused E_ACCESSDENIED in phr under Windows Server 2003 SP1 — the same
 * decision as RemoteCreateInstance.
 */
class RemoteActivationEndToEndTest {
    static final UUID UNSUPPORTED = UUID.fromString("0badc0de-0000-4000-8000-000000000002");
    static final short TCP = (short) DualStringArray.NCACN_IP_TCP;

    @TempDir
    Path tmp;

    private static Activation.RemoteActivationResponse remoteActivation(Rpcss rpcss, String user) throws Exception {
        try (RpcBinding b = new RpcClient(E2eFixture.clientConfig()).bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                Activation.IACTIVATION, E2eFixture.ntlm(user, AuthLevel.PKT_INTEGRITY))) {
            return b.call(Activation.REMOTE_ACTIVATION, new Activation.RemoteActivationRequest(Orpc.OrpcThis.of(UUID.randomUUID()),
                    CalculatorIds.CLSID, null, null, 2, 0, 2, List.of(CalculatorIds.IID_ICALCULATOR, UNSUPPORTED), 1, new short[] {TCP}),
                    Activation.RemoteActivationResponse.class);
        }
    }

    @Test
    void remoteActivationActivatesTheCalculatorForADistributedComUserAndRefusesOthers() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            Activation.RemoteActivationResponse r = remoteActivation(rpcss, "dave");
            assertEquals(Hresult.S_OK, r.phr(), Hresult.name(r.phr()));
            assertEquals(srv.oxid(), r.pOxid());
            assertEquals(srv.remUnknownIpid(), r.pipidRemUnknown());
            assertArrayEquals(new int[] {Hresult.S_OK, Hresult.E_NOINTERFACE}, r.pResults());
            assertNull(r.ppInterfaceData().get(1), "no pointer for the unsupported IID");
            ICalculator calc = client.attach(DualStringArray.fromNdr(r.ppdsaOxidBindings()), r.pipidRemUnknown(),
                    ObjRefCodec.decode(r.ppInterfaceData().get(0).abData()), ICalculator.class);
            assertEquals(5, calc.add(2, 3), "a call on the interface pointer RemoteActivation returned");

            Activation.RemoteActivationResponse denied = remoteActivation(rpcss, "erin");
            assertEquals(Hresult.E_ACCESSDENIED, denied.phr(), Hresult.name(denied.phr()));
            assertArrayEquals(new int[] {Hresult.E_ACCESSDENIED, Hresult.E_ACCESSDENIED}, denied.pResults());
        }
    }

    /** Mode MODE_GET_CLASS_OBJECT: the Calculator's class object (IClassFactory), the same path as RemoteGetClassObject. */
    @Test
    void remoteActivationInGetClassObjectModeAnswersTheClassObject() throws Exception {
        E2eFixture f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
             RpcBinding b = new RpcClient(E2eFixture.clientConfig()).bind("ncacn_ip_tcp:127.0.0.1[" + rpcss.endpointMapperPort() + "]",
                     Activation.IACTIVATION, E2eFixture.ntlm("dave", AuthLevel.PKT_INTEGRITY))) {
            Activation.RemoteActivationResponse r = b.call(Activation.REMOTE_ACTIVATION, new Activation.RemoteActivationRequest(
                    Orpc.OrpcThis.of(UUID.randomUUID()), CalculatorIds.CLSID, null, null, 2, Activation.MODE_GET_CLASS_OBJECT, 1,
                    List.of(org.dcom4j.com.Iids.IID_IClassFactory), 1, new short[] {TCP}), Activation.RemoteActivationResponse.class);
            assertEquals(Hresult.S_OK, r.phr(), Hresult.name(r.phr()));
            assertArrayEquals(new int[] {Hresult.S_OK}, r.pResults());
            org.dcom4j.com.IClassFactory factory = client.attach(DualStringArray.fromNdr(r.ppdsaOxidBindings()), r.pipidRemUnknown(),
                    ObjRefCodec.decode(r.ppInterfaceData().get(0).abData()), org.dcom4j.com.IClassFactory.class);
            org.dcom4j.com.Out<Orpc.MInterfacePointer> out = new org.dcom4j.com.Out<>();
            factory.remoteCreateInstance(CalculatorIds.IID_ICALCULATOR, out);
            assertEquals(7, client.unmarshal(ObjRefCodec.decode(out.get().abData()), ICalculator.class).add(3, 4));
        }
    }
}
