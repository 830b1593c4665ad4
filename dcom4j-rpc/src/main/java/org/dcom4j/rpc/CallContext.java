package org.dcom4j.rpc;

import java.util.Optional;
import java.util.UUID;
import org.dcom4j.rpc.pdu.VerificationTrailer;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Token;

/**
 * What the runtime knows about one call when it reaches a handler. Immutable.
 *
 * @param distance      LOCAL for ncalrpc, REMOTE for ncacn_ip_tcp (decided by the transport alone)
 * @param peer          the kernel's credentials of an ncalrpc caller; null on TCP
 * @param peerAddress   for logs
 * @param interfaceId   the registered interface serving the call
 * @param object        the request's object UUID (PFC_OBJECT_UUID), or null
 * @param callId        the call_id of the request
 * @param contextId     the presentation context the call uses
 * @param assocGroupId  the association group of the connection
 * @param drep          the caller's data representation, packed as in {@link org.dcom4j.rpc.pdu.PduHeader}
 * @param cancelPending the request carried PFC_PENDING_CANCEL or a co_cancel arrived before execution
 * @param trailer       the MS-RPCE verification trailer found after the stub, or null
 * @param token         who the caller is for access checks: on ncalrpc the peer's Unix user as rpcss maps
 *                      it ({@link CallerTokens}); on TCP the NTLM-authenticated account (user, its groups,
 *                      Everyone, Authenticated Users, NETWORK), else ANONYMOUS LOGON with NETWORK
 * @param authType      the security provider of the call ({@link org.dcom4j.rpc.auth.AuthType}; 0 none)
 * @param authLevel     its protection ({@link org.dcom4j.rpc.auth.AuthLevel}); ncalrpc without
 *                      authentication counts as PKT_PRIVACY (the kernel carries it, unseen by others)
 */
public record CallContext(Distance distance, PeerCredentials peer, String peerAddress, InterfaceId interfaceId, UUID object,
                          int callId, int contextId, int assocGroupId, int drep, boolean cancelPending,
                          VerificationTrailer trailer, Token token, int authType, int authLevel) {
    public Optional<PeerCredentials> peerCredentials() {
        return Optional.ofNullable(peer);
    }

    public Optional<UUID> objectUuid() {
        return Optional.ofNullable(object);
    }
}
