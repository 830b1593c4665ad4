package org.dcom4j.rpc;

import java.util.List;

import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;

/**
 * Who the caller of a connection is, as a {@link Token} for every access check of its calls: decided
 * once, when the connection is accepted. On ncalrpc the kernel's peer credentials name the Unix user
 * (rpcss maps them with dcom4j-config's {@code LocalAccounts.tokenForUid}); on ncacn_ip_tcp, until
 * authentication exists, every caller is ANONYMOUS LOGON with NETWORK. Implementations must be
 * thread-safe; a mapper that throws gets the connection closed (deny on doubt).
 */
@FunctionalInterface
public interface CallerTokens {
    /** Everyone anonymous: what a server without an account database can honestly say. */
    CallerTokens ANONYMOUS = (distance, peer) -> anonymous(distance);

    /**
     * @param distance LOCAL for ncalrpc, REMOTE for TCP
     * @param peer     the kernel's credentials of an ncalrpc peer; null on TCP
     */
    Token tokenFor(Distance distance, PeerCredentials peer);

    /** ANONYMOUS LOGON, with NETWORK when it came over the network. */
    static Token anonymous(Distance distance) {
        return Token.anonymous(distance == Distance.REMOTE ? List.of(WellKnownSids.NETWORK) : List.of());
    }
}
