package org.dcom4j.rpcss.dcom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.Iids;
import org.dcom4j.com.wire.Activation;
import org.dcom4j.com.wire.ActivationProperties;
import org.dcom4j.com.wire.ActivationPropertiesIn;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.com.wire.Orpc.OrpcThis;
import org.dcom4j.config.Registry;
import org.dcom4j.config.DcomConfig;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.rpc.client.RpcBinding;
import org.dcom4j.rpc.client.RpcCallException;
import org.dcom4j.rpc.client.RpcClient;
import org.dcom4j.rpc.client.RpcClientConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile activation requests: each refused with its HRESULT, the daemon unharmed. Local callers, so no level check interferes. */
class ActivatorBadInputTest {
    /** OBJREF_CUSTOM header (signature, flags, iid, clsid, cbExtension, reserved) precedes the ACTIVATION_BLOB. */
    static final int BLOB_OFFSET = 48;

    @TempDir
    Path dir;
    Rpcss rpcss;

    @BeforeEach
    void start() {
        try (Registry reg = Registry.open(dir.resolve("state"))) {
            DcomConfig.init(reg, ActivationTest.ADMIN, DcomProfile.DEFAULT);
        }
        rpcss = Rpcss.start(new Rpcss.Options(InetAddress.getLoopbackAddress(), 0, dir.resolve("state"), dir.resolve("run")));
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        rpcss.close();
    }

    private RpcBinding bind(org.dcom4j.rpc.InterfaceId iface) throws Exception {
        return new RpcClient(RpcClientConfig.defaults().withRuntimeDir(dir.resolve("run"))).bind("ncalrpc:[epmapper]", iface, ClientAuth.NONE);
    }

    private int createInstance(byte[] props) throws Exception {
        try (RpcBinding b = bind(Activation.IREMOTE_SCM_ACTIVATOR)) {
            Activation.ActivationResponse r = b.call(Activation.REMOTE_CREATE_INSTANCE, new Activation.RemoteCreateInstanceRequest(
                    OrpcThis.of(UUID.randomUUID()), null, props == null ? null : MInterfacePointer.of(props)), Activation.ActivationResponse.class);
            assertNull(r.ppActProperties());
            return r.errorCode();
        }
    }

    private static byte[] valid() {
        return ActivationProperties.encodeIn(ActivationPropertiesIn.of(UUID.randomUUID(), List.of(Iids.IID_IUnknown), null, 2,
                new short[] {7}));
    }

    @Test
    void refusesAnActivationBlobWhoseTotalSizeLies() throws Exception {
        byte[] p = valid();
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putInt(BLOB_OFFSET, 0x7FFFFFF0);
        assertEquals(Hresult.E_INVALIDARG, createInstance(p));
    }

    @Test
    void refusesATruncatedActivationBlob() throws Exception {
        byte[] p = valid();
        assertEquals(Hresult.E_INVALIDARG, createInstance(Arrays.copyOf(p, p.length / 2)));
    }

    @Test
    void refusesAPropertyCountBeyondMaxActpropLimit() throws Exception {
        byte[] p = valid();
        // CustomHeader after the blob's 8 bytes and the 16-byte TS1 headers: totalSize, headerSize, dwReserved, destCtx, cIfs
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putInt(BLOB_OFFSET + 8 + 16 + 16, 0x4000);
        assertEquals(Hresult.E_INVALIDARG, createInstance(p));
    }

    @Test
    void refusesActivationPropertiesThatAreNotAnObjref() throws Exception {
        assertEquals(Hresult.E_INVALIDARG, createInstance(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertEquals(Hresult.E_INVALIDARG, createInstance(null));
    }

    @Test
    void faultsAStubThatIsNotNdr() throws Exception {
        try (RpcBinding b = bind(Activation.IREMOTE_SCM_ACTIVATOR)) {
            RpcCallException e = assertThrows(RpcCallException.class, () -> b.call(Activation.REMOTE_CREATE_INSTANCE, new byte[] {1, 2, 3}));
            assertEquals(FaultStatus.RPC_X_BAD_STUB_DATA, e.status());
        }
    }

    @Test
    void refusesAnOversizedObjectNameInRemoteActivation() throws Exception {
        String name = "\\\\" + "A".repeat(5000) + "\\share\\file";
        try (RpcBinding b = bind(Activation.IACTIVATION)) {
            Activation.RemoteActivationResponse r = b.call(Activation.REMOTE_ACTIVATION, new Activation.RemoteActivationRequest(
                    OrpcThis.of(UUID.randomUUID()), UUID.randomUUID(), name, null, 2, 0, 1, List.of(Iids.IID_IUnknown), 1, new short[] {7}),
                    Activation.RemoteActivationResponse.class);
            assertEquals(Hresult.E_INVALIDARG, r.phr());
            assertEquals(Hresult.E_INVALIDARG, r.pResults()[0]);
        }
        // and the daemon still answers
        assertEquals(Hresult.REGDB_E_CLASSNOTREG, createInstance(valid()));
    }

    @Test
    void answersRemoteActivationOfAnUnregisteredClassInPhr() throws Exception {
        try (RpcBinding b = bind(Activation.IACTIVATION)) {
            Activation.RemoteActivationResponse r = b.call(Activation.REMOTE_ACTIVATION, new Activation.RemoteActivationRequest(
                    OrpcThis.of(UUID.randomUUID()), UUID.randomUUID(), null, null, 2, 0, 1, List.of(Iids.IID_IUnknown), 1, new short[] {7}),
                    Activation.RemoteActivationResponse.class);
            assertEquals(Hresult.REGDB_E_CLASSNOTREG, r.phr());
        }
    }

    private int getClassObject(byte[] props) throws Exception {
        try (RpcBinding b = bind(Activation.IREMOTE_SCM_ACTIVATOR)) {
            Activation.ActivationResponse r = b.call(Activation.REMOTE_GET_CLASS_OBJECT, new Activation.RemoteGetClassObjectRequest(
                    OrpcThis.of(UUID.randomUUID()), props == null ? null : MInterfacePointer.of(props)), Activation.ActivationResponse.class);
            assertNull(r.ppActProperties());
            return r.errorCode();
        }
    }

    @Test
    void answersRemoteGetClassObjectOfAnUnregisteredClassRegdbEClassNotReg() throws Exception {
        assertEquals(Hresult.REGDB_E_CLASSNOTREG, getClassObject(valid()));
    }

    @Test
    void refusesRemoteGetClassObjectNamingTwoIidsOrNoPropertiesOrATruncatedBlob() throws Exception {
        byte[] two = ActivationProperties.encodeIn(ActivationPropertiesIn.of(UUID.randomUUID(),
                List.of(Iids.IID_IClassFactory, Iids.IID_IUnknown), null, 2, new short[] {7}));
        assertEquals(Hresult.E_INVALIDARG, getClassObject(two));
        assertEquals(Hresult.E_INVALIDARG, getClassObject(null));
        byte[] v = valid();
        assertEquals(Hresult.E_INVALIDARG, getClassObject(Arrays.copyOf(v, v.length - 40)));
    }

    @Test
    void refusesRemoteActivationInGetClassObjectModeForTwoInterfaces() throws Exception {
        try (RpcBinding b = bind(Activation.IACTIVATION)) {
            Activation.RemoteActivationResponse r = b.call(Activation.REMOTE_ACTIVATION, new Activation.RemoteActivationRequest(
                    OrpcThis.of(UUID.randomUUID()), UUID.randomUUID(), null, null, 2, Activation.MODE_GET_CLASS_OBJECT, 2,
                    List.of(Iids.IID_IClassFactory, Iids.IID_IUnknown), 1, new short[] {7}), Activation.RemoteActivationResponse.class);
            assertEquals(Hresult.E_INVALIDARG, r.phr());
        }
    }
}
