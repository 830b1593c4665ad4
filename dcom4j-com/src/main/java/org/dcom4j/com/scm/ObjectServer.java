package org.dcom4j.com.scm;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;
import org.dcom4j.rpc.InterfaceId;

/**
 * IDcom4jObjectServer: the private interface every dcom4j COM server process serves to rpcss on its
 * own ncalrpc endpoint ({@code dcom4j-srv-PID}); only rpcss's kernel uid may call it.
 * CreateInstance is activation's last step (IClassFactory::CreateInstance through the registered
 * factory, then one marshaled interface pointer per requested IID). The server owns garbage
 * collection: every exported OID has a deadline (ping timeout after export or its last ping);
 * OidsPinged carries the OIDs of the pings rpcss's resolver accepted (SimplePing: the set's OIDs;
 * ComplexPing: the set's OIDs after the change), which move those deadlines. OidsExpired (the server
 * releases every reference on those OIDs at once) is still served, but rpcss no longer sends it.
 * GetClassObject is RemoteGetClassObject's last step (MS-DCOM 3.1.2.5.2.3.2): the OBJREF of the
 * class's class object (IClassFactory, or IUnknown) for the activating caller.
 */
public final class ObjectServer {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("5f1d0c2a-6b1e-4c83-9a44-d4c0de4a0002"), 1, 0);
    public static final String NCALRPC_ENDPOINT_PREFIX = "dcom4j-srv-";
    public static final int CREATE_INSTANCE = 0;
    public static final int OIDS_EXPIRED = 1;
    public static final int OIDS_PINGED = 2;
    public static final int GET_CLASS_OBJECT = 3;
    public static final int OPERATION_COUNT = 4;

    private ObjectServer() {
    }

    /**
     * CreateInstance [in]: the class, the interfaces asked for, and the activating caller for the
     * server's records (its account name and SID as rpcss authenticated it; the server decides Call
     * access on each later call with the caller's own token).
     */
    @NdrParameters
    public record CreateInstanceRequest(UUID clsid, int cIids, @SizeIs("cIids") List<UUID> iids,
                                        @NdrString String callerName, @NdrString String callerSid) {
    }

    /**
     * CreateInstance [out]: per IID an HRESULT and, when it succeeded, the OBJREF bytes (a standard
     * OBJREF whose resolver bindings are the server's exporter) in a unique MInterfacePointer; then the
     * overall HRESULT (a failure: no interface succeeded, or the class could not be created).
     */
    @NdrParameters
    public record CreateInstanceResponse(int cIids, @SizeIs("cIids") int[] hresults,
                                         @SizeIs("cIids") List<Orpc.@Unique MInterfacePointer> objrefs, int hresult) {
    }

    /** OidsExpired [in]: OIDs whose every ping set expired (each from this server's range). */
    @NdrParameters
    public record OidsExpiredRequest(int cOids, @SizeIs("cOids") long[] oids) {
    }

    @NdrParameters
    public record OidsExpiredResponse(int hresult) {
    }

    /** OidsPinged [in]: OIDs of this server that a client just pinged at rpcss's resolver. */
    @NdrParameters
    public record OidsPingedRequest(int cOids, @SizeIs("cOids") long[] oids) {
    }

    @NdrParameters
    public record OidsPingedResponse(int hresult) {
    }

    /**
     * GetClassObject [in]: the class, the one interface asked of its class object, and the activating
     * caller (as in {@link CreateInstanceRequest}; the class object's references are bound to callerSid).
     */
    @NdrParameters
    public record GetClassObjectRequest(UUID clsid, UUID iid, @NdrString String callerName, @NdrString String callerSid) {
    }

    /**
     * GetClassObject [out]: the class object's OBJREF bytes (a standard OBJREF, as CreateInstance's) when
     * hresult succeeded, else NULL; hresult REGDB_E_CLASSNOTREG for a class this server does not
     * register, E_NOINTERFACE for an IID its class object does not answer.
     */
    @NdrParameters
    public record GetClassObjectResponse(Orpc.@Unique MInterfacePointer objref, int hresult) {
    }
}
