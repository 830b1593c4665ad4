package org.dcom4j.rpc.auth;

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
        int stubLength = switch (pdu.body()) {
            case PduBody.Request r -> r.stub().length;
            case PduBody.Response r -> r.stub().length;
            default -> throw new IllegalArgumentException("only requests and responses are protected: " + PduType.name(pdu.ptype()));
        };
        int pad = (PAD_ALIGNMENT - stubLength % PAD_ALIGNMENT) % PAD_ALIGNMENT;
        AuthVerifier v = new AuthVerifier(authType, level, pad, contextId, new byte[NtlmSession.SIGNATURE_LENGTH]);
        byte[] b = PduCodec.encode(new Pdu(pdu.versMinor(), pdu.flags(), pdu.drep(), pdu.callId(), pdu.body(), v));
        int sig = b.length - NtlmSession.SIGNATURE_LENGTH;
        int trailer = sig - AuthVerifier.TRAILER_LENGTH;
        int stub = stubOffset(b);
        if (level == AuthLevel.PKT_PRIVACY) {
            session.seal(b, 0, sig, stub, trailer - stub, b, sig);
        } else {
            session.sign(b, 0, sig, b, sig);
        }
        return b;
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
