package org.dcom4j.rpc.pdu;

/**
 * The PTYPE octet of the common header (C706 12.6.4 "PDU types"; the connectionless numbers 1 and
 * 4..10 are listed so that a stray datagram PDU on a stream is named in errors, never accepted).
 */
public final class PduType {
    public static final int REQUEST = 0;
    public static final int RESPONSE = 2;
    public static final int FAULT = 3;
    public static final int BIND = 11;
    public static final int BIND_ACK = 12;
    public static final int BIND_NAK = 13;
    public static final int ALTER_CONTEXT = 14;
    public static final int ALTER_CONTEXT_RESP = 15;
    /** MS-RPCE 2.2.2.10: third leg of a three-way authentication. */
    public static final int AUTH3 = 16;
    public static final int SHUTDOWN = 17;
    public static final int CO_CANCEL = 18;
    public static final int ORPHANED = 19;

    private static final String[] NAMES = {"request", "ping", "response", "fault", "working", "nocall", "reject",
        "ack", "cl_cancel", "fack", "cancel_ack", "bind", "bind_ack", "bind_nak", "alter_context",
        "alter_context_resp", "auth3", "shutdown", "co_cancel", "orphaned", "rts"};

    private PduType() {
    }

    /** The C706 name of {@code ptype}, or {@code ptype=N} when it has none. */
    public static String name(int ptype) {
        return ptype >= 0 && ptype < NAMES.length ? NAMES[ptype] : "ptype=" + ptype;
    }
}
