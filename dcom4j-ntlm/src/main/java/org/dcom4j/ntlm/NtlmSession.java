package org.dcom4j.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * NTLM session security with extended session security (MS-NLMP 3.4.2-3.4.5): per direction a
 * SignKey, a SealKey and one RC4 handle that runs continuously over every sealed byte and every
 * signature checksum of that direction, and a sequence number starting at 0.
 *
 * <pre>
 * NTLMSSP_MESSAGE_SIGNATURE (16 bytes, MS-NLMP 2.2.2.9.1):
 * +------------------+-----------------------------------------+------------------+
 * | Version=1 (u32)  | Checksum (8): HMAC_MD5(SignKey,          | SeqNum (u32)     |
 * |                  |   SeqNum || msg)[0..8], RC4-ed if KEY_EXCH|                  |
 * +------------------+-----------------------------------------+------------------+
 * </pre>
 *
 * <p>Not thread-safe: callers serialise per direction, in wire order, because both the RC4 state and
 * the sequence numbers are positional. A {@code false} from {@link #verify} or {@link #unseal} leaves
 * the incoming direction desynchronised; the connection must then be dropped. Buffers are owned by the
 * caller and only touched in the ranges named. Nothing is allocated per call: the JDK HMAC-MD5 and
 * BouncyCastle RC4 instances are keyed once per direction.
 */
public final class NtlmSession {
    public static final int SIGNATURE_LENGTH = 16;
    private static final byte[] C2S_SIGN = magic("session key to client-to-server signing key magic constant");
    private static final byte[] S2C_SIGN = magic("session key to server-to-client signing key magic constant");
    private static final byte[] C2S_SEAL = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] S2C_SEAL = magic("session key to server-to-client sealing key magic constant");

    private final boolean server;
    private final boolean keyExch;
    private final Direction out;
    private final Direction in;
    private final byte[] mac = new byte[16];
    private final byte[] seqBytes = new byte[4];
    private final byte[] checksum = new byte[8];

    /** One direction: its keys' engines and its sequence number. */
    private static final class Direction {
        final Crypto.HmacMd5 hmac;
        final Crypto.Rc4 rc4;
        int seq;

        Direction(byte[] signKey, byte[] sealKey) {
            hmac = new Crypto.HmacMd5(signKey);
            rc4 = new Crypto.Rc4(sealKey);
        }
    }

    /**
     * @param exportedSessionKey the 16-byte ExportedSessionKey (MS-NLMP 3.1.5.1.2 / 3.2.5.1.2)
     * @param flags the negotiated flags; EXTENDED_SESSIONSECURITY must be among them
     */
    NtlmSession(byte[] exportedSessionKey, int flags, boolean server) {
        if (!NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new IllegalArgumentException("session security without NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY is not supported");
        }
        this.server = server;
        this.keyExch = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_KEY_EXCH);
        // SEALKEY (MS-NLMP 3.4.5.3): all 16 bytes with NEGOTIATE_128, else 7 (56-bit) or 5 (40-bit).
        byte[] sealBase = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128) ? exportedSessionKey
                : Arrays.copyOf(exportedSessionKey, NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5);
        Direction c2s = new Direction(Crypto.md5(exportedSessionKey, C2S_SIGN), Crypto.md5(sealBase, C2S_SEAL));
        Direction s2c = new Direction(Crypto.md5(exportedSessionKey, S2C_SIGN), Crypto.md5(sealBase, S2C_SEAL));
        this.out = server ? s2c : c2s;
        this.in = server ? c2s : s2c;
    }

    public boolean isServer() {
        return server;
    }

    /** Writes the signature of {@code msg[off, off+len)} to {@code sig[sigOff, sigOff+16)}; consumes one sequence number. */
    public void sign(byte[] msg, int off, int len, byte[] sig, int sigOff) {
        Objects.checkFromIndexSize(off, len, msg.length);
        Objects.checkFromIndexSize(sigOff, SIGNATURE_LENGTH, sig.length);
        checksum(out, msg, off, len);
        write(out, sig, sigOff);
    }

    /**
     * Signs the plaintext {@code msg[off, off+len)}, then encrypts {@code msg[sealOff, sealOff+sealLen)}
     * in place, then RC4s the checksum (MS-NLMP 3.4.3: the seal uses the handle before the checksum).
     */
    public void seal(byte[] msg, int off, int len, int sealOff, int sealLen, byte[] sig, int sigOff) {
        checkRanges(msg, off, len, sealOff, sealLen, sig, sigOff);
        hmac(out, msg, off, len);
        out.rc4.process(msg, sealOff, sealLen, msg, sealOff);
        sealChecksum(out);
        write(out, sig, sigOff);
    }

    /** Whether {@code sig} is the next expected signature of {@code msg[off, off+len)}. */
    public boolean verify(byte[] msg, int off, int len, byte[] sig, int sigOff) {
        Objects.checkFromIndexSize(off, len, msg.length);
        Objects.checkFromIndexSize(sigOff, SIGNATURE_LENGTH, sig.length);
        checksum(in, msg, off, len);
        return check(in, sig, sigOff);
    }

    /** Decrypts {@code msg[sealOff, sealOff+sealLen)} in place, then verifies the signature over the plaintext. */
    public boolean unseal(byte[] msg, int off, int len, int sealOff, int sealLen, byte[] sig, int sigOff) {
        checkRanges(msg, off, len, sealOff, sealLen, sig, sigOff);
        in.rc4.process(msg, sealOff, sealLen, msg, sealOff);
        checksum(in, msg, off, len);
        return check(in, sig, sigOff);
    }

    private static void checkRanges(byte[] msg, int off, int len, int sealOff, int sealLen, byte[] sig, int sigOff) {
        Objects.checkFromIndexSize(off, len, msg.length);
        Objects.checkFromIndexSize(sigOff, SIGNATURE_LENGTH, sig.length);
        if (sealOff < off || sealLen < 0 || (long) sealOff + sealLen > (long) off + len) {
            throw new IndexOutOfBoundsException("sealed range outside signed range: sealOff=" + sealOff + ", sealLen=" + sealLen
                    + ", off=" + off + ", len=" + len);
        }
    }

    /** checksum = HMAC_MD5(SignKey, SeqNum || msg)[0..8], RC4-ed when KEY_EXCH. */
    private void checksum(Direction d, byte[] msg, int off, int len) {
        hmac(d, msg, off, len);
        sealChecksum(d);
    }

    /** checksum = HMAC_MD5(SignKey, SeqNum || msg)[0..8], not yet RC4-ed. */
    private void hmac(Direction d, byte[] msg, int off, int len) {
        NtlmWire.put32(seqBytes, 0, d.seq);
        d.hmac.update(seqBytes, 0, 4);
        d.hmac.update(msg, off, len);
        d.hmac.doFinal(mac, 0);
        System.arraycopy(mac, 0, checksum, 0, 8);
    }

    private void sealChecksum(Direction d) {
        if (keyExch) {
            d.rc4.process(checksum, 0, 8, checksum, 0);
        }
    }

    private void write(Direction d, byte[] sig, int sigOff) {
        NtlmWire.put32(sig, sigOff, 1);
        System.arraycopy(checksum, 0, sig, sigOff + 4, 8);
        NtlmWire.put32(sig, sigOff + 12, d.seq);
        d.seq++;
    }

    /** Constant-time comparison of version, checksum and sequence number; the sequence advances either way. */
    private boolean check(Direction d, byte[] sig, int sigOff) {
        int diff = NtlmWire.u32(sig, sigOff) ^ 1;
        for (int i = 0; i < 8; i++) {
            diff |= (sig[sigOff + 4 + i] ^ checksum[i]) & 0xFF;
        }
        diff |= NtlmWire.u32(sig, sigOff + 12) ^ d.seq;
        d.seq++;
        return diff == 0;
    }

    private static byte[] magic(String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(a, a.length + 1);
    }
}
