package org.dcom4j.ntlm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3). Strings are UTF-16LE when NEGOTIATE_UNICODE is set, else
 * OEM. {@code version} and {@code mic} are empty when the fixed header leaves no room for them (the
 * first payload byte decides, not the flags: clients that send a MIC without NEGOTIATE_VERSION exist).
 * Arrays owned by the record.
 *
 * <pre>
 *  0        8       12        20        28          36        44           52           60     64       72    88
 * +--------+-------+---------+---------+-----------+---------+------------+------------+------+--------+-----+-------
 * |NTLMSSP0|type=3 |LmChResp |NtChResp |DomainName |UserName |Workstation |EncRandSessK|Flags |Version |MIC  |payload
 * +--------+-------+---------+---------+-----------+---------+------------+------------+------+--------+-----+-------
 *                  (each of the six is a Len/MaxLen/BufferOffset descriptor)
 * </pre>
 */
public record AuthenticateMessage(int flags, byte[] lmChallengeResponse, byte[] ntChallengeResponse, String domain,
        String user, String workstation, byte[] encryptedRandomSessionKey, byte[] version, byte[] mic) {
    static final int MIN_LENGTH = 64;
    /** Where the MIC lies in the message (MS-NLMP 2.2.1.3), the bytes zeroed when computing it. */
    public static final int MIC_OFFSET = 72;
    public static final int MIC_LENGTH = 16;

    public AuthenticateMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workstation, "workstation");
        lmChallengeResponse = lmChallengeResponse.clone();
        ntChallengeResponse = ntChallengeResponse.clone();
        encryptedRandomSessionKey = encryptedRandomSessionKey.clone();
        version = version.clone();
        mic = mic.clone();
        if (mic.length != 0 && mic.length != MIC_LENGTH) {
            throw new IllegalArgumentException("MIC length=" + mic.length + ", expected=0 or " + MIC_LENGTH);
        }
    }

    public static AuthenticateMessage decode(byte[] m) throws NtlmException {
        NtlmWire.header(m, MIN_LENGTH, 3, "AUTHENTICATE_MESSAGE");
        int flags = NtlmWire.u32(m, 60);
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        byte[] lm = NtlmWire.field(m, 12, "LmChallengeResponse");
        byte[] nt = NtlmWire.field(m, 20, "NtChallengeResponse");
        String domain = NtlmWire.string(NtlmWire.field(m, 28, "DomainName"), unicode, "DomainName");
        String user = NtlmWire.string(NtlmWire.field(m, 36, "UserName"), unicode, "UserName");
        String workstation = NtlmWire.string(NtlmWire.field(m, 44, "Workstation"), unicode, "Workstation");
        byte[] key = NtlmWire.field(m, 52, "EncryptedRandomSessionKey");
        long first = m.length;
        for (int at = 12; at <= 52; at += 8) {
            first = Math.min(first, NtlmWire.fieldOffset(m, at));
        }
        byte[] version = first >= 72 ? Arrays.copyOfRange(m, 64, 72) : new byte[0];
        byte[] mic = first >= 88 ? Arrays.copyOfRange(m, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH) : new byte[0];
        return new AuthenticateMessage(flags, lm, nt, domain, user, workstation, key, version, mic);
    }

    /** Encodes with payload in the order domain, user, workstation, LM, NT, key (as Windows does). */
    public byte[] encode() {
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        NtlmWire.Builder b = new NtlmWire.Builder(mic.length != 0 ? 88 : version.length != 0 ? 72 : 64, 3);
        NtlmWire.put32(b.header(), 60, flags);
        if (version.length != 0) {
            System.arraycopy(version, 0, b.header(), 64, Math.min(8, version.length));
        }
        if (mic.length != 0) {
            System.arraycopy(mic, 0, b.header(), MIC_OFFSET, mic.length);
        }
        b.payload(28, NtlmWire.encode(domain, unicode));
        b.payload(36, NtlmWire.encode(user, unicode));
        b.payload(44, NtlmWire.encode(workstation, unicode));
        b.payload(12, lmChallengeResponse);
        b.payload(20, ntChallengeResponse);
        b.payload(52, encryptedRandomSessionKey);
        return b.build();
    }

    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    @Override
    public byte[] version() {
        return version.clone();
    }

    @Override
    public byte[] mic() {
        return mic.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticateMessage a && a.flags == flags && Arrays.equals(a.lmChallengeResponse, lmChallengeResponse)
                && Arrays.equals(a.ntChallengeResponse, ntChallengeResponse) && a.domain.equals(domain) && a.user.equals(user)
                && a.workstation.equals(workstation) && Arrays.equals(a.encryptedRandomSessionKey, encryptedRandomSessionKey)
                && Arrays.equals(a.version, version) && Arrays.equals(a.mic, mic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, domain, user, workstation, Arrays.hashCode(ntChallengeResponse));
    }

    /** Responses and the session key are shown by length only: they are offline-crackable material. */
    @Override
    public String toString() {
        return "AuthenticateMessage[NegotiateFlags=0x" + Integer.toHexString(flags) + ", DomainName=" + domain
                + ", UserName=" + user + ", Workstation=" + workstation + ", LmChallengeResponse.length=" + lmChallengeResponse.length
                + ", NtChallengeResponse.length=" + ntChallengeResponse.length + ", EncryptedRandomSessionKey.length="
                + encryptedRandomSessionKey.length + ", Version=" + HexFormat.of().formatHex(version) + ", MIC=" + HexFormat.of().formatHex(mic) + "]";
    }
}
