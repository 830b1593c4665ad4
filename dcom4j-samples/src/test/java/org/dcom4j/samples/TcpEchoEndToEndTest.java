package org.dcom4j.samples;

import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.Transport;

/** ncacn_ip_tcp on 127.0.0.1, dynamic port. */
class TcpEchoEndToEndTest extends AbstractEchoEndToEndTest {
    @Override
    Transport transport() {
        return TcpTransport.loopback();
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    String endpointToListen() {
        return "0";
    }

    @Override
    String stringBinding() {
        return "ncacn_ip_tcp:127.0.0.1[" + endpoint + "]";
    }
}
