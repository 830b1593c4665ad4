package org.dcom4j.com.scm;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.rpc.InterfaceId;

/**
 * IDcom4jScm: rpcss's private interface for the COM server processes of this machine (ncalrpc only,
 * endpoint {@value #NCALRPC_ENDPOINT}). A server registers once, after it listens, with the classes
 * it serves (CoRegisterClassObject's role) and the ncalrpc endpoint where rpcss reaches its
 * {@link ObjectServer} interface; rpcss records the caller's kernel uid with the registration.
 *
 * <p>OIDs: rpcss routes ping-set expiry to the owning server by the OID's top 24 bits, which must
 * equal the {@code registrationId} the server was given ({@link #oidOwner}); a server numbers its
 * OIDs {@code registrationId << 40 | counter}.
 */
public final class Dcom4jScm {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("5f1d0c2a-6b1e-4c83-9a44-d4c0de4a0001"), 1, 0);
    public static final String NCALRPC_ENDPOINT = "dcom4j-scm";
    public static final int REGISTER_SERVER = 0;
    public static final int REVOKE_SERVER = 1;
    public static final int OPERATION_COUNT = 2;

    private Dcom4jScm() {
    }

    /** The registration an OID belongs to. */
    public static int oidOwner(long oid) {
        return (int) (oid >>> 40);
    }

    /** The first OID of a registration's range. */
    public static long firstOid(int registrationId) {
        return (long) registrationId << 40;
    }

    /**
     * RegisterServer [in]: the server's pid, its ObjectServer endpoint (an ncalrpc name), its OXID, the
     * IPID of its IRemUnknown, the exporter's bindings (TCP and ncalrpc string bindings, security
     * bindings) and the CLSIDs it serves.
     */
    @NdrParameters
    public record RegisterServerRequest(int pid, @NdrString String objectServerEndpoint, long oxid, UUID ipidRemUnknown,
                                        DualStringArray.Ndr bindings, int cClsids, @SizeIs("cClsids") List<UUID> clsids) {
    }

    /** RegisterServer [out]: the registration id (1..2^24-1: the OID prefix) and an HRESULT. */
    @NdrParameters
    public record RegisterServerResponse(int registrationId, int hresult) {
    }

    /** RevokeServer [in]: the registration to end (its classes are no longer served). */
    @NdrParameters
    public record RevokeServerRequest(int registrationId) {
    }

    /** RevokeServer [out]. */
    @NdrParameters
    public record RevokeServerResponse(int hresult) {
    }
}
