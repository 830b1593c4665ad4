"""What the dcom4j interop scripts share on top of impacket 0.10.0 (imported by them; not a script).

PortDCOMConnection: DCOMConnection whose activator connection goes to an explicit port (stock impacket
hard-wires 135). Add / AddResponse: ICalculator::Add (opnum 3) of the Dcom4j.Calculator sample.
"""
from impacket.dcerpc.v5 import dcomrt, rpcrt, transport
from impacket.dcerpc.v5.dtypes import LONG

LEVELS = {'integrity': rpcrt.RPC_C_AUTHN_LEVEL_PKT_INTEGRITY, 'privacy': rpcrt.RPC_C_AUTHN_LEVEL_PKT_PRIVACY}


class PortDCOMConnection(dcomrt.DCOMConnection):
    """DCOMConnection whose activator (and OXID-resolver) connection goes to ACTIVATOR_PORT."""
    ACTIVATOR_PORT = 135

    def initConnection(self):
        target = self._DCOMConnection__target
        t = transport.DCERPCTransportFactory('ncacn_ip_tcp:%s[%d]' % (target, self.ACTIVATOR_PORT))
        t.set_credentials(self._DCOMConnection__userName, self._DCOMConnection__password,
                          self._DCOMConnection__domain, self._DCOMConnection__lmhash,
                          self._DCOMConnection__nthash, self._DCOMConnection__aesKey,
                          self._DCOMConnection__TGT, self._DCOMConnection__TGS)
        t.set_kerberos(self._DCOMConnection__doKerberos, self._DCOMConnection__kdcHost)
        dce = t.get_dce_rpc()
        dce.set_auth_level(self._DCOMConnection__authLevel)
        dce.connect()
        self._DCOMConnection__portmap = dce
        dcomrt.DCOMConnection.PORTMAPS[target] = dce


class Add(dcomrt.DCOMCALL):
    """HRESULT Add([in] long a, [in] long b, [out, retval] long *sum); ORPCTHIS comes from DCOMCALL."""
    opnum = 3
    structure = (
        ('a', LONG),
        ('b', LONG),
    )


class AddResponse(dcomrt.DCOMANSWER):
    """ORPCTHAT (from DCOMANSWER), sum, HRESULT."""
    structure = (
        ('sum', LONG),
        ('ErrorCode', dcomrt.error_status_t),
    )
