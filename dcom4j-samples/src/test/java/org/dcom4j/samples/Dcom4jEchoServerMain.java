package org.dcom4j.samples;

import org.dcom4j.rpc.RpcServer;
import org.dcom4j.rpc.RpcServerConfig;
import org.dcom4j.rpc.transport.TcpTransport;

/**
 * A manual interop target, not part of the suite: serves Dcom4jEcho on ncacn_ip_tcp 127.0.0.1:PORT
 * (default: a dynamic port, printed). Drive it with
 * {@code /usr/bin/python3 ../shared/interop/dcerpc_call.py 127.0.0.1 PORT 3baeb06b-ae30-4a06-932c-4ec77578e619 1.0 1 0200000003000000}.
 */
public final class Dcom4jEchoServerMain {
    private Dcom4jEchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        RpcServer server = new RpcServer(RpcServerConfig.defaults());
        server.register(Dcom4jEchoServer.rpcInterface());
        String port = server.listen(TcpTransport.loopback(), args.length > 0 ? args[0] : "0");
        System.out.println("listening on ncacn_ip_tcp:127.0.0.1[" + port + "]");
        Thread.currentThread().join();
    }
}
