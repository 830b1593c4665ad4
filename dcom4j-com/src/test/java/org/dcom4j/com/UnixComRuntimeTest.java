package org.dcom4j.com;

/** The runtime over ncalrpc (AF_UNIX), NTLM on top of the kernel identity. */
class UnixComRuntimeTest extends AbstractComRuntimeTest {
    @Override
    boolean local() {
        return true;
    }
}
