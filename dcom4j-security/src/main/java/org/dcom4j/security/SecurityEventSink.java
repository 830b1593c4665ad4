package org.dcom4j.security;

/** Receives the events the security model raises (the config module's event log is one). Thread-safe. */
@FunctionalInterface
public interface SecurityEventSink {
    SecurityEventSink NONE = event -> { };

    void report(SecurityEvent event);
}
