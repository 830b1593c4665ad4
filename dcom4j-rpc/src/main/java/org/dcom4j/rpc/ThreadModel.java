package org.dcom4j.rpc;

/**
 * How the server runs its accept loops and per-connection read loops (DESIGN.md "Runtime choices").
 * PLATFORM, the default, is one OS thread per connection and keeps a call's round trip near the raw
 * socket's; VIRTUAL scales to tens of thousands of idle connections (about 6.5 KB each) but adds the
 * poller and carrier hand-off to every blocking round trip. Measured by {@code dcom4j-bench/calls.sh}
 * (pinned, median): a DCOM null call over ncalrpc 3.5 µs with PLATFORM, 7.9 µs with VIRTUAL (raw AF_UNIX
 * ping-pong 3.4 µs); with the default limit of 1024 connections PLATFORM costs at most 1024 threads.
 * Choose VIRTUAL (and raise {@link RpcServerConfig#maxConnections()}) for very many idle clients.
 */
public enum ThreadModel {
    VIRTUAL,
    PLATFORM;

    Thread.Builder builder(String prefix) {
        return this == VIRTUAL ? Thread.ofVirtual().name(prefix, 0) : Thread.ofPlatform().daemon().name(prefix, 0);
    }
}
