package org.dcom4j.ntlm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
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
     * HMAC_MD5 (RFC 2104) under one fixed key, for many messages: one JDK {@link Mac} keyed once per
     * session direction; {@code doFinal} leaves it keyed for the next message, so nothing is
     * allocated or re-keyed per call. The primitive is the JDK's: the issue forbids hand-written
     * crypto. Use: {@link #update} any number of times, then {@link #doFinal}. Not thread-safe.
     */
    static final class HmacMd5 {
        private final Mac mac;

        HmacMd5(byte[] key) {
            this.mac = hmacMd5(key);
        }

        void update(byte[] b, int off, int len) {
            mac.update(b, off, len);
        }

        /** Writes the 16-byte MAC of everything updated since the last doFinal to {@code out[off, off+16)}. */
        void doFinal(byte[] out, int off) {
            try {
                mac.doFinal(out, off);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalArgumentException("MAC output does not fit: off=" + off + ", length=" + out.length, e);
            }
        }
    }

    /**
     * RC4 (the NTLM "RC4 handle", MS-NLMP 6): BouncyCastle's {@link RC4Engine}, keyed once; its
     * keystream runs on over every call. Not thread-safe.
     */
    static final class Rc4 {
        private final RC4Engine engine = new RC4Engine();

        Rc4(byte[] key) {
            if (key.length == 0 || key.length > 256) {
                throw new IllegalArgumentException("RC4 key length=" + key.length + ", limit=1..256");
            }
            engine.init(true, new KeyParameter(key));
        }

        /** XORs {@code in[off, off+len)} with the next {@code len} keystream bytes into {@code out[outOff, …)} (may be the same range). */
        void process(byte[] in, int off, int len, byte[] out, int outOff) {
            Objects.checkFromIndexSize(off, len, in.length);
            Objects.checkFromIndexSize(outOff, len, out.length);
            engine.processBytes(in, off, len, out, outOff);
        }
    }
}
