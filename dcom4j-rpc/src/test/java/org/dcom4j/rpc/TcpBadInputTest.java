package org.dcom4j.rpc;

import org.dcom4j.rpc.transport.TcpTransport;
import org.dcom4j.rpc.transport.Transport;

class TcpBadInputTest extends AbstractBadInputTest {
    @Override
    Transport transport() {
        return TcpTransport.loopback();
    }

    @Override
    String host() {
        return "127.0.0.1";
    }
}
