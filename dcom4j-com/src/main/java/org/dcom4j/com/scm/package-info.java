/**
 * dcom4j's private, local-only interfaces between a COM server process, rpcss and the launcher (the
 * roles of Windows' private SCM and DCOMLaunch interfaces): served on ncalrpc only, every caller
 * checked by its kernel identity. Records only — the wire contract; the three parties implement it
 * (the COM runtime in {@code org.dcom4j.com}, rpcss and the launcher in {@code dcom4j-rpcss}).
 *
 * <pre>
 *   server process ──RegisterServer/RevokeServer──▶ rpcss (IDcom4jScm, ncalrpc:[dcom4j-scm])
 *   rpcss ──CreateInstance/OidsPinged──▶ server process (IDcom4jObjectServer, ncalrpc:[dcom4j-srv-PID])
 *   rpcss ──Launch──▶ launcher (IDcom4jLauncher, a private AF_UNIX socket; only rpcss's uid may call)
 * </pre>
 */
package org.dcom4j.com.scm;
