package org.dcom4j.ntlm;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT one-way function of a password (MS-NLMP 3.3.1 NTOWFv1): MD4 of its UTF-16LE encoding. This
 * 16-byte value is password-equivalent for NTLM: it is what the account store keeps instead of the
 * password, and it must be protected like one.
 */
public final class NtHash {
    /** Bytes in an NT hash. */
    public static final int LENGTH = 16;

    private NtHash() {
    }

    /** MD4(UTF-16LE(password)); the intermediate encoding is wiped before returning. */
    public static byte[] of(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        MD4Digest md4 = new MD4Digest();
        md4.update(bytes, 0, bytes.length);
        Arrays.fill(bytes, (byte) 0);
        byte[] out = new byte[LENGTH];
        md4.doFinal(out, 0);
        return out;
    }
}
