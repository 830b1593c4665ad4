package org.dcom4j.ntlm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). Domain and workstation are OEM strings, read only when the
 * matching *_SUPPLIED flag is set; {@code version} is empty when absent. Arrays owned by the record.
 *
 * <pre>
 *  0        8        12             16               24                 32          40
 * +--------+--------+--------------+----------------+------------------+-----------+---------
 * |NTLMSSP0| type=1 | NegotiateFlags| DomainNameFields| WorkstationFields| Version   | payload
 * +--------+--------+--------------+----------------+------------------+-----------+---------
 * </pre>
 * Very old clients send only the first 16 bytes; that is accepted.
 */
public record NegotiateMessage(int flags, String domain, String workstation, byte[] version) {
    static final int MIN_LENGTH = 16;

    public NegotiateMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(workstation, "workstation");
        version = version.clone();
    }

    @Override
    public byte[] version() {
        return version.clone();
    }

    public static NegotiateMessage decode(byte[] m) throws NtlmException {
        NtlmWire.header(m, MIN_LENGTH, 1, "NEGOTIATE_MESSAGE");
        int flags = NtlmWire.u32(m, 12);
        if (m.length < 32) {
            return new NegotiateMessage(flags, "", "", new byte[0]);
        }
        String domain = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_OEM_DOMAIN_SUPPLIED)
                ? NtlmWire.string(NtlmWire.field(m, 16, "DomainName"), false, "DomainName") : "";
        String workstation = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_OEM_WORKSTATION_SUPPLIED)
                ? NtlmWire.string(NtlmWire.field(m, 24, "Workstation"), false, "Workstation") : "";
        long firstPayload = Math.min(NtlmWire.fieldOffset(m, 16), NtlmWire.fieldOffset(m, 24));
        byte[] version = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_VERSION) && m.length >= 40 && firstPayload >= 40
                ? Arrays.copyOfRange(m, 32, 40) : new byte[0];
        return new NegotiateMessage(flags, domain, workstation, version);
    }

    public byte[] encode() {
        NtlmWire.Builder b = new NtlmWire.Builder(version.length == 0 ? 32 : 40, 1);
        NtlmWire.put32(b.header(), 12, flags);
        if (version.length != 0) {
            System.arraycopy(version, 0, b.header(), 32, Math.min(8, version.length));
        }
        b.payload(16, NtlmWire.encode(domain, false));
        b.payload(24, NtlmWire.encode(workstation, false));
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegotiateMessage n && n.flags == flags && n.domain.equals(domain)
                && n.workstation.equals(workstation) && Arrays.equals(n.version, version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, domain, workstation, Arrays.hashCode(version));
    }

    @Override
    public String toString() {
        return "NegotiateMessage[NegotiateFlags=0x" + Integer.toHexString(flags) + ", DomainName=" + domain
                + ", Workstation=" + workstation + ", Version=" + HexFormat.of().formatHex(version) + "]";
    }
}
