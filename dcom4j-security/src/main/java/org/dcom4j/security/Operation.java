package org.dcom4j.security;

/** What a caller asks of a COM application: the three operations the DCOM security model guards. */
public enum Operation {
    /** Start the server process (checked only when it must be started). */
    LAUNCH,
    /** Obtain an object from it (checked on every activation). */
    ACTIVATE,
    /** Call a method on one of its objects (checked on every call). */
    CALL
}
