package org.dcom4j.ntlm;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The MS-NLMP 6 primitives for the one-shot steps of authentication (HMAC_MD5, MD5, one RC4 run).
 * Session security keeps its own long-lived instances ({@link NtlmSession}). Stateless, thread-safe.
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

    static RC4Engine rc4(byte[] key) {
        RC4Engine engine = new RC4Engine();
        engine.init(true, new KeyParameter(key));
        return engine;
    }

    /** One RC4 pass with a fresh key schedule (EncryptedRandomSessionKey, MS-NLMP 3.1.5.1.2). */
    static byte[] rc4(byte[] key, byte[] data) {
        byte[] out = new byte[data.length];
        rc4(key).processBytes(data, 0, data.length, out, 0);
        return out;
    }
}
