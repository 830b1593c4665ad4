#!/usr/bin/python3
"""Late-bound calls on Dcom4j.Calculator through impacket 0.10.0's IDispatch (issue 6 item 5).

usage: impacket_dispatch.py HOST:PORT USER PASSWORD CLSID [--level integrity|privacy] SCENARIO...

Activates CLSID for IID_IDispatch with impacket's DCOMConnection (activator on PORT), then runs each
SCENARIO and prints one line per check:
  add       Add(i4 2, i4 3) -> "ADD VT_I4 5"; Add(i4 2, r8 0.5) -> "ADD VT_R8 2.5"
  echo      Echo(v) for every VARIANT type impacket can build -> "ECHO <VT> ok" or "ECHO <VT> BAD <detail>"
  fail      Fail("boom") -> "FAIL 0x80020009 scode=0x80004005 description='boom'"
  name      Name get, put 'renamed', get -> "NAME 'Dcom4j Calculator' -> 'renamed'"
  unknown   GetIDsOfNames('NoSuchMember') -> "UNKNOWN 0x80020006"
Exit 0 when every check passed, 2 when one did not, 1 on an error. Run with /usr/bin/python3.
"""
import argparse
import struct
import sys

from impacket.dcerpc.v5.dcom import oaut
from impacket.dcerpc.v5.dtypes import NULL
from impacket.uuid import string_to_bin

from dcom4j_impacket import LEVELS, PortDCOMConnection

VT = oaut.VARENUM
DEBUG = False


def variant(vt, arm=None, value=None):
    v = oaut.VARIANT(None, False)
    v['clSize'] = 5
    v['vt'] = vt
    v['_varUnion']['tag'] = vt
    if arm == 'bstrVal':
        v['_varUnion']['bstrVal']['asData'] = value
    elif arm is not None:
        v['_varUnion'][arm] = value
    return v


def invoke(disp, dispid, flags, args, named=()):
    """Invoke as IDispatch.Invoke() builds it; returns (hresult, response). The HRESULT is read from the
    last four bytes: impacket's IDispatch_InvokeResponse lacks rgVarRef, so its parsed ErrorCode is wrong."""
    params = oaut.DISPPARAMS(None, False)
    params['cArgs'] = len(args)
    params['cNamedArgs'] = len(named)
    if args:
        for a in reversed(args):
            params['rgvarg'].append(a)
    else:
        params['rgvarg'] = NULL
    if named:
        for n in named:
            params['rgdispidNamedArgs'].append(n & 0xffffffff)   # DISPIDs go as unsigned in impacket's array
    else:
        params['rgdispidNamedArgs'] = NULL
    req = oaut.IDispatch_Invoke()
    req['ORPCthis'] = disp.get_cinstance().get_ORPCthis()
    req['ORPCthis']['flags'] = 0
    req['dispIdMember'] = dispid
    req['riid'] = oaut.IID_NULL
    req['lcid'] = 0x409
    req['dwFlags'] = flags
    req['pDispParams'] = params
    req['cVarRef'] = 0
    req['rgVarRefIdx'] = []
    req['rgVarRef'] = []
    dce = disp.get_dce_rpc()
    dce.call(req.opnum, req, disp.get_iPid())
    raw = dce.recv()
    if DEBUG:
        print('RAW ' + raw.hex())
    return struct.unpack('<L', raw[-4:])[0], oaut.IDispatch_InvokeResponse(raw)


def arm_value(v):
    """The value of a decoded VARIANT's union arm, comparable with what was sent."""
    u = v['_varUnion']
    tag = u['tag']
    if tag in (VT.VT_EMPTY, VT.VT_NULL):
        return None
    name = oaut.varUnion.union[tag][0]
    x = u[name]
    if tag == VT.VT_BSTR:
        return x['asData']
    if tag == VT.VT_DECIMAL:
        return (x['scale'], x['sign'], x['Hi32'], x['Lo64'])
    if tag == VT.VT_CY:
        return x['int64']
    if tag in (VT.VT_DISPATCH, VT.VT_UNKNOWN):
        return bytes(x['abData']) if isinstance(x['abData'], (bytes, bytearray)) else b''.join(
            b if isinstance(b, bytes) else bytes([b]) for b in x['abData'])
    if tag & VT.VT_BYREF:
        if isinstance(x, int):
            return x
        inner = x['Data']
        if tag == VT.VT_VARIANT | VT.VT_BYREF:
            return ('variant', inner['Data']['vt'], arm_value(inner['Data']))
        return inner
    return x


def objref_of(iface):
    """The OBJREF bytes impacket received for the object (an interface pointer to echo)."""
    o = iface.get_objRef()
    return bytes(o) if isinstance(o, (bytes, bytearray)) else b''.join(o['abData'])


def pointer_variant(vt, arm, objref):
    v = variant(vt)
    v['_varUnion'][arm]['ulCntData'] = len(objref)
    v['_varUnion'][arm]['abData'] = list(objref)
    return v


def echo_cases(objref):
    dec = oaut.DECIMAL(None, False)
    dec['wReserved'] = 0
    dec['scale'] = 2
    dec['sign'] = 0x80
    dec['Hi32'] = 0
    dec['Lo64'] = 12345
    cy = oaut.CURRENCY(None, False)
    cy['int64'] = 123456
    inner = variant(VT.VT_I4, 'lVal', 77)
    cases = [
        ('VT_EMPTY', variant(VT.VT_EMPTY)), ('VT_NULL', variant(VT.VT_NULL)),
        ('VT_I1', variant(VT.VT_I1, 'cVal', -2)), ('VT_UI1', variant(VT.VT_UI1, 'bVal', 200)),
        ('VT_I2', variant(VT.VT_I2, 'iVal', -1234)), ('VT_UI2', variant(VT.VT_UI2, 'uiVal', 65000)),
        ('VT_I4', variant(VT.VT_I4, 'lVal', -123456)), ('VT_UI4', variant(VT.VT_UI4, 'ulVal', 4000000000)),
        ('VT_I8', variant(VT.VT_I8, 'llVal', -(1 << 40))), ('VT_UI8', variant(VT.VT_UI8, 'ullVal', 1 << 63)),
        ('VT_INT', variant(VT.VT_INT, 'intVal', -7)), ('VT_UINT', variant(VT.VT_UINT, 'uintVal', 7)),
        ('VT_R4', variant(VT.VT_R4, 'fltVal', 1.5)), ('VT_R8', variant(VT.VT_R8, 'dblVal', -2.25)),
        ('VT_CY', variant(VT.VT_CY, 'cyVal', cy)), ('VT_DATE', variant(VT.VT_DATE, 'date', 45000.25)),
        ('VT_BSTR', variant(VT.VT_BSTR, 'bstrVal', 'h\u00e9llo')), ('VT_ERROR', variant(VT.VT_ERROR, 'scode', 0x8000FFFF - (1 << 32))),
        ('VT_BOOL', variant(VT.VT_BOOL, 'boolVal', 0xffff)), ('VT_DECIMAL', variant(VT.VT_DECIMAL, 'decVal', dec)),
        ('VT_DISPATCH', pointer_variant(VT.VT_DISPATCH, 'pdispVal', objref)),
        ('VT_UNKNOWN', pointer_variant(VT.VT_UNKNOWN, 'punkVal', objref)),
    ]
    def byref_i4():
        v = variant(VT.VT_I4 | VT.VT_BYREF)
        v['_varUnion']['plVal'] = 99
        return v

    def byref_variant():
        v = variant(VT.VT_VARIANT | VT.VT_BYREF)   # impacket 0.10.0 cannot build this one (PVARIANT lacks topLevel)
        v['_varUnion']['pvarVal'] = inner
        return v
    cases.append(('VT_BYREF|VT_I4', byref_i4))
    cases.append(('VT_BYREF|VT_VARIANT', byref_variant))
    return cases


def main():
    p = argparse.ArgumentParser()
    p.add_argument('target')
    p.add_argument('user')
    p.add_argument('password')
    p.add_argument('clsid')
    p.add_argument('scenarios', nargs='+')
    p.add_argument('--level', default='privacy', choices=sorted(LEVELS))
    p.add_argument('-v', action='store_true', help='print the traceback of an error')
    a = p.parse_args()
    host, port = a.target.rsplit(':', 1)
    PortDCOMConnection.ACTIVATOR_PORT = int(port)
    ok = True
    dcom = PortDCOMConnection(host, a.user, a.password, '', '', '', authLevel=LEVELS[a.level], oxidResolver=False)
    try:
        iface = dcom.CoCreateInstanceEx(string_to_bin(a.clsid), oaut.IID_IDispatch)
        print('ACTIVATED object_auth_level=%d' % iface.get_cinstance().get_auth_level())
        disp = oaut.IDispatch(iface)
        disp.connect(oaut.IID_IDispatch)
        ids = {}

        def dispid(name):
            if name not in ids:
                ids[name] = disp.GetIDsOfNames((name,))[0]
            return ids[name]

        for s in a.scenarios:
            if s == 'add':
                hr, r = invoke(disp, dispid('Add'), oaut.DISPATCH_METHOD,
                               [variant(VT.VT_I4, 'lVal', 2), variant(VT.VT_I4, 'lVal', 3)])
                print('ADD %s %s' % (VT.enumItems(r['pVarResult']['vt']).name, arm_value(r['pVarResult'])))
                hr, r = invoke(disp, dispid('add'), oaut.DISPATCH_METHOD,
                               [variant(VT.VT_I4, 'lVal', 2), variant(VT.VT_R8, 'dblVal', 0.5)])
                print('ADD %s %s' % (VT.enumItems(r['pVarResult']['vt']).name, arm_value(r['pVarResult'])))
            elif s == 'echo':
                for name, v in echo_cases(objref_of(iface)):
                    if callable(v):
                        try:
                            v = v()
                        except Exception as e:  # noqa: BLE001 - impacket's own limitation, not the server's
                            print('ECHO %s SKIP impacket cannot build it: %s: %s' % (name, type(e).__name__, e))
                            continue
                    try:
                        sent = arm_value(v)
                        hr, r = invoke(disp, dispid('Echo'), oaut.DISPATCH_METHOD, [v])
                        got = r['pVarResult']
                        if hr != 0:
                            ok = False
                            print('ECHO %s BAD hresult=0x%08x' % (name, hr))
                        elif got['vt'] != v['vt'] or arm_value(got) != sent:
                            ok = False
                            print('ECHO %s BAD vt=%d value=%r sent=%r' % (name, got['vt'], arm_value(got), sent))
                        else:
                            print('ECHO %s ok' % name)
                    except Exception as e:  # noqa: BLE001 - report and go on with the next type
                        ok = False
                        print('ECHO %s BAD %s: %s' % (name, type(e).__name__, e))
            elif s == 'fail':
                hr, r = invoke(disp, dispid('Fail'), oaut.DISPATCH_METHOD, [variant(VT.VT_BSTR, 'bstrVal', 'boom')])
                ei = r['pExcepInfo']
                print("FAIL 0x%08x scode=0x%08x description=%r" % (hr, ei['scode'] & 0xffffffff, ei['bstrDescription']['asData']))
            elif s == 'name':
                hr, r = invoke(disp, dispid('Name'), oaut.DISPATCH_PROPERTYGET, [])
                before = arm_value(r['pVarResult'])
                hr2, _ = invoke(disp, dispid('Name'), oaut.DISPATCH_PROPERTYPUT,
                                [variant(VT.VT_BSTR, 'bstrVal', 'renamed')], named=(-3,))
                hr3, r = invoke(disp, dispid('NAME'), oaut.DISPATCH_PROPERTYGET, [])
                print("NAME %r -> %r put=0x%08x" % (before, arm_value(r['pVarResult']), hr2))
            elif s == 'unknown':
                try:
                    disp.GetIDsOfNames(('NoSuchMember',))
                    print('UNKNOWN none')
                except Exception as e:  # noqa: BLE001
                    print('UNKNOWN 0x%08x' % (getattr(e, 'error_code', 0) & 0xffffffff))
            else:
                print('ERROR unknown scenario ' + s)
                return 1
        return 0 if ok else 2
    except Exception as e:  # noqa: BLE001
        code = getattr(e, 'error_code', None)
        print('ERROR %s%s' % ('0x%08x ' % (code & 0xffffffff) if code is not None else '', e))
        if a.v:
            import traceback
            traceback.print_exc(file=sys.stdout)
        return 1
    finally:
        dcom.disconnect()


if __name__ == '__main__':
    sys.exit(main())
