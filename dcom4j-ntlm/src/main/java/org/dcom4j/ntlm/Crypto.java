package org.dcom4j.ntlm;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MS-NLMP 6 primitives for the one-shot steps of authentication (HMAC_MD5, MD5, one RC4 run), and
 * the long-lived keyed instances session security keeps ({@link HmacMd5}, {@link Rc4}; see
 * {@link NtlmSession}). The static methods are stateless and thread-safe; the instances are not.
 */
final class Crypto {
    private Crypto() {
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        Mac mac = hmacMd5(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    static Mac hmacMd5(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** One RC4 pass with a fresh key schedule (EncryptedRandomSessionKey, MS-NLMP 3.1.5.1.2). */
    static byte[] rc4(byte[] key, byte[] data) {
        byte[] out = new byte[data.length];
        new Rc4(key).process(data, 0, data.length, out, 0);
        return out;
    }

    /**
     * HMAC_MD5 (RFC 2104) under one fixed key, for many messages: the MD5 states after the key's
     * inner and outer pad blocks are computed once, and each MAC starts from copies of them, which
     * saves two of the five MD5 blocks of a ~100-byte message. The copies are {@link MessageDigest}
     * clones (the JDK's MD5 is an intrinsic and has no other way to restore a state): two small
     * short-lived objects per MAC, cheaper than the blocks they save. Use: {@link #update} any number
     * of times, then {@link #doFinal}. Not thread-safe.
     */
    static final class HmacMd5 {
        private static final int BLOCK = 64;
        private final MessageDigest innerStart;
        private final MessageDigest outerStart;
        private final byte[] innerHash = new byte[16];
        private MessageDigest inner;

        HmacMd5(byte[] key) {
            byte[] k = key.length > BLOCK ? md5(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            innerStart = md5();
            innerStart.update(ipad);
            outerStart = md5();
            outerStart.update(opad);
            inner = copy(innerStart); // also fails here, not on first use, if MD5 cannot be cloned
        }

        void update(byte[] b, int off, int len) {
            if (inner == null) {
                inner = copy(innerStart);
            }
            inner.update(b, off, len);
        }

        /** Writes the 16-byte MAC of everything updated since the last doFinal to {@code out[off, off+16)}. */
        void doFinal(byte[] out, int off) {
            if (inner == null) {
                inner = copy(innerStart);
            }
            try {
                inner.digest(innerHash, 0, innerHash.length);
                inner = null;
                MessageDigest outer = copy(outerStart);
                outer.update(innerHash);
                outer.digest(out, off, innerHash.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MessageDigest copy(MessageDigest md) {
            try {
                return (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("MD5 digest cannot be cloned", e);
            }
        }
    }

    /**
     * RC4 (the NTLM "RC4 handle", MS-NLMP 6): a key schedule once, then one keystream that runs on
     * over every call. The state is an {@code int[]} kept in locals during a call. Not thread-safe.
     */
    static final class Rc4 {
        private final int[] s = new int[256];
        private int x;
        private int y;

        Rc4(byte[] key) {
            if (key.length == 0 || key.length > 256) {
                throw new IllegalArgumentException("RC4 key length=" + key.length + ", limit=1..256");
            }
            for (int i = 0; i < 256; i++) {
                s[i] = i;
            }
            for (int i = 0, j = 0; i < 256; i++) {
                int t = s[i];
                j = (j + t + (key[i % key.length] & 0xFF)) & 0xFF;
                s[i] = s[j];
                s[j] = t;
            }
        }

        /** XORs {@code in[off, off+len)} with the next {@code len} keystream bytes into {@code out[outOff, …)} (may be the same range). */
        void process(byte[] in, int off, int len, byte[] out, int outOff) {
            Objects.checkFromIndexSize(off, len, in.length);
            Objects.checkFromIndexSize(outOff, len, out.length);
            int[] st = s;
            int a = x;
            int b = y;
            for (int i = 0; i < len; i++) {
                a = (a + 1) & 0xFF;
                int sa = st[a];
                b = (b + sa) & 0xFF;
                int sb = st[b];
                st[a] = sb;
                st[b] = sa;
                out[outOff + i] = (byte) (in[off + i] ^ st[(sa + sb) & 0xFF]);
            }
            x = a;
            y = b;
        }
    }
}
