#!/usr/bin/python3
# Drives impacket's NTLM code through a line protocol on stdin/stdout (hex, one item a line) for
# ImpacketInteropTest. Two roles:
#   client <user> <password> <domain>: impacket is the initiator against our NtlmServer.
#     out: NEGOTIATE; in: CHALLENGE; out: AUTHENTICATE, then a message sealed (SeqNum 0) and one
#     signed (SeqNum 1) with impacket's SEAL/SIGN: "<message> <signature>" each;
#     in: "<sealed> <signature>" from the server; out: "<plaintext> ok|bad" as impacket unseals it.
#   server <password>: impacket checks our NtlmClient's messages the way an acceptor would.
#     in: NEGOTIATE, CHALLENGE, AUTHENTICATE, "<sealed> <signature>" from the client;
#     out: "proof ok|bad", "mic ok|bad|absent", "<plaintext> ok|bad".
import sys, binascii
from Cryptodome.Cipher import ARC4
import impacket.ntlm as n

def out(*items):
    print(' '.join(binascii.hexlify(i).decode() if isinstance(i, bytes) else i for i in items), flush=True)

def read():
    return [binascii.unhexlify(x) for x in sys.stdin.readline().split()]

def mac_ok(flags, handle, sign_key, seq, plaintext, signature):
    return n.MAC(flags, handle, sign_key, seq, plaintext).getData() == signature

def client(user, password, domain):
    type1 = n.getNTLMSSPType1('IMPKT', '', signingRequired=True)
    out(type1.getData())
    challenge = read()[0]
    type3, exported = n.getNTLMSSPType3(type1, challenge, user, password, domain)
    out(type3.getData())
    flags = type3['flags']
    sign_c, seal_c = n.SIGNKEY(flags, exported, 'Client'), n.SEALKEY(flags, exported, 'Client')
    sign_s, seal_s = n.SIGNKEY(flags, exported, 'Server'), n.SEALKEY(flags, exported, 'Server')
    handle_c = ARC4.new(seal_c).encrypt
    msg = b'request sealed by impacket'
    sealed, sig = n.SEAL(flags, sign_c, seal_c, msg, msg, 0, handle_c)
    out(sealed, sig.getData())
    msg2 = b'request signed by impacket'
    out(msg2, n.SIGN(flags, sign_c, msg2, 1, handle_c).getData())
    sealed, sig = read()
    handle_s = ARC4.new(seal_s).encrypt
    plain = handle_s(sealed)
    out(plain, 'ok' if mac_ok(flags, handle_s, sign_s, 0, plain, sig) else 'bad')

def server(password):
    negotiate, = read()
    challenge_raw, = read()
    auth_raw, = read()
    chal = n.NTLMAuthChallenge(challenge_raw)
    auth = n.NTLMAuthChallengeResponse()
    auth.fromString(auth_raw)
    flags = auth['flags']
    user = auth['user_name'].decode('utf-16le')
    domain = auth['domain_name'].decode('utf-16le')
    nt = auth['ntlm']
    ntowfv2 = n.NTOWFv2(user, password, domain)
    proof = n.hmac_md5(ntowfv2, chal['challenge'] + nt[16:])
    out('proof', 'ok' if proof == nt[:16] else 'bad')
    base = n.hmac_md5(ntowfv2, proof)
    exported = ARC4.new(base).decrypt(auth['session_key']) if flags & n.NTLMSSP_NEGOTIATE_KEY_EXCH else base
    pairs = n.AV_PAIRS(nt[16 + 28:])
    if pairs[n.NTLMSSP_AV_FLAGS] is not None and pairs[n.NTLMSSP_AV_FLAGS][1][0] & 0x2:
        zeroed = auth_raw[:72] + b'\x00' * 16 + auth_raw[88:]
        out('mic', 'ok' if n.hmac_md5(exported, negotiate + challenge_raw + zeroed) == auth['MIC'] else 'bad')
    else:
        out('mic', 'absent')
    sealed, sig = read()
    sign_c, seal_c = n.SIGNKEY(flags, exported, 'Client'), n.SEALKEY(flags, exported, 'Client')
    handle = ARC4.new(seal_c).encrypt
    plain = handle(sealed)
    out(plain, 'ok' if mac_ok(flags, handle, sign_c, 0, plain, sig) else 'bad')

if sys.argv[1] == 'client':
    client(*sys.argv[2:5])
else:
    server(sys.argv[2])
