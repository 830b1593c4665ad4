#!/usr/bin/python3
"""Regenerates the MS-OAUT vectors oaut-*.hex in this directory (impacket 0.10.0, /usr/bin/python3):
    cd dcom4j-com/src/test/resources/vectors && /usr/bin/python3 gen_oaut_vectors.py
Every input is fixed, so the output is reproducible. Each vector is <name>.hex (lower-case hex, one
line). impacket pads with non-zero bytes (0xbf, 0xcc, ...); the Java tests compare our encoding with
these bytes everywhere except at padding.

Where impacket 0.10.0's oaut.py departs from MS-OAUT (see README, "Automation types"), this script
builds the spec's layout with impacket's NDR engine (impacket.dcerpc.v5.ndr) instead:
  * VT_ARRAY: oaut.varUnion has the wireSAFEARRAY in place of a PSAFEARRAY (two pointers: [unique]
    SAFEARRAY*, SAFEARRAY being [unique] wireSAFEARRAY*, as Windows sends it), and its SAFEARR_* and
    *_SIZEDARR arms lack the pointer before the element arrays (SAFEARR_BSTR has one, as unique);
  * VT_BYREF|VT_UI1 is a BYTE instead of a BYTE*;
  * VT_BYREF|VT_VARIANT cannot be built (varUnion refers to a PVARIANT class whose constructor lacks
    the topLevel argument NDRUNION passes).
"""
import random
from impacket.dcerpc.v5 import ndr
from impacket.dcerpc.v5.dcom import oaut
from impacket.dcerpc.v5.dcom.oaut import VARENUM
from impacket.dcerpc.v5.dcomrt import ORPCTHIS, ORPCTHAT, MInterfacePointer, PMInterfacePointer
from impacket.dcerpc.v5.dtypes import NULL, ULONG, USHORT, LONG, LONGLONG, DOUBLE
from impacket.uuid import string_to_bin

random.seed(20261122)  # impacket draws referent ids from random.randint(1, 65535)

def w(name, b):
    open('oaut-' + name + '.hex', 'w').write(bytes(b).hex() + '\n')

CID = string_to_bin('aabbccdd-0000-1111-2222-333344445555')
IID_NULL = b'\x00' * 16

class OneVariant(ndr.NDRCALL):
    """A parameter list holding one VARIANT ([unique] wireVARIANTStr*): referent id, the structure."""
    structure = (('v', oaut.VARIANT),)

def variant(vt, arm=None, value=None, tag=None, clsize=0):
    v = oaut.VARIANT(None, False)
    v['clSize'] = clsize
    v['rpcReserved'] = 0
    v['vt'] = vt
    v['wReserved1'] = v['wReserved2'] = v['wReserved3'] = 0
    v['_varUnion']['tag'] = vt if tag is None else tag
    if arm is not None:
        v['_varUnion'][arm] = value
    return v

def one(name, v):
    c = OneVariant(isNDR64=False)
    c['v'] = v
    w('variant-' + name, c.getData())

# scalar VARIANTs, one per VARTYPE of the list (values chosen to show sign and width)
one('empty', variant(VARENUM.VT_EMPTY))
one('null', variant(VARENUM.VT_NULL))
one('i1', variant(VARENUM.VT_I1, 'cVal', -2))
one('ui1', variant(VARENUM.VT_UI1, 'bVal', 0xfe))
one('i2', variant(VARENUM.VT_I2, 'iVal', -2))
one('ui2', variant(VARENUM.VT_UI2, 'uiVal', 0xfffe))
one('i4', variant(VARENUM.VT_I4, 'lVal', -42, clsize=5))
one('ui4', variant(VARENUM.VT_UI4, 'ulVal', 0xfffffffe))
one('int', variant(VARENUM.VT_INT, 'intVal', 7))
one('uint', variant(VARENUM.VT_UINT, 'uintVal', 0x80000000))
one('i8', variant(VARENUM.VT_I8, 'llVal', -0x123456789))
one('ui8', variant(VARENUM.VT_UI8, 'ullVal', 0xfedcba9876543210))
one('r4', variant(VARENUM.VT_R4, 'fltVal', 1.5))
one('r8', variant(VARENUM.VT_R8, 'dblVal', -2.25))
cy = oaut.CURRENCY(); cy['int64'] = 123456  # 12.3456
one('cy', variant(VARENUM.VT_CY, 'cyVal', cy))
one('date', variant(VARENUM.VT_DATE, 'date', 45000.5))
one('error', variant(VARENUM.VT_ERROR, 'scode', 0x80020004 - (1 << 32)))
one('bool', variant(VARENUM.VT_BOOL, 'boolVal', 0xffff))
v = variant(VARENUM.VT_BSTR, clsize=5); v['_varUnion']['bstrVal']['asData'] = 'h\u00e9llo'
one('bstr', v)
dec = oaut.DECIMAL(); dec['wReserved'] = 0; dec['scale'] = 2; dec['sign'] = 0x80; dec['Hi32'] = 1; dec['Lo64'] = 5
one('decimal', variant(VARENUM.VT_DECIMAL, 'decVal', dec))
objref = bytes(range(1, 41))
for vt, arm, n in ((VARENUM.VT_DISPATCH, 'pdispVal', 'dispatch'), (VARENUM.VT_UNKNOWN, 'punkVal', 'unknown')):
    v = variant(vt)
    v['_varUnion'][arm]['ulCntData'] = len(objref)
    v['_varUnion'][arm]['abData'] = list(objref)
    one(n, v)

# VT_BYREF scalars
v = variant(VARENUM.VT_I4 | VARENUM.VT_BYREF); v['_varUnion']['plVal'] = 99
one('byref-i4', v)
v = variant(VARENUM.VT_R8 | VARENUM.VT_BYREF); v['_varUnion']['pdblVal'] = 0.5
one('byref-r8', v)
v = variant(VARENUM.VT_BSTR | VARENUM.VT_BYREF); v['_varUnion']['pbstrVal']['asData'] = 'ref'
one('byref-bstr', v)

# --- SAFEARRAYs, in MS-OAUT's layout (see the module docstring) ---
class UINT_ARR(ndr.NDRUniConformantArray):
    item = '<L'
class PUINT_ARR(ndr.NDRPOINTER):
    referent = (('Data', UINT_ARR),)
class DWORD_SIZEDARR(ndr.NDRSTRUCT):
    structure = (('clSize', ULONG), ('pData', PUINT_ARR))
class VARIANT_ARR(ndr.NDRUniConformantArray):
    item = oaut.VARIANT
class PVARIANT_ARR(ndr.NDRPOINTER):
    referent = (('Data', VARIANT_ARR),)
class SAFEARR_VARIANT(ndr.NDRSTRUCT):
    structure = (('Size', ULONG), ('aVariant', PVARIANT_ARR))
class SAUNION(ndr.NDRUNION):
    commonHdr = (('tag', ULONG),)
    union = {3: ('LongStr', DWORD_SIZEDARR), 12: ('VariantStr', SAFEARR_VARIANT)}
class WIRESAFEARRAY(ndr.NDRSTRUCT):
    structure = (('cDims', USHORT), ('fFeatures', USHORT), ('cbElements', ULONG), ('cLocks', ULONG),
                 ('uArrayStructs', SAUNION), ('rgsabound', oaut.SAFEARRAYBOUND_ARRAY))
class PWIRESAFEARRAY(ndr.NDRPOINTER):
    referent = (('Data', WIRESAFEARRAY),)
class PPWIRESAFEARRAY(ndr.NDRPOINTER):
    """PSAFEARRAY = [unique] SAFEARRAY*, SAFEARRAY = [unique] wireSAFEARRAY*: two referent ids."""
    referent = (('Data', PWIRESAFEARRAY),)
class PPVARIANT(ndr.NDRPOINTER):
    referent = (('Data', oaut.VARIANT),)
class ARRAYUNION(ndr.NDRUNION):
    commonHdr = (('tag', ULONG),)
    union = {0x2000: ('parray', PPWIRESAFEARRAY), 0x400c: ('pvarVal', PPVARIANT)}
class WIREVARIANT_A(ndr.NDRSTRUCT):
    structure = (('clSize', ULONG), ('rpcReserved', ULONG), ('vt', USHORT), ('wReserved1', USHORT),
                 ('wReserved2', USHORT), ('wReserved3', USHORT), ('_varUnion', ARRAYUNION))
    def getAlignment(self):
        return 8
class VARIANT_A(ndr.NDRPOINTER):
    referent = (('Data', WIREVARIANT_A),)
class OneArrayVariant(ndr.NDRCALL):
    structure = (('v', VARIANT_A),)

def bound(c, l):
    b = oaut.SAFEARRAYBOUND(); b['cElements'] = c; b['lLbound'] = l
    return b

def array_variant(elem_vt, features, cb, sf, arm, bounds):
    v = VARIANT_A(None, False)
    v['clSize'] = 0; v['rpcReserved'] = 0; v['vt'] = VARENUM.VT_ARRAY | elem_vt
    v['wReserved1'] = v['wReserved2'] = v['wReserved3'] = 0
    v['_varUnion']['tag'] = 0x2000
    sa = v['_varUnion']['parray']
    sa['cDims'] = len(bounds); sa['fFeatures'] = features; sa['cbElements'] = cb; sa['cLocks'] = elem_vt << 16
    sa['uArrayStructs']['tag'] = sf
    sa['uArrayStructs'][arm[0]] = arm[1]
    for b in bounds:
        sa['rgsabound'].append(b)
    c = OneArrayVariant(isNDR64=False)
    c['v'] = v
    return c.getData()

# VT_BYREF|VT_VARIANT: a pointer to a VARIANT pointer to a VT_I2 5
v = VARIANT_A(None, False)
v['clSize'] = 0; v['rpcReserved'] = 0; v['vt'] = VARENUM.VT_VARIANT | VARENUM.VT_BYREF
v['wReserved1'] = v['wReserved2'] = v['wReserved3'] = 0
v['_varUnion']['tag'] = 0x400c
ppv = PPVARIANT(None, False); ppv['Data'] = variant(VARENUM.VT_I2, 'iVal', 5)
v['_varUnion']['pvarVal'] = ppv
c = OneArrayVariant(isNDR64=False); c['v'] = v
w('variant-byref-variant', c.getData())

# 2-D VT_ARRAY|VT_I4: dimension 1 = 2 elements from 1, dimension 2 = 3 elements from 0; rgsabound has
# the last dimension first; the 6 elements in storage order (dimension 1 fastest)
d = DWORD_SIZEDARR(); d['clSize'] = 6; d['pData'] = [10, 20, 11, 21, 12, 22]
w('safearray-2d-i4', array_variant(VARENUM.VT_I4, 0x80, 4, 3, ('LongStr', d), [bound(3, 0), bound(2, 1)]))
# VT_ARRAY|VT_VARIANT of [VT_I4 7, VT_BSTR "x"]
sv = SAFEARR_VARIANT(); sv['Size'] = 2
sv['aVariant'].append(variant(VARENUM.VT_I4, 'lVal', 7))
b = variant(VARENUM.VT_BSTR); b['_varUnion']['bstrVal']['asData'] = 'x'
sv['aVariant'].append(b)
w('safearray-variant', array_variant(VARENUM.VT_VARIANT, 0x880, 16, 12, ('VariantStr', sv), [bound(2, 0)]))

# --- DISPPARAMS with a named argument: put Value = 3 (DISPID_PROPERTYPUT) ---
def dispparams(args, named):
    p = oaut.DISPPARAMS(None, False)
    for a in args:
        p['rgvarg'].append(a)
    if named:
        for n in named:
            p['rgdispidNamedArgs'].append(n)
    else:
        p['rgdispidNamedArgs'] = NULL
    p['cArgs'] = len(args); p['cNamedArgs'] = len(named)
    return p

class OneDispParams(ndr.NDRCALL):
    structure = (('p', oaut.DISPPARAMS),)
c = OneDispParams(isNDR64=False)
c['p'] = dispparams([variant(VARENUM.VT_I4, 'lVal', 3, clsize=5)], [0xfffffffd])  # DISPID_PROPERTYPUT = -3
w('dispparams-named', c.getData())

# --- IDispatch::Invoke request (method call with a BSTR and an I4 argument, wire order reversed) ---
def orpcthis():
    t = ORPCTHIS(); t['cid'] = CID; t['extensions'] = NULL; t['flags'] = 0
    return t

a1 = variant(VARENUM.VT_BSTR, clsize=5); a1['_varUnion']['bstrVal']['asData'] = 'calc.exe'
a0 = variant(VARENUM.VT_I4, 'lVal', 1, clsize=5)
req = oaut.IDispatch_Invoke()
req['ORPCthis'] = orpcthis()
req['dispIdMember'] = 0x60020000; req['riid'] = IID_NULL; req['lcid'] = 0x409
req['dwFlags'] = oaut.DISPATCH_METHOD
req['pDispParams'] = dispparams([a0, a1], [])
req['cVarRef'] = 0
w('invoke-request', req.getData())

# --- IDispatch::Invoke response (impacket's declaration has no rgVarRef: see README) ---
resp = oaut.IDispatch_InvokeResponse()
resp['ORPCthat']['flags'] = 0; resp['ORPCthat']['extensions'] = NULL
r = variant(VARENUM.VT_I4, 'lVal', 6)
resp['pVarResult'] = r
ei = resp['pExcepInfo']
ei['wCode'] = 0; ei['wReserved'] = 0
ei['bstrSource']['asData'] = 'src'; ei['bstrDescription']['asData'] = 'boom'; ei['bstrHelpFile'] = NULL
ei['dwHelpContext'] = 0; ei['pvReserved'] = 0; ei['pfnDeferredFillIn'] = 0; ei['scode'] = 0x80004005 - (1 << 32)
resp['pArgErr'] = 0; resp['ErrorCode'] = 0x80020009
w('invoke-response', resp.getData())

# --- IDispatch::GetIDsOfNames request / response ---
g = oaut.IDispatch_GetIDsOfNames()
g['ORPCthis'] = orpcthis()
g['riid'] = IID_NULL
for name in ('Document', 'ActiveView'):
    s = oaut.LPOLESTR(); s['Data'] = name + '\x00'
    g['rgszNames'].append(s)
g['cNames'] = 2; g['lcid'] = 0x409
w('get-ids-of-names-request', g.getData())
gr = oaut.IDispatch_GetIDsOfNamesResponse()
gr['ORPCthat']['flags'] = 0; gr['ORPCthat']['extensions'] = NULL
gr['rgDispId'] = [0x60020000, 0x60020001]
gr['ErrorCode'] = 0
w('get-ids-of-names-response', gr.getData())
