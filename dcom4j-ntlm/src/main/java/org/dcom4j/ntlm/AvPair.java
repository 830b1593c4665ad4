package org.dcom4j.ntlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One AV_PAIR (MS-NLMP 2.2.2.1) of a TargetInfo list or an NTLMv2 client challenge. The value array is
 * owned by the record (copied in and out).
 *
 * <pre>
 * +---------------+---------------+---------------------+
 * | AvId (u16)    | AvLen (u16)   | Value (AvLen bytes) |
 * +---------------+---------------+---------------------+
 * </pre>
 * A list ends with MsvAvEOL (AvId 0, AvLen 0); {@link #decodeList} stops there and ignores what follows
 * (the NTLMv2 blob carries 4 zero bytes after it).
 */
public record AvPair(int id, byte[] value) {
    public static final int MSV_AV_EOL = 0;
    public static final int MSV_AV_NB_COMPUTER_NAME = 1;
    public static final int MSV_AV_NB_DOMAIN_NAME = 2;
    public static final int MSV_AV_DNS_COMPUTER_NAME = 3;
    public static final int MSV_AV_DNS_DOMAIN_NAME = 4;
    public static final int MSV_AV_DNS_TREE_NAME = 5;
    public static final int MSV_AV_FLAGS = 6;
    public static final int MSV_AV_TIMESTAMP = 7;
    public static final int MSV_AV_SINGLE_HOST = 8;
    public static final int MSV_AV_TARGET_NAME = 9;
    public static final int MSV_AV_CHANNEL_BINDINGS = 10;
    /** MsvAvFlags bit: the AUTHENTICATE carries a MIC. */
    public static final int FLAG_MIC_PRESENT = 0x2;
    /** Most pairs accepted in one list (Windows sends about ten). */
    public static final int MAX_PAIRS = 64;

    public AvPair {
        if ((id & ~0xFFFF) != 0 || value.length > 0xFFFF) {
            throw new IllegalArgumentException("AV_PAIR out of range: AvId=" + id + ", AvLen=" + value.length + ", limit=65535");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The pairs before MsvAvEOL; duplicates are refused (MS-NLMP 2.2.2.1: each AvId at most once). */
    public static List<AvPair> decodeList(byte[] b, int from, int to, String what) throws NtlmException {
        List<AvPair> out = new ArrayList<>();
        int pos = from;
        while (true) {
            if (to - pos < 4) {
                throw NtlmException.malformed(what + ": AV_PAIR list not terminated by MsvAvEOL: offset=" + pos + ", limit=" + to);
            }
            int id = NtlmWire.u16(b, pos);
            int len = NtlmWire.u16(b, pos + 2);
            pos += 4;
            if (len > to - pos) {
                throw NtlmException.malformed(what + ": AvLen outside list: AvId=" + id + ", AvLen=" + len + ", limit=" + (to - pos));
            }
            if (id == MSV_AV_EOL) {
                return List.copyOf(out);
            }
            if (out.size() == MAX_PAIRS) {
                throw NtlmException.malformed(what + ": too many AV_PAIRs: count=" + (out.size() + 1) + ", limit=" + MAX_PAIRS);
            }
            for (AvPair p : out) {
                if (p.id == id) {
                    throw NtlmException.malformed(what + ": duplicate AV_PAIR: AvId=" + id);
                }
            }
            out.add(new AvPair(id, Arrays.copyOfRange(b, pos, pos + len)));
            pos += len;
        }
    }

    /** The pairs followed by MsvAvEOL; a pair with AvId 0 in {@code pairs} is skipped. */
    public static byte[] encodeList(List<AvPair> pairs) {
        int size = 4;
        for (AvPair p : pairs) {
            size += 4 + p.value.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (AvPair p : pairs) {
            if (p.id == MSV_AV_EOL) {
                continue;
            }
            NtlmWire.put16(out, pos, p.id);
            NtlmWire.put16(out, pos + 2, p.value.length);
            System.arraycopy(p.value, 0, out, pos + 4, p.value.length);
            pos += 4 + p.value.length;
        }
        return Arrays.copyOf(out, pos + 4);
    }

    /** The first pair with {@code id}, or null. */
    static AvPair find(List<AvPair> pairs, int id) {
        for (AvPair p : pairs) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvPair a && a.id == id && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return id * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "AvPair[AvId=" + id + ", Value=" + HexFormat.of().formatHex(value) + "]";
    }
}
