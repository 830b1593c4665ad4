#!/usr/bin/python3
"""Regenerates the impacket-made vectors in this directory (impacket 0.10.0, /usr/bin/python3):
    cd dcom4j-com/src/test/resources/vectors && /usr/bin/python3 gen_vectors.py
Every input is fixed (no random GUIDs), so the output is reproducible. Each vector is written as
<name>.hex (lower-case hex, one line). The activation blobs are built exactly the way impacket's
IRemoteSCMActivator.RemoteCreateInstance (request) and /work/shared/interop/mock_dcom_server.py
(reply) build them."""
import struct, uuid
from impacket.dcerpc.v5 import dcomrt
from impacket.dcerpc.v5.dtypes import NULL

def w(name, b):
    open(name + '.hex', 'w').write(bytes(b).hex() + '\n')

def g(s):
    return uuid.UUID(s).bytes_le

IPID = g('00112233-4455-6677-8899-aabbccddeeff')
IPID_REMUNK = g('0000a001-0000-0000-0000-000000000001')
OXID = 0x1122334455667788
OID = 0x0102030405060708
IID_IDISPATCH = g('00020400-0000-0000-c000-000000000046')
CLSID_TEST = g('12345678-1234-5678-9abc-def012345678')

# DUALSTRINGARRAY words as mock_dcom_server.dual_string_array builds them ("127.0.0.1[1135]")
def dsa_words(host='127.0.0.1', port=1135):
    words = []
    s = '%s[%d]' % (host, port)
    words += [7] + [ord(c) for c in s] + [0]
    words += [0]
    sec = len(words)
    words += [10, 0xffff, 0, 0]
    return words, sec

words, sec = dsa_words()
packed = struct.pack('<HH', len(words), sec) + struct.pack('<%dH' % len(words), *words)
w('dualstringarray_packed', packed)

dsa = dcomrt.DUALSTRINGARRAY()
dsa['wNumEntries'] = len(words); dsa['wSecurityOffset'] = sec; dsa['aStringArray'] = words
w('dualstringarray_ndr', dsa.getData() + dsa.getDataReferents())

# OBJREF_STANDARD through impacket's structure
o = dcomrt.OBJREF_STANDARD()
o['iid'] = IID_IDISPATCH
o['std']['flags'] = 0x1000; o['std']['cPublicRefs'] = 5
o['std']['oxid'] = OXID; o['std']['oid'] = OID; o['std']['ipid'] = IPID
o['saResAddr'] = packed
w('objref_standard', o.getData())

# ORPCTHIS, NULL extensions, as impacket's RemoteCreateInstance sets it (flags 1, fixed cid)
t = dcomrt.ORPCTHIS()
t['cid'] = g('aabbccdd-0000-1111-2222-333344445555'); t['extensions'] = NULL; t['flags'] = 1
w('orpcthis_null', t.getData() + t.getDataReferents())

# RemoteCreateInstance request as impacket builds it (pActProperties OBJREF_CUSTOM), generate() fixed
import impacket.dcerpc.v5.dcomrt as d
d.generate = lambda: g('aabbccdd-0000-1111-2222-333344445555')
class FakeDce:
    def bind(self, *a): pass
    def request(self, req):
        w('remote_create_instance_request', req.getData())
        objref = bytes(req['pActProperties']['abData'])
        w('actprops_in_objref', objref)
        raise StopIteration
try:
    d.IRemoteSCMActivator(FakeDce()).RemoteCreateInstance(CLSID_TEST, IID_IDISPATCH)
except StopIteration:
    pass

# ActivationPropertiesOut as mock_dcom_server.scm_remote_create_instance builds it
def ndr8(b):
    return b + b'\xfa' * ((8 - len(b) % 8) % 8)
po = dcomrt.PropsOutInfo()
po['cIfs'] = 1
i = dcomrt.IID(); i['Data'] = IID_IDISPATCH; po['piid'].append(i)
h = dcomrt.HRESULT(); h['Data'] = 0; po['phresults'].append(h)
mip = dcomrt.PMInterfacePointer()
ref = o.getData()
mip['ulCntData'] = len(ref); mip['abData'] = list(ref)
po['ppIntfData'].append(mip)
po_bytes = ndr8(po.getData() + po.getDataReferents())
sr = dcomrt.ScmReplyInfoData()
sr['pdwReserved'] = 0
sr['remoteReply']['Oxid'] = OXID
sr['remoteReply']['pdsaOxidBindings']['wNumEntries'] = len(words)
sr['remoteReply']['pdsaOxidBindings']['wSecurityOffset'] = sec
sr['remoteReply']['pdsaOxidBindings']['aStringArray'] = words
sr['remoteReply']['ipidRemUnknown'] = IPID_REMUNK
sr['remoteReply']['authnHint'] = 2
sr['remoteReply']['serverVersion']['MajorVersion'] = 5
sr['remoteReply']['serverVersion']['MinorVersion'] = 7
sr_bytes = ndr8(sr.getData() + sr.getDataReferents())
ab = dcomrt.ACTIVATION_BLOB()
ab['CustomHeader']['destCtx'] = 2
ab['CustomHeader']['pdwReserved'] = NULL
for c in (dcomrt.CLSID_PropsOutInfo, dcomrt.CLSID_ScmReplyInfo):
    cl = dcomrt.CLSID(); cl['Data'] = c; ab['CustomHeader']['pclsid'].append(cl)
for s in (len(po_bytes), len(sr_bytes)):
    dd = dcomrt.DWORD(); dd['Data'] = s; ab['CustomHeader']['pSizes'].append(dd)
ab['Property'] = po_bytes + sr_bytes
oc = dcomrt.OBJREF_CUSTOM()
oc['iid'] = dcomrt.IID_IActivationPropertiesOut[:16]
oc['clsid'] = dcomrt.CLSID_ActivationPropertiesOut
oc['cbExtension'] = 0
oc['pObjectData'] = ab.getData()
oc['ObjectReferenceSize'] = len(oc['pObjectData']) + 8
w('actprops_out_objref', oc.getData())

# IRemUnknown::RemQueryInterface request and response (mock's response shape)
q = dcomrt.RemQueryInterface()
q['ORPCthis'] = t
q['ripid'] = IPID; q['cRefs'] = 5; q['cIids'] = 1
ii = dcomrt.IID(); ii['Data'] = IID_IDISPATCH; q['iids'].append(ii)
w('rem_query_interface_request', q.getData())
r = dcomrt.RemQueryInterfaceResponse()
r['ORPCthat']['flags'] = 0; r['ORPCthat']['extensions'] = NULL
r['ppQIResults']['hResult'] = 0
std = r['ppQIResults']['std']
std['flags'] = 0x1000; std['cPublicRefs'] = 5; std['oxid'] = OXID; std['oid'] = OID; std['ipid'] = IPID
r['ErrorCode'] = 0
w('rem_query_interface_response', r.getData())

# IObjectExporter::ResolveOxid2 request / response and ServerAlive2 response
rq = dcomrt.ResolveOxid2()
rq['pOxid'] = OXID; rq['cRequestedProtseqs'] = 1; rq['arRequestedProtseqs'] = [7]
w('resolve_oxid2_request', rq.getData())
rr = dcomrt.ResolveOxid2Response()
rr['ppdsaOxidBindings']['wNumEntries'] = len(words)
rr['ppdsaOxidBindings']['wSecurityOffset'] = sec
rr['ppdsaOxidBindings']['aStringArray'] = words
rr['pipidRemUnknown'] = IPID_REMUNK; rr['pAuthnHint'] = 2
rr['pComVersion']['MajorVersion'] = 5; rr['pComVersion']['MinorVersion'] = 7
rr['ErrorCode'] = 0
w('resolve_oxid2_response', rr.getData())
sa = dcomrt.ServerAlive2Response()
sa['pComVersion']['MajorVersion'] = 5; sa['pComVersion']['MinorVersion'] = 7
sa['ppdsaOrBindings']['wNumEntries'] = len(words)
sa['ppdsaOrBindings']['wSecurityOffset'] = sec
sa['ppdsaOrBindings']['aStringArray'] = words
sa['pReserved'] = 0; sa['ErrorCode'] = 0
w('server_alive2_response', sa.getData())

# RemAddRef request (one REMINTERFACEREF)
ra = dcomrt.RemAddRef()
ra['ORPCthis'] = t
ra['cInterfaceRefs'] = 1
ref_ = dcomrt.REMINTERFACEREF(); ref_['ipid'] = IPID; ref_['cPublicRefs'] = 5; ref_['cPrivateRefs'] = 0
ra['InterfaceRefs'].append(ref_)
w('rem_add_ref_request', ra.getData())
