package org.dcom4j.com.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;
import org.dcom4j.com.IClassFactory;
import org.dcom4j.com.Iids;
import org.dcom4j.com.Out;
import org.dcom4j.com.runtime.InterfaceDescriptor.MethodDescriptor;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrCodec;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.Unique;
import org.junit.jupiter.api.Test;

/**
 * {@link IClassFactory}'s remote form (unknwn.idl's [call_as] methods) byte for byte against the
 * equivalent {@link NdrParameters} records: RemoteCreateInstance = ORPCTHIS, riid (the GUID, no
 * pUnkOuter) → ORPCTHAT, [unique] MInterfacePointer*, HRESULT; RemoteLockServer = ORPCTHIS, BOOL →
 * ORPCTHAT, HRESULT.
 */
class ClassFactoryWireTest {
    private static final Orpc.OrpcThis THIS = Orpc.OrpcThis.of(UUID.fromString("11111111-2222-3333-4444-555555555555"));

    @NdrParameters
    record CreateInstanceRequest(Orpc.OrpcThis orpcThis, UUID riid) {
    }

    @NdrParameters
    record CreateInstanceResponse(Orpc.OrpcThat orpcThat, Orpc.@Unique MInterfacePointer ppvObject, int hresult) {
    }

    @NdrParameters
    record LockServerRequest(Orpc.OrpcThis orpcThis, int fLock) {
    }

    @NdrParameters
    record LockServerResponse(Orpc.OrpcThat orpcThat, int hresult) {
    }

    @Test
    void theDescriptorsIidIsIidIClassFactory() {
        assertEquals(Iids.IID_IClassFactory, InterfaceDescriptor.iidOf(IClassFactory.class));
    }

    @Test
    void remoteCreateInstanceEncodesAsTheEquivalentRecordsWithAndWithoutAPointer() throws Exception {
        MethodDescriptor m = InterfaceDescriptor.of(IClassFactory.class).method(3);
        UUID riid = UUID.fromString("23203412-63cd-4530-9dd1-fc8e888ef55d");
        Out<Orpc.MInterfacePointer> ppv = new Out<>();
        Object[] args = {riid, ppv};
        byte[] request = m.request().encode(m.requestValues(THIS, args, null));
        assertArrayEquals(NdrCodec.of(CreateInstanceRequest.class).encode(new CreateInstanceRequest(THIS, riid)), request);

        Object[] in = m.request().decode(request);
        Object[] serverArgs = m.arguments(in, null);
        assertEquals(riid, serverArgs[0]);
        @SuppressWarnings("unchecked")
        Out<Orpc.MInterfacePointer> serverPpv = (Out<Orpc.MInterfacePointer>) serverArgs[1];
        assertNull(serverPpv.get(), "the server's holder starts NULL");
        Orpc.MInterfacePointer objref = Orpc.MInterfacePointer.of(new byte[] {'M', 'E', 'O', 'W', 1, 0, 0, 0});
        serverPpv.set(objref);
        byte[] response = m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, serverArgs, null, 0, null));
        assertArrayEquals(NdrCodec.of(CreateInstanceResponse.class).encode(new CreateInstanceResponse(Orpc.OrpcThat.EMPTY, objref, 0)),
                response);
        m.complete(m.response().decode(response), args, null);
        assertArrayEquals(objref.abData(), ppv.get().abData());

        serverPpv.set(null);
        assertArrayEquals(NdrCodec.of(CreateInstanceResponse.class).encode(new CreateInstanceResponse(Orpc.OrpcThat.EMPTY, null, 0)),
                m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, serverArgs, null, 0, null)), "a NULL pointer");
    }

    @Test
    void remoteLockServerEncodesAsTheEquivalentRecords() throws Exception {
        MethodDescriptor m = InterfaceDescriptor.of(IClassFactory.class).method(4);
        Object[] args = {1};
        byte[] request = m.request().encode(m.requestValues(THIS, args, null));
        assertArrayEquals(NdrCodec.of(LockServerRequest.class).encode(new LockServerRequest(THIS, 1)), request);
        Object[] in = m.request().decode(request);
        assertArrayEquals(NdrCodec.of(LockServerResponse.class).encode(new LockServerResponse(Orpc.OrpcThat.EMPTY, 0)),
                m.response().encode(m.responseValues(Orpc.OrpcThat.EMPTY, in, m.arguments(in, null), null, 0, null)));
    }
}
