#!/usr/bin/python3
"""Get Dcom4j.Calculator's class object with impacket 0.10.0's IRemoteSCMActivator.RemoteGetClassObject,
create two instances from it with IClassFactory::RemoteCreateInstance, and call ICalculator::Add on each.

usage: impacket_class_object.py HOST:PORT USER PASSWORD CLSID [--level integrity|privacy] [--iid IID] [-v]

Sequence (impacket's own code for the connection and RemoteGetClassObject; the IClassFactory and Add
request/response records are built here from the IDL):
  connect HOST:PORT, bind IRemoteSCMActivator (NTLM at --level)
  -> RemoteGetClassObject(CLSID, IID_IClassFactory): impacket's activation blob (InstantiationInfo,
     ActivationContextInfo, LocationInfo, ScmRequestInfo), reply parsed by impacket
  -> twice IClassFactory::RemoteCreateInstance(riid=--iid, default ICalculator) on the class object's IPID
     (opnum 3: [in] REFIID riid, [out, iid_is(riid)] IUnknown** ppvObject; no pUnkOuter on the wire)
  -> ICalculator::Add(i, 10) on each new object; RemRelease of every reference received.
Prints CLASS_OBJECT ..., CREATED <n> oid=0x..., SUM <n>, RELEASED; exit 0. RemoteCreateInstance failing:
CREATE_HRESULT 0x... (exit 3). Other failures: HRESULT 0x... <text> (exit 2) or ERROR <type>: <text> (exit 1).
"""
import argparse
import logging
import sys
import uuid as uuidlib

from impacket.dcerpc.v5 import dcomrt
from impacket.dcerpc.v5.dtypes import GUID
from impacket.dcerpc.v5.rpcrt import DCERPCException
from impacket.uuid import string_to_bin, uuidtup_to_bin

from dcom4j_impacket import LEVELS, Add, AddResponse, PortDCOMConnection  # noqa: E402 - the scripts' shared part

IID_ICALCULATOR = '23203412-63cd-4530-9dd1-fc8e888ef55d'
IID_ICLASSFACTORY_BIN = uuidtup_to_bin(('00000001-0000-0000-C000-000000000046', '0.0'))
# impacket raises a failed call's ErrorCode as the DCERPCSessionError of the request class's module
DCERPCSessionError = dcomrt.DCERPCSessionError


class RemoteCreateInstance(dcomrt.DCOMCALL):
    """IClassFactory opnum 3: ORPCTHIS (from DCOMCALL), riid (REFIID: the GUID itself)."""
    opnum = 3
    structure = (
        ('riid', GUID),
    )


class RemoteCreateInstanceResponse(dcomrt.DCOMANSWER):
    """ORPCTHAT (from DCOMANSWER), [unique] MInterfacePointer* ppvObject, HRESULT."""
    structure = (
        ('ppvObject', dcomrt.PMInterfacePointer),
        ('ErrorCode', dcomrt.error_status_t),
    )


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
    p.add_argument('--domain', default='')
    p.add_argument('--level', default='integrity', choices=sorted(LEVELS))
    p.add_argument('--iid', default=IID_ICALCULATOR, help='the riid asked of the class object')
    p.add_argument('-v', action='store_true')
    a = p.parse_args()
    logging.basicConfig(level=logging.DEBUG if a.v else logging.WARNING, format='%(message)s')
    host, _, port = a.target.rpartition(':')
    PortDCOMConnection.ACTIVATOR_PORT = int(port)
    dcom = None
    try:
        dcom = PortDCOMConnection(host, a.user, a.password, a.domain, '', '', authLevel=LEVELS[a.level], oxidResolver=False)
        scm = dcomrt.IRemoteSCMActivator(dcomrt.DCOMConnection.PORTMAPS[host])
        factory = scm.RemoteGetClassObject(string_to_bin(a.clsid), dcomrt.IID_IClassFactory)
        std = dcomrt.OBJREF_STANDARD(factory.get_objRef())
        print('CLASS_OBJECT iid=%s ipid=%s oid=0x%016x refs=%d' % (uuidlib.UUID(bytes_le=std['iid']),
              uuidlib.UUID(bytes_le=factory.get_iPid()), std['std']['oid'], std['std']['cPublicRefs']))
        riid = string_to_bin(a.iid)
        for i in (1, 2):
            req = RemoteCreateInstance()
            req['riid'] = riid
            try:
                resp = factory.request(req, IID_ICLASSFACTORY_BIN, factory.get_iPid())
            except DCERPCSessionError as e:
                print('CREATE_HRESULT 0x%08x' % (e.get_error_code() & 0xffffffff))
                return 3
            objref = b''.join(resp['ppvObject']['abData'])
            calc = dcomrt.INTERFACE(factory.get_cinstance(), objref, factory.get_ipidRemUnknown(), target=host)
            obj_std = dcomrt.OBJREF_STANDARD(objref)
            print('CREATED %d oid=0x%016x refs=%d' % (i, obj_std['std']['oid'], obj_std['std']['cPublicRefs']))
            add = Add()
            add['a'] = i
            add['b'] = 10
            sum_resp = calc.request(add, uuidtup_to_bin((a.iid, '0.0')), calc.get_iPid())
            print('SUM %d' % sum_resp['sum'])
            release(factory, calc.get_iPid(), obj_std['std']['cPublicRefs'])
        release(factory, factory.get_iPid(), std['std']['cPublicRefs'])
        print('RELEASED')
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
