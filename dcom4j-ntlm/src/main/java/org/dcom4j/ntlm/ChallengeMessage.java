package org.dcom4j.ntlm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2). TargetName is UTF-16LE when NEGOTIATE_UNICODE is set, else OEM;
 * TargetInfo is read only when NEGOTIATE_TARGET_INFO is set; {@code version} is empty when absent.
 * Arrays owned by the record.
 *
 * <pre>
 *  0        8        12               20              24                32         40                48        56
 * +--------+--------+----------------+---------------+-----------------+----------+-----------------+---------+--------
 * |NTLMSSP0| type=2 | TargetNameFields| NegotiateFlags| ServerChallenge | Reserved | TargetInfoFields| Version | payload
 * +--------+--------+----------------+---------------+-----------------+----------+-----------------+---------+--------
 * </pre>
 */
public record ChallengeMessage(int flags, String targetName, byte[] serverChallenge, List<AvPair> targetInfo, byte[] version) {
    static final int MIN_LENGTH = 32;

    public ChallengeMessage {
        Objects.requireNonNull(targetName, "targetName");
        if (serverChallenge.length != 8) {
            throw new IllegalArgumentException("ServerChallenge length=" + serverChallenge.length + ", expected=8");
        }
        serverChallenge = serverChallenge.clone();
        targetInfo = List.copyOf(targetInfo);
        version = version.clone();
    }

    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    @Override
    public byte[] version() {
        return version.clone();
    }

    public static ChallengeMessage decode(byte[] m) throws NtlmException {
        NtlmWire.header(m, MIN_LENGTH, 2, "CHALLENGE_MESSAGE");
        int flags = NtlmWire.u32(m, 20);
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        String targetName = NtlmWire.string(NtlmWire.field(m, 12, "TargetName"), unicode, "TargetName");
        byte[] challenge = Arrays.copyOfRange(m, 24, 32);
        List<AvPair> info = List.of();
        long firstPayload = NtlmWire.fieldOffset(m, 12);
        if (NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_TARGET_INFO)) {
            if (m.length < 48) {
                throw NtlmException.malformed("CHALLENGE_MESSAGE truncated before TargetInfoFields: length=" + m.length + ", limit=48");
            }
            byte[] raw = NtlmWire.field(m, 40, "TargetInfo");
            info = AvPair.decodeList(raw, 0, raw.length, "TargetInfo");
            firstPayload = Math.min(firstPayload, NtlmWire.fieldOffset(m, 40));
        }
        byte[] version = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION) && m.length >= 56 && firstPayload >= 56
                ? Arrays.copyOfRange(m, 48, 56) : new byte[0];
        return new ChallengeMessage(flags, targetName, challenge, info, version);
    }

    public byte[] encode() {
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_UNICODE);
        // Without a Version the payload starts at 48, so a decoder cannot mistake payload for a Version.
        NtlmWire.Builder b = new NtlmWire.Builder(version.length == 0 ? 48 : 56, 2);
        NtlmWire.put32(b.header(), 20, flags);
        System.arraycopy(serverChallenge, 0, b.header(), 24, 8);
        if (version.length != 0) {
            System.arraycopy(version, 0, b.header(), 48, Math.min(8, version.length));
        }
        b.payload(12, NtlmWire.encode(targetName, unicode));
        b.payload(40, NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_TARGET_INFO) ? AvPair.encodeList(targetInfo) : new byte[0]);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeMessage c && c.flags == flags && c.targetName.equals(targetName)
                && Arrays.equals(c.serverChallenge, serverChallenge) && c.targetInfo.equals(targetInfo)
                && Arrays.equals(c.version, version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, targetName, Arrays.hashCode(serverChallenge), targetInfo);
    }

    @Override
    public String toString() {
        return "ChallengeMessage[NegotiateFlags=0x" + Integer.toHexString(flags) + ", TargetName=" + targetName
                + ", ServerChallenge=" + HexFormat.of().formatHex(serverChallenge) + ", TargetInfo=" + targetInfo
                + ", Version=" + HexFormat.of().formatHex(version) + "]";
    }
}
