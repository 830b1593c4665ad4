package org.dcom4j.rpc;

import org.dcom4j.rpc.auth.AuthLevel;

/**
 * What an interface demands of its remote (ncacn_ip_tcp) callers — the {@code RPC_IF_ALLOW_SECURE_ONLY}
 * and security-callback decisions of a Windows server, declared instead of coded. Local (ncalrpc)
 * callers carry their kernel identity and are not subject to it.
 *
 * <ul>
 *   <li>An anonymous caller (no authentication, or anonymous NTLM: ANONYMOUS LOGON) is served only
 *       when {@code allowAnonymous}.</li>
 *   <li>An authenticated caller is served only at {@code minimumAuthLevel} or above; the machine-wide
 *       minimum ({@link AuthPolicy}) is applied on top.</li>
 * </ul>
 * Refused calls get fault rpc_s_access_denied (5) and the connection stays open.
 *
 * @param minimumAuthLevel {@link AuthLevel#NONE} .. {@link AuthLevel#PKT_PRIVACY}
 */
public record InterfaceSecurity(int minimumAuthLevel, boolean allowAnonymous) {
    /** Authenticated callers only, at the machine-wide minimum level: the default of every interface. */
    public static final InterfaceSecurity AUTHENTICATED = new InterfaceSecurity(AuthLevel.CONNECT, false);
    /** Anonymous callers too (the endpoint mapper, mgmt, the Echo sample): an explicit opt-in. */
    public static final InterfaceSecurity ANONYMOUS_ALLOWED = new InterfaceSecurity(AuthLevel.CONNECT, true);

    public InterfaceSecurity {
        if (!AuthLevel.isValid(minimumAuthLevel)) {
            throw new IllegalArgumentException("minimumAuthLevel out of range: level=" + minimumAuthLevel + ", limit=1..6");
        }
    }

    public InterfaceSecurity withMinimumAuthLevel(int level) {
        return new InterfaceSecurity(level, allowAnonymous);
    }

    public InterfaceSecurity withAllowAnonymous(boolean allow) {
        return new InterfaceSecurity(minimumAuthLevel, allow);
    }
}
