#!/usr/bin/python3
"""Parses activation properties made by dcom4j the way impacket 0.10.0 does.
usage: parse_actprops.py in|out FILE  — prints key=value lines."""
import sys, uuid
from impacket.dcerpc.v5 import dcomrt

kind, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
custom = dcomrt.OBJREF_CUSTOM(data)
blob = dcomrt.ACTIVATION_BLOB(custom['pObjectData'])
sizes = [d['Data'] for d in blob['CustomHeader']['pSizes']]
props = blob['Property']
if kind == 'in':
    # as /work/shared/interop/mock_dcom_server.py: the first property is InstantiationInfoData
    inst = dcomrt.InstantiationInfoData()
    n = inst.fromString(props[:sizes[0]])
    inst.fromStringReferents(props[:sizes[0]][n:])
    print('clsid=%s' % uuid.UUID(bytes_le=inst['classId']))
    print('iids=%s' % ','.join(str(uuid.UUID(bytes_le=i['Data'])) for i in inst['pIID']))
    print('thisSize=%d' % inst['thisSize'])
else:
    # as impacket's IRemoteSCMActivator.RemoteCreateInstance: PropsOutInfo, then ScmReplyInfoData
    sr = dcomrt.ScmReplyInfoData()
    reply = props[sizes[0]:sizes[0] + sizes[1]]
    n = sr.fromString(reply)
    sr.fromStringReferents(reply[n:])
    print('oxid=%d' % sr['remoteReply']['Oxid'])
    print('ipidRemUnknown=%s' % uuid.UUID(bytes_le=sr['remoteReply']['ipidRemUnknown']))
    print('authnHint=%d' % sr['remoteReply']['authnHint'])
    words = sr['remoteReply']['pdsaOxidBindings']['aStringArray']
    print('wNumEntries=%d' % len(words))
    po = dcomrt.PropsOutInfo()
    n = po.fromString(props[:sizes[0]])
    po.fromStringReferents(props[:sizes[0]][n:])
    mip = po['ppIntfData'][0]
    ref = dcomrt.OBJREF_STANDARD(b''.join(mip['abData']))
    print('oid=%d' % ref['std']['oid'])
