package org.dcom4j.rpc.epm;

import java.util.UUID;

/**
 * The 16-byte little-endian GUID layout used inside tower floors (the NDR {@code uuid_t} layout,
 * C706 appendix A: time_low, time_mid, time_hi_and_version little-endian, then 8 bytes as is).
 */
final class Guids {
    private Guids() {
    }

    static void put(byte[] b, int p, UUID u) {
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        int d1 = (int) (msb >>> 32);
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) (d1 >>> (8 * i));
        }
        b[p + 4] = (byte) (msb >>> 16);
        b[p + 5] = (byte) (msb >>> 24);
        b[p + 6] = (byte) msb;
        b[p + 7] = (byte) (msb >>> 8);
        for (int i = 0; i < 8; i++) {
            b[p + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    static UUID get(byte[] b, int p) {
        long d1 = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        long d2 = (b[p + 4] & 0xFFL) | (b[p + 5] & 0xFFL) << 8;
        long d3 = (b[p + 6] & 0xFFL) | (b[p + 7] & 0xFFL) << 8;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (b[p + 8 + i] & 0xFFL);
        }
        return new UUID(d1 << 32 | d2 << 16 | d3, lsb);
    }
}
