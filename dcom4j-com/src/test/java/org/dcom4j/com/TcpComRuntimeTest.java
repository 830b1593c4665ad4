package org.dcom4j.com;

/** The runtime over ncacn_ip_tcp with NTLM. */
class TcpComRuntimeTest extends AbstractComRuntimeTest {
    @Override
    boolean local() {
        return false;
    }
}
