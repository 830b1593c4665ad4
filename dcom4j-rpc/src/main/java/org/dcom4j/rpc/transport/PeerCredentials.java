package org.dcom4j.rpc.transport;

/**
 * The kernel's identity of an AF_UNIX peer, read with SO_PEERCRED when the connection is accepted
 * (so it names the process that connected, not whoever writes later). rpcss maps {@link #uid} to a
 * token with dcom4j-config's {@code LocalAccounts.tokenForUid}.
 *
 * @param uid  numeric user id, or -1 when the kernel's name could not be resolved to a number
 * @param gid  numeric primary group id, or -1 likewise
 * @param user the user name as the JDK reports it
 * @param group the group name as the JDK reports it
 */
public record PeerCredentials(int uid, int gid, String user, String group) {
}
