package org.dcom4j.security;

/**
 * Where a request came from, decided by its transport alone: ncalrpc (AF_UNIX) is LOCAL,
 * ncacn_ip_tcp is REMOTE even from 127.0.0.1 (the seed: "A Local COM message arrives by way of
 * LRPC, while a Remote COM message arrives by way of an RPC host protocol like TCP").
 */
public enum Distance {
    LOCAL,
    REMOTE
}
