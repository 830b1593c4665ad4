package org.dcom4j.rpc.auth;

import java.util.UUID;
import org.dcom4j.ntlm.NtlmSession;
import org.dcom4j.rpc.pdu.AuthVerifier;
import org.dcom4j.rpc.pdu.Pdu;
import org.dcom4j.rpc.pdu.PduBody;
import org.dcom4j.rpc.pdu.PduCodec;
import org.dcom4j.rpc.pdu.PduFormatException;
import org.dcom4j.rpc.pdu.PduHeader;
import org.dcom4j.rpc.pdu.PduType;
import org.dcom4j.rpc.pdu.PfcFlags;

/**
 * Signs, seals, verifies and unseals request and response fragments in their wire form (MS-RPCE
 * 3.3.1.5.2; MS-NLMP 3.4). The signature covers the whole fragment but the auth value — header,
 * body, auth padding and sec_trailer — which is NTLMSSP's "header signing" and what Windows, Samba
 * and impacket compute; at {@link AuthLevel#PKT_PRIVACY} the stub and its padding are RC4-encrypted.
 * The stub is padded to {@value #PAD_ALIGNMENT} bytes before the trailer, as Windows and Samba do.
 *
 * <pre>
 * | header (24, 40 with an object UUID) | stub | pad | sec_trailer (8) | signature (16) |
 * |&lt;------------------------------ signed -----------------------------&gt;|
 *                                       |&lt;- sealed -&gt;|
 * </pre>
 */
public final class PduProtection {
    /** The stub is padded to a multiple of this before the sec_trailer. */
    public static final int PAD_ALIGNMENT = 16;
    /** Bytes a protected fragment spends on sec_trailer and signature. */
    public static final int OVERHEAD = AuthVerifier.TRAILER_LENGTH + NtlmSession.SIGNATURE_LENGTH;

    private PduProtection() {
    }

    /**
     * The wire form of a request or response {@code pdu} with a sec_trailer ({@code authType}, {@code level},
     * {@code contextId}) and its NTLM signature; sealed at privacy. Uses the next sequence number of
     * {@code session}.
     */
    public static byte[] encode(Pdu pdu, int authType, int level, int contextId, NtlmSession session) {
        // Written straight into one array of the final size, byte for byte what PduCodec.encode makes of
        // the PDU with an AuthVerifier(authType, level, pad, contextId, 16 zero bytes) — without the
        // verifier, the PDU copy and the codec's growable buffer — then signed/sealed in place.
        byte[] stubBytes;
        UUID object = null;
        switch (pdu.body()) {
            case PduBody.Request r -> {
                stubBytes = r.stub();
                object = r.object();
            }
            case PduBody.Response r -> stubBytes = r.stub();
            default -> throw new IllegalArgumentException("only requests and responses are protected: " + PduType.name(pdu.ptype()));
        }
        if ((authType & ~0xFF) != 0 || (level & ~0xFF) != 0) {
            throw new IllegalArgumentException("sec_trailer octet out of range: auth_type=" + authType
                    + ", auth_level=" + level + ", limit=255");
        }
        if (pdu.ptype() == PduType.REQUEST && (object != null) != pdu.has(PfcFlags.OBJECT_UUID)) {
            throw new PduFormatException("object UUID and PFC_OBJECT_UUID disagree: object=" + object
                    + ", pfc_flags=" + PfcFlags.format(pdu.flags()));
        }
        int pad = (PAD_ALIGNMENT - stubBytes.length % PAD_ALIGNMENT) % PAD_ALIGNMENT;
        int stub = PduHeader.LENGTH + 8 + (object == null ? 0 : 16);
        int trailer = stub + stubBytes.length + pad;
        int sig = trailer + AuthVerifier.TRAILER_LENGTH;
        int length = sig + NtlmSession.SIGNATURE_LENGTH;
        if (length > PduCodec.MAX_FRAG_LENGTH) {
            throw new PduFormatException("PDU too large: frag_length=" + length + ", limit=" + PduCodec.MAX_FRAG_LENGTH);
        }
        byte[] b = new byte[length];
        b[0] = PduHeader.RPC_VERS;
        b[1] = (byte) pdu.versMinor();
        b[2] = (byte) pdu.ptype();
        b[3] = (byte) pdu.flags();
        putU32(b, 4, Integer.reverseBytes(PduHeader.DREP_LITTLE_ENDIAN));
        putU16(b, 8, length);
        putU16(b, 10, NtlmSession.SIGNATURE_LENGTH);
        putU32(b, 12, pdu.callId());
        switch (pdu.body()) {
            case PduBody.Request r -> {
                putU32(b, 16, r.allocHint());
                putU16(b, 20, r.contextId());
                putU16(b, 22, r.opnum());
                if (object != null) {
                    long msb = object.getMostSignificantBits();
                    long lsb = object.getLeastSignificantBits();
                    putU32(b, 24, (int) (msb >>> 32));
                    putU16(b, 28, (int) (msb >>> 16));
                    putU16(b, 30, (int) msb);
                    for (int i = 0; i < 8; i++) {
                        b[32 + i] = (byte) (lsb >>> (8 * (7 - i)));
                    }
                }
            }
            case PduBody.Response r -> {
                putU32(b, 16, r.allocHint());
                putU16(b, 20, r.contextId());
                b[22] = (byte) r.cancelCount();
            }
            default -> throw new AssertionError();
        }
        System.arraycopy(stubBytes, 0, b, stub, stubBytes.length);
        b[trailer] = (byte) authType;
        b[trailer + 1] = (byte) level;
        b[trailer + 2] = (byte) pad;
        putU32(b, trailer + 4, contextId);
        if (level == AuthLevel.PKT_PRIVACY) {
            session.seal(b, 0, sig, stub, trailer - stub, b, sig);
        } else {
            session.sign(b, 0, sig, b, sig);
        }
        return b;
    }

    private static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /**
     * Checks the signature of a request or response fragment and, at privacy, decrypts its stub and
     * padding in place. The fragment must have been decoded (so its lengths are sane) and carry an
     * auth value of exactly {@link NtlmSession#SIGNATURE_LENGTH} bytes.
     *
     * @return false when the signature does not match (the caller refuses the PDU)
     * @throws PduFormatException when the auth value has the wrong length or the padding reaches into the header
     */
    public static boolean open(byte[] frag, int level, NtlmSession session) {
        int authLength = PduHeader.decode(frag, PduCodec.MAX_FRAG_LENGTH).authLength();
        if (authLength != NtlmSession.SIGNATURE_LENGTH) {
            throw new PduFormatException("NTLMSSP verifier of the wrong length: auth_length=" + authLength
                    + ", expected=" + NtlmSession.SIGNATURE_LENGTH);
        }
        int sig = frag.length - authLength;
        int trailer = sig - AuthVerifier.TRAILER_LENGTH;
        int stub = stubOffset(frag);
        int pad = frag[trailer + 2] & 0xFF;
        if (trailer < stub || pad > trailer - stub || pad >= PAD_ALIGNMENT) {
            throw new PduFormatException("auth_pad_length past the stub: auth_pad_length=" + pad + ", stub+pad="
                    + Math.max(0, trailer - stub) + ", limit=" + (PAD_ALIGNMENT - 1));
        }
        if (level == AuthLevel.PKT_PRIVACY) {
            return session.unseal(frag, 0, sig, stub, trailer - stub, frag, sig);
        }
        return session.verify(frag, 0, sig, frag, sig);
    }

    /** Where the stub starts in a request (24 or 40 bytes with an object UUID) or response (24) fragment. */
    static int stubOffset(byte[] frag) {
        int ptype = frag[2] & 0xFF;
        return switch (ptype) {
            case PduType.REQUEST -> 24 + ((frag[3] & PfcFlags.OBJECT_UUID) != 0 ? 16 : 0);
            case PduType.RESPONSE -> 24;
            default -> throw new PduFormatException("only requests and responses carry protected stubs: PTYPE=" + PduType.name(ptype));
        };
    }
}
