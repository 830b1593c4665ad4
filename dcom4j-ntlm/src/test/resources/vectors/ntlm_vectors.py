#!/usr/bin/python3
# Produces the hard-coded vectors of NtlmVectorsTest with impacket (0.10.0):
#   /usr/bin/python3 dcom4j-ntlm/src/test/resources/vectors/ntlm_vectors.py
# Inputs are MS-NLMP 4.2.1 / 4.2.4: User / Domain / Password, ServerChallenge 0123456789abcdef,
# ClientChallenge aa*8, Time 0, RandomSessionKey 55*16, TargetInfo {NbDomainName "Domain",
# NbComputerName "Server"}, message "Plaintext" in UTF-16LE sealed at SeqNum 0 and 1.
import binascii, struct
from Cryptodome.Cipher import ARC4
import impacket.ntlm as n

h = lambda b: binascii.hexlify(b).decode()
user, domain, password = 'User', 'Domain', 'Password'
server_challenge = bytes.fromhex('0123456789abcdef')
client_challenge = b'\xaa' * 8
target_info = n.AV_PAIRS()
target_info[n.NTLMSSP_AV_DOMAINNAME] = 'Domain'.encode('utf-16le')
target_info[n.NTLMSSP_AV_HOSTNAME] = 'Server'.encode('utf-16le')
target_info_bytes = target_info.getData()
flags = (n.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | n.NTLMSSP_NEGOTIATE_KEY_EXCH | n.NTLMSSP_NEGOTIATE_128
         | n.NTLMSSP_NEGOTIATE_56 | n.NTLMSSP_NEGOTIATE_SIGN | n.NTLMSSP_NEGOTIATE_SEAL | n.NTLMSSP_NEGOTIATE_UNICODE)

n.TEST_CASE = True  # impacket then uses Time = 0 and the TargetInfo as given
nt, lm, base = n.computeResponseNTLMv2(flags, server_challenge, client_challenge, target_info_bytes, domain, user, password)
print('nthash', h(n.compute_nthash(password)))
print('ntowfv2', h(n.NTOWFv2(user, password, domain)))
print('targetinfo', h(target_info_bytes))
print('ntresponse', h(nt))
print('ntproofstr', h(nt[:16]))
print('lmv2', h(lm))
print('sessionbasekey', h(base))
exported = b'\x55' * 16
print('encryptedsessionkey', h(n.generateEncryptedSessionKey(base, exported)))
for mode in ('Client', 'Server'):
    sign = n.SIGNKEY(flags, exported, mode)
    seal = n.SEALKEY(flags, exported, mode)
    print(mode.lower() + 'signkey', h(sign))
    print(mode.lower() + 'sealkey', h(seal))
    handle = ARC4.new(seal).encrypt
    msg = 'Plaintext'.encode('utf-16le')
    for seq in (0, 1):
        sealed, sig = n.SEAL(flags, sign, seal, msg, msg, seq, handle)
        print(mode.lower() + 'sealed' + str(seq), h(sealed), h(sig.getData()))
    # signing only, a fresh handle: sign at SeqNum 0 and 1
    handle = ARC4.new(seal).encrypt
    for seq in (0, 1):
        print(mode.lower() + 'signed' + str(seq), h(n.SIGN(flags, sign, msg, seq, handle).getData()))
