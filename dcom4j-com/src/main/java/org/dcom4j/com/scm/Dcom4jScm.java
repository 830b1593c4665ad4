package org.dcom4j.com.scm;

import java.util.List;
import java.util.UUID;
import org.dcom4j.com.wire.DualStringArray;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;
import org.dcom4j.ndr.NdrParameters;
import org.dcom4j.ndr.NdrString;
import org.dcom4j.ndr.SizeIs;
import org.dcom4j.ndr.Unique;
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
 *
 * <p>The running object table (IRunningObjectTable's role): a registered server registers objects of
 * its own OXID under display names ({@link #ROT_REGISTER}), revokes them ({@link #ROT_REVOKE}), and
 * any local process looks them up ({@link #ROT_GET_OBJECT}, {@link #ROT_ENUM}); an entry is visible
 * to its registrant's uid and, with {@link #ROTFLAGS_ALLOWANYCLIENT}, to the callers its AppID's
 * AccessPermission admits locally. Entries end with their server's registration.
 */
public final class Dcom4jScm {
    public static final InterfaceId INTERFACE = new InterfaceId(UUID.fromString("5f1d0c2a-6b1e-4c83-9a44-d4c0de4a0001"), 1, 0);
    public static final String NCALRPC_ENDPOINT = "dcom4j-scm";
    public static final int REGISTER_SERVER = 0;
    public static final int REVOKE_SERVER = 1;
    public static final int ROT_REGISTER = 2;
    public static final int ROT_REVOKE = 3;
    public static final int ROT_GET_OBJECT = 4;
    public static final int ROT_ENUM = 5;
    public static final int OPERATION_COUNT = 6;

    /** A strong registration: the server keeps the object alive until the entry is revoked (always so here). */
    public static final int ROTFLAGS_REGISTRATIONKEEPSALIVE = 0x1;
    /** The entry is visible to every caller its AppID's AccessPermission admits locally, not only to its registrant's uid. */
    public static final int ROTFLAGS_ALLOWANYCLIENT = 0x2;
    /** Display names: 1..{@value} characters, no control characters. */
    public static final int MAX_DISPLAY_NAME = 1024;
    /** Entries in the whole table. */
    public static final int MAX_ROT_ENTRIES = 4096;
    /** Characters of display names in one RotEnum answer (the rest is left out, answered S_FALSE). */
    public static final int MAX_ROT_ENUM_CHARS = 256 * 1024;
    /** Entries of one server registration. */
    public static final int MAX_ROT_ENTRIES_PER_SERVER = 256;

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

    /**
     * RotRegister [in]: the display name, the object's OBJREF (a standard one of the caller's OXID), the
     * ROTFLAGS and, with ROTFLAGS_ALLOWANYCLIENT, the AppID whose AccessPermission decides who else sees it.
     */
    @NdrParameters
    public record RotRegisterRequest(@NdrString String displayName, MInterfacePointer objref, int flags, UUID appId) {
    }

    /** RotRegister [out]: the entry's cookie (0 on failure) and S_OK, MK_S_MONIKERALREADYREGISTERED or a failure. */
    @NdrParameters
    public record RotRegisterResponse(int cookie, int hresult) {
    }

    /** RotRevoke [in]. */
    @NdrParameters
    public record RotRevokeRequest(int cookie) {
    }

    /** RotRevoke [out]. */
    @NdrParameters
    public record RotRevokeResponse(int hresult) {
    }

    /** RotGetObject [in]. */
    @NdrParameters
    public record RotGetObjectRequest(@NdrString String displayName) {
    }

    /** RotGetObject [out]: the OBJREF (null with MK_E_UNAVAILABLE) and an HRESULT. */
    @NdrParameters
    public record RotGetObjectResponse(@Unique MInterfacePointer objref, int hresult) {
    }

    /** RotEnum [in]: nothing but a reserved value (0). */
    @NdrParameters
    public record RotEnumRequest(int reserved) {
    }

    /**
     * RotEnum [out]: the distinct display names visible to the caller, in registration order, at most
     * {@value #MAX_ROT_ENUM_CHARS} characters in all; S_FALSE when some were left out.
     */
    @NdrParameters
    public record RotEnumResponse(int count, @SizeIs("count") List<@Unique @NdrString String> displayNames, int hresult) {
    }
}
