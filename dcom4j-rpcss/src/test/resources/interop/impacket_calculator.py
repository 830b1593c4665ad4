#!/usr/bin/python3
"""Activate Dcom4j.Calculator with impacket 0.10.0's DCOMConnection and call ICalculator::Add.

usage: impacket_calculator.py HOST:PORT USER PASSWORD CLSID A B [--level integrity|privacy] [--domain D] [--no-release] [-v]

Sequence (all impacket's own code except Add's request/response records, built by hand here):
  connect HOST:PORT (DCOMConnection.initConnection overridden: stock impacket hard-wires 135)
  -> bind IRemoteSCMActivator (NTLM at --level) -> RemoteCreateInstance(CLSID, IID_IUnknown)
  -> new TCP connection to the OXID binding whose host part contains HOST, bound at the authnHint's level
  -> IRemUnknown::RemQueryInterface(ICalculator) (impacket's IRemUnknown2 object; the request goes to
     IRemUnknown 00000131 as impacket sends it), then the same through IRemUnknown2 00000143 (alter_context)
  -> ICalculator::Add (opnum 3, object UUID = ICalculator's IPID, alter_context to ICalculator)
  -> RemRelease of ICalculator (both QIs' references) and of IUnknown (the activation OBJREF's cPublicRefs:
     impacket's own RemRelease gives back only 1) -> disconnect. --no-release: exit holding everything.
Prints ACTIVATED ..., QI ..., SUM <n>, RELEASED IUnknown refs=<n> (or NOT RELEASED); exit 0. On failure: HRESULT 0x... <text> (exit 2) or
ERROR <type>: <text> (exit 1).
"""
import argparse
import logging
import sys
import uuid as uuidlib

from impacket.dcerpc.v5 import dcomrt
from impacket.dcerpc.v5.rpcrt import DCERPCException
from impacket.uuid import string_to_bin, uuidtup_to_bin

from dcom4j_impacket import LEVELS, Add, AddResponse, PortDCOMConnection  # noqa: E402 - the scripts' shared part

IID_ICALCULATOR = '23203412-63cd-4530-9dd1-fc8e888ef55d'
IID_ICALCULATOR_BIN = uuidtup_to_bin((IID_ICALCULATOR, '0.0'))


def qi_via_remunknown2(unk, iid_bin):
    """RemQueryInterface (opnum 3, inherited by IRemUnknown2) sent on the IRemUnknown2 interface."""
    req = dcomrt.RemQueryInterface()
    req['ripid'] = unk.get_iPid()
    req['cRefs'] = 1
    req['cIids'] = 1
    iid = dcomrt.IID()
    iid['Data'] = iid_bin[:16]
    req['iids'].append(iid)
    resp = unk.request(req, dcomrt.IID_IRemUnknown2, unk.get_ipidRemUnknown())
    std = resp['ppQIResults']['std']
    return resp['ppQIResults']['hResult'], std['ipid'], std['cPublicRefs']


def release(unk, ipid, refs):
    req = dcomrt.RemRelease()
    req['cInterfaceRefs'] = 1
    el = dcomrt.REMINTERFACEREF()
    el['ipid'] = ipid
    el['cPublicRefs'] = refs
    el['cPrivateRefs'] = 0
    req['InterfaceRefs'].append(el)
    return unk.request(req, dcomrt.IID_IRemUnknown, unk.get_ipidRemUnknown())['ErrorCode']


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('target', help='HOST:PORT of the activator (rpcss)')
    p.add_argument('user')
    p.add_argument('password')
    p.add_argument('clsid')
    p.add_argument('a', type=int)
    p.add_argument('b', type=int)
    p.add_argument('--domain', default='')
    p.add_argument('--level', default='privacy', choices=sorted(LEVELS))
    p.add_argument('--no-release', action='store_true', help='exit holding every reference (no RemRelease)')
    p.add_argument('-v', action='store_true')
    a = p.parse_args()
    logging.basicConfig(level=logging.DEBUG if a.v else logging.WARNING, format='%(message)s')
    host, _, port = a.target.rpartition(':')
    PortDCOMConnection.ACTIVATOR_PORT = int(port)
    dcom = None
    try:
        dcom = PortDCOMConnection(host, a.user, a.password, a.domain, '', '', authLevel=LEVELS[a.level], oxidResolver=False)
        unk = dcom.CoCreateInstanceEx(string_to_bin(a.clsid), dcomrt.IID_IUnknown)
        ci = unk.get_cinstance()
        bindings = ['%d:%s' % (b['wTowerId'], b['aNetworkAddr'].rstrip('\x00')) for b in ci.get_string_bindings()]
        print('ACTIVATED oxid=0x%016x ipid=%s ipidRemUnknown=%s bindings=%s object_auth_level=%d' % (
            unk.get_oxid(), uuidlib.UUID(bytes_le=unk.get_iPid()), uuidlib.UUID(bytes_le=unk.get_ipidRemUnknown()),
            bindings, ci.get_auth_level()))
        calc = unk.RemQueryInterface(1, [IID_ICALCULATOR_BIN[:16]])
        print('QI IRemUnknown ipid=%s' % uuidlib.UUID(bytes_le=calc.get_iPid()))
        hr, ipid2, refs2 = qi_via_remunknown2(unk, IID_ICALCULATOR_BIN)
        print('QI IRemUnknown2 hr=0x%08x ipid=%s refs=%d' % (hr & 0xffffffff, uuidlib.UUID(bytes_le=ipid2), refs2))
        if hr != 0:
            return 2
        req = Add()
        req['a'] = a.a
        req['b'] = a.b
        resp = calc.request(req, IID_ICALCULATOR_BIN, calc.get_iPid())
        if resp['ErrorCode'] != 0:
            print('HRESULT 0x%08x Add' % (resp['ErrorCode'] & 0xffffffff))
            return 2
        print('SUM %d' % resp['sum'])
        if a.no_release:
            print('NOT RELEASED')              # the client vanishes holding its references
            return 0
        calc.RemRelease()                      # impacket's own: 1 public reference of ICalculator's IPID
        release(unk, ipid2, refs2)             # the IRemUnknown2 QI's references
        # impacket's RemRelease gives back 1 reference; the activation's OBJREF carried cPublicRefs (5 from dcom4j)
        unk_refs = dcomrt.OBJREF_STANDARD(unk.get_objRef())['std']['cPublicRefs']
        release(unk, unk.get_iPid(), unk_refs)
        print('RELEASED IUnknown refs=%d' % unk_refs)
        return 0
    except DCERPCException as e:
        code = getattr(e, 'error_code', None)
        print('HRESULT 0x%08x %s' % ((code or 0) & 0xffffffff, e))
        return 2
    except Exception as e:  # noqa: BLE001 - one-line report for the Java test
        print('ERROR %s: %s' % (type(e).__name__, e))
        return 1
    finally:
        if dcom is not None:
            try:
                dcom.disconnect()
            except Exception:
                pass


if __name__ == '__main__':
    sys.exit(main())
