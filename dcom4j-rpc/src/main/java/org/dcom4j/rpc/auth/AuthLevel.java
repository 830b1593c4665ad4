package org.dcom4j.rpc.auth;

/**
 * Authentication levels (C706 13.1.2.1 / MS-RPCE 2.2.1.1.8), the {@code auth_level} octet of the
 * sec_trailer. On connection-oriented transports {@link #CALL} and {@link #PKT} protect every PDU as
 * {@link #PKT_INTEGRITY} does (a signature on each fragment), which is what Windows and Samba do.
 */
public final class AuthLevel {
    /** No authentication (never carried in a sec_trailer; the level of an unauthenticated call). */
    public static final int NONE = 1;
    /** Authenticated at the bind only; requests carry no (checked) verifier. */
    public static final int CONNECT = 2;
    public static final int CALL = 3;
    public static final int PKT = 4;
    /** Every PDU signed (NTLM: HMAC-MD5 with sequence numbers, header included). */
    public static final int PKT_INTEGRITY = 5;
    /** Every PDU signed and its stub encrypted (NTLM: RC4). */
    public static final int PKT_PRIVACY = 6;

    private AuthLevel() {
    }

    public static boolean isValid(int level) {
        return level >= NONE && level <= PKT_PRIVACY;
    }

    /** Whether PDUs at this level carry a signature that must be checked. */
    public static boolean signs(int level) {
        return level >= CALL;
    }

    public static String name(int level) {
        return switch (level) {
            case NONE -> "none";
            case CONNECT -> "connect";
            case CALL -> "call";
            case PKT -> "pkt";
            case PKT_INTEGRITY -> "pkt_integrity";
            case PKT_PRIVACY -> "pkt_privacy";
            default -> "unknown(" + level + ")";
        };
    }

    /** Parses a level name ({@code none, connect, call, pkt, integrity|pkt_integrity, privacy|pkt_privacy}) or number 1..6. */
    public static int parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "none", "1" -> NONE;
            case "connect", "2" -> CONNECT;
            case "call", "3" -> CALL;
            case "pkt", "packet", "4" -> PKT;
            case "integrity", "pkt_integrity", "5" -> PKT_INTEGRITY;
            case "privacy", "pkt_privacy", "6" -> PKT_PRIVACY;
            default -> throw new IllegalArgumentException("unknown authentication level: " + text
                    + " (use none, connect, call, pkt, integrity or privacy)");
        };
    }
}
