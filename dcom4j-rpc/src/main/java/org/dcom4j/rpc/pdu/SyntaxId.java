package org.dcom4j.rpc.pdu;

import java.util.Objects;
import java.util.UUID;

/**
 * A p_syntax_id_t (C706 12.6.3.1): an interface or transfer syntax UUID and its version, 20 bytes
 * on the wire (UUID 16, then the version as one u32 whose low 16 bits are the major version and
 * high 16 bits the minor version).
 *
 * <pre>
 *  0                               16              18              20
 * +-------------------------------+---------------+---------------+
 * | if_uuid (NDR uuid_t)          | major (u16)   | minor (u16)   |
 * +-------------------------------+---------------+---------------+
 * </pre>
 */
public record SyntaxId(UUID uuid, int major, int minor) {
    /** Bytes on the wire. */
    public static final int LENGTH = 20;
    /** NDR 2.0 transfer syntax (C706 14, appendix I). */
    public static final SyntaxId NDR20 = new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2, 0);
    /** NDR64 transfer syntax (MS-RPCE 2.2.5). */
    public static final SyntaxId NDR64 = new SyntaxId(UUID.fromString("71710533-beba-4937-8319-b5dbef9ccc36"), 1, 0);
    /** The all-zero syntax a bind_ack carries for rejected contexts and the negotiate_ack. */
    public static final SyntaxId NULL = new SyntaxId(new UUID(0, 0), 0, 0);
    /** The first 8 bytes (in string order) of a bind-time feature negotiation syntax (MS-RPCE 3.3.1.5.3). */
    private static final long BIND_TIME_FEATURE_PREFIX = 0x6cb71c2c98124540L;

    public SyntaxId {
        Objects.requireNonNull(uuid, "uuid");
        if ((major & ~0xFFFF) != 0 || (minor & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("version out of range: major=" + major + ", minor=" + minor + ", limit=65535");
        }
    }

    /** A bind-time feature negotiation syntax {@code 6cb71c2c-9812-4540-XXXX-XXXXXXXXXXXX} v1.0 (MS-RPCE 3.3.1.5.3). */
    public static SyntaxId bindTimeFeatures(int bitmask) {
        return new SyntaxId(new UUID(BIND_TIME_FEATURE_PREFIX, (long) (bitmask & 0xFF) << 56), 1, 0);
    }

    /** Whether this is a bind-time feature negotiation syntax (the UUID prefix and version 1.0). */
    public boolean isBindTimeFeatureNegotiation() {
        return uuid.getMostSignificantBits() == BIND_TIME_FEATURE_PREFIX && major == 1 && minor == 0;
    }

    /**
     * The first octet of BindTimeFeatureNegotiationBitmask (MS-RPCE 2.2.2.14): the 8 octets after
     * the prefix, in wire order, which are the UUID's last 8 bytes; only bits 0x01
     * (SecurityContextMultiplexingSupported) and 0x02 (KeepConnectionOnOrphanSupported) are defined.
     */
    public int featureBitmask() {
        return (int) (uuid.getLeastSignificantBits() >>> 56) & 0xFF;
    }

    @Override
    public String toString() {
        return uuid + " v" + major + "." + minor;
    }
}
