package org.dcom4j.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event the security model raises for the event log: an invalid descriptor found, an access
 * denied. Carries no secrets (SIDs and descriptor origins only).
 *
 * @param level   severity
 * @param source  the event source, e.g. {@code DCOM}
 * @param eventId the event id (see {@link #INVALID_DESCRIPTOR}, {@link #LAUNCH_DENIED}, …)
 * @param message one line for an administrator
 * @param fields  structured fields (user, sid, appid, operation, distance, origin, …), in insertion order
 */
public record SecurityEvent(Level level, String source, int eventId, String message, Map<String, String> fields) {
    public enum Level { ERROR, WARNING, INFORMATION }

    public static final String SOURCE_DCOM = "DCOM";
    /** The RPC runtime: authentication failures and calls refused by an interface's security rule. */
    public static final String SOURCE_RPC = "RPC";
    /** An account failed to log on (the id Windows' Security log uses). */
    public static final int LOGON_FAILURE = 4625;
    /** Launch or activation denied (Windows reports these as DistributedCOM 10016). */
    public static final int LAUNCH_DENIED = 10016;
    /** A call denied. */
    public static final int CALL_DENIED = 10027;
    /** A COM security descriptor is malformed or invalid; the operation it guards failed closed. */
    public static final int INVALID_DESCRIPTOR = 10020;
    /** A remote request refused because EnableDCOM is N. */
    public static final int DCOM_DISABLED = 10025;

    public SecurityEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
