package org.dcom4j.security;

import java.util.Arrays;

/**
 * A security identifier (MS-DTYP 2.4.2): a 48-bit identifier authority and up to 15 32-bit
 * sub-authorities. Immutable; equality and hash are by value and the hash is precomputed, because
 * SIDs are compared on every ACE of every access check.
 *
 * <pre>
 *  0        1        2                          8
 * +--------+--------+--------------------------+------------------------------+
 * |Revision|SubAuth | IdentifierAuthority      | SubAuthority[SubAuthCount]   |
 * |  = 1   | Count  | 6 bytes, big-endian      | 4 bytes each, little-endian  |
 * +--------+--------+--------------------------+------------------------------+
 * </pre>
 */
public final class Sid implements Comparable<Sid> {
    /** MS-DTYP 2.4.2: SubAuthorityCount is at most 15. */
    public static final int MAX_SUB_AUTHORITIES = 15;
    private static final long MAX_AUTHORITY = (1L << 48) - 1;

    private final long authority;
    private final int[] subAuthorities;
    private final int hash;

    private Sid(long authority, int[] subAuthorities) {
        this.authority = authority;
        this.subAuthorities = subAuthorities;
        this.hash = Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
    }

    /** A SID from its identifier authority and sub-authorities (each taken as unsigned 32-bit). */
    public static Sid of(long identifierAuthority, int... subAuthorities) {
        if (identifierAuthority < 0 || identifierAuthority > MAX_AUTHORITY) {
            throw new SecurityFormatException("identifier authority out of range: authority=" + identifierAuthority
                    + ", limit=" + MAX_AUTHORITY);
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("too many sub-authorities: count=" + subAuthorities.length
                    + ", limit=" + MAX_SUB_AUTHORITIES);
        }
        return new Sid(identifierAuthority, subAuthorities.clone());
    }

    /**
     * Parses the string form {@code S-1-IdentifierAuthority-SubAuthority…} (MS-DTYP 2.4.2.1). The
     * authority may be decimal or {@code 0x}-prefixed hexadecimal. Aliases such as {@code BA} are
     * resolved by {@link WellKnownSids#parse(String)}, not here.
     */
    public static Sid parse(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new SecurityFormatException("not a SID string (expected S-1-…): \"" + text + "\"");
        }
        String a = parts[2];
        boolean hex = a.regionMatches(true, 0, "0x", 0, 2);
        long authority = hex ? digits(a.substring(2), 16, 12) : digits(a, 10, 15);
        if (authority < 0) {
            throw new SecurityFormatException("bad identifier authority \"" + a + "\" in SID \"" + text + "\"");
        }
        int count = parts.length - 3;
        if (count > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("too many sub-authorities in SID \"" + text + "\": count=" + count
                    + ", limit=" + MAX_SUB_AUTHORITIES);
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            String s = parts[3 + i];
            long v = digits(s, 10, 10);
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new SecurityFormatException("bad sub-authority \"" + s + "\" in SID \"" + text + "\"");
            }
            subs[i] = (int) v;
        }
        return of(authority, subs);
    }

    /**
     * The value of 1 to {@code maxDigits} ASCII digits in {@code radix}, or -1. Stricter than
     * {@link Long#parseLong}, which also takes a sign and non-ASCII digits.
     */
    private static long digits(String s, int radix, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c < 0x80 ? Character.digit(c, radix) : -1;
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }

    /**
     * Decodes a binary SID at {@code offset}, reading no byte at or past {@code limit}.
     *
     * @throws SecurityFormatException naming the offset when the bytes are short or the count is too large
     */
    public static Sid decode(byte[] buf, int offset, int limit) {
        // Subtractions, not offset + n: an offset near Integer.MAX_VALUE must not overflow past the check.
        if (offset < 0 || limit > buf.length || limit - offset < 8) {
            throw new SecurityFormatException("SID truncated: offset=" + offset + ", bytes left=" + Math.max(0, limit - offset));
        }
        int revision = buf[offset] & 0xFF;
        if (revision != 1) {
            throw new SecurityFormatException("SID revision must be 1: Revision=" + revision + ", offset=" + offset);
        }
        int count = buf[offset + 1] & 0xFF;
        if (count > MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("SID SubAuthorityCount=" + count + ", limit=" + MAX_SUB_AUTHORITIES
                    + ", offset=" + offset);
        }
        if (4 * count > limit - offset - 8) {
            throw new SecurityFormatException("SID truncated: SubAuthorityCount=" + count + ", needs="
                    + (8 + 4 * count) + ", bytes left=" + (limit - offset) + ", offset=" + offset);
        }
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | (buf[offset + 2 + i] & 0xFF);
        }
        int[] subs = new int[count];
        for (int i = 0; i < count; i++) {
            subs[i] = Bytes.readInt(buf, offset + 8 + 4 * i);
        }
        return new Sid(authority, subs);
    }

    /** Bytes this SID takes in binary form: 8 + 4 × SubAuthorityCount. */
    public int encodedLength() {
        return 8 + 4 * subAuthorities.length;
    }

    /** Writes the binary form at {@code offset}; returns the offset after it. */
    public int encode(byte[] dst, int offset) {
        dst[offset] = 1;
        dst[offset + 1] = (byte) subAuthorities.length;
        for (int i = 0; i < 6; i++) {
            dst[offset + 2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 0; i < subAuthorities.length; i++) {
            Bytes.writeInt(dst, offset + 8 + 4 * i, subAuthorities[i]);
        }
        return offset + encodedLength();
    }

    public byte[] toBytes() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    public long identifierAuthority() {
        return authority;
    }

    public int subAuthorityCount() {
        return subAuthorities.length;
    }

    /** Sub-authority {@code i}, as the signed int holding its unsigned 32-bit value. */
    public int subAuthority(int i) {
        return subAuthorities[i];
    }

    /** The last sub-authority (the relative identifier), or -1 when there is none. */
    public long rid() {
        return subAuthorities.length == 0 ? -1 : Integer.toUnsignedLong(subAuthorities[subAuthorities.length - 1]);
    }

    /** This SID with one more sub-authority: a domain SID's member {@code rid}. */
    public Sid child(int rid) {
        if (subAuthorities.length == MAX_SUB_AUTHORITIES) {
            throw new SecurityFormatException("SID already has " + MAX_SUB_AUTHORITIES + " sub-authorities: " + this);
        }
        int[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
        subs[subs.length - 1] = rid;
        return new Sid(authority, subs);
    }

    /** The SID without its last sub-authority (the domain of an account SID). */
    public Sid parent() {
        if (subAuthorities.length == 0) {
            throw new IllegalStateException("SID has no sub-authority: " + this);
        }
        return new Sid(authority, Arrays.copyOf(subAuthorities, subAuthorities.length - 1));
    }

    /** MS-DTYP 2.4.2.1: the authority prints in decimal below 2^32, else as 0x followed by 12 hex digits. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48).append("S-1-");
        if (authority < (1L << 32)) {
            sb.append(authority);
        } else {
            sb.append(String.format("0x%012X", authority));
        }
        for (int s : subAuthorities) {
            sb.append('-').append(Integer.toUnsignedLong(s));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid other && hash == other.hash && authority == other.authority
                && Arrays.equals(subAuthorities, other.subAuthorities);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Sid o) {
        int c = Long.compare(authority, o.authority);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(subAuthorities, o.subAuthorities);
    }
}
