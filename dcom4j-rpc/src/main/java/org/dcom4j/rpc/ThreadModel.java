package org.dcom4j.rpc;

/**
 * How the server runs its accept loops and per-connection read loops (DESIGN.md "Runtime choices").
 * VIRTUAL scales to tens of thousands of idle connections (about 6.5 KB each) but adds the poller
 * and carrier hand-off (measured ~40 µs) to every blocking round trip; PLATFORM keeps the round
 * trip near the raw socket's (10.7 µs pinned, AF_UNIX) at one OS thread per connection. VIRTUAL is
 * the default until the benchmark in dcom4j-bench says otherwise for a deployment.
 */
public enum ThreadModel {
    VIRTUAL,
    PLATFORM;

    Thread.Builder builder(String prefix) {
        return this == VIRTUAL ? Thread.ofVirtual().name(prefix, 0) : Thread.ofPlatform().daemon().name(prefix, 0);
    }
}
