package org.dcom4j.rpc.interop;

import java.net.InetAddress;
import java.util.UUID;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcFaultException;
import org.dcom4j.rpc.RpcInterface;
import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.pdu.FaultStatus;
import org.dcom4j.rpc.transport.TcpTransport;

/**
 * A manual interop target, not part of the suite: serves 3baeb06b-ae30-4a06-932c-4ec77578e619 v1.0
 * on 127.0.0.1:PORT where opnum 0 returns the request stub unchanged (raw bytes, no NDR) and opnum 1
 * faults with rpc_x_bad_stub_data. Drive it with
 * {@code /usr/bin/python3 ../shared/interop/dcerpc_call.py 127.0.0.1 PORT 3baeb06b-ae30-4a06-932c-4ec77578e619 1.0 0 0102}.
 */
public final class EchoServerMain {
    private EchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        RpcServer server = new RpcServer(RpcServerConfig.defaults(), org.dcom4j.rpc.CallerTokens.ANONYMOUS,
                org.dcom4j.rpc.RpcSecurity.defaults().withPolicy((id, declared) -> declared.withAllowAnonymous(true)));
        server.register(new RpcInterface(new InterfaceId(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), 1, 0), 2,
                (ctx, opnum, stub) -> {
                    if (opnum == 1) {
                        throw new RpcFaultException(FaultStatus.RPC_X_BAD_STUB_DATA);
                    }
                    System.err.println("call " + Integer.toUnsignedString(ctx.callId()) + " from " + ctx.peerAddress()
                            + " object=" + ctx.object() + " stub=" + stub.length + " bytes");
                    return stub;
                }));
        String port = server.listen(new TcpTransport(InetAddress.getLoopbackAddress()), args.length > 0 ? args[0] : "0");
        System.out.println("listening on ncacn_ip_tcp:127.0.0.1[" + port + "]");
        Thread.currentThread().join();
    }
}
