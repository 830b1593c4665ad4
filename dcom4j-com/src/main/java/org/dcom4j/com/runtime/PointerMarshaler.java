package org.dcom4j.com.runtime;

import org.dcom4j.com.ComException;
import org.dcom4j.com.wire.Orpc.MInterfacePointer;

/**
 * Turns Java objects into interface pointers and back, for one side of a call. The server's marshaler
 * exports outgoing objects in its own exporter and unmarshals incoming OBJREFs with its callback
 * client; the client's does the reverse through its callback server. A proxy is passed on as the
 * OBJREF it was made from (no references are given with it: see the README's "Not yet").
 */
public interface PointerMarshaler {
    /** {@code obj} (null: a NULL pointer) as {@code iface}. */
    MInterfacePointer marshal(Object obj, Class<?> iface) throws ComException;

    /** A proxy for {@code mip} (null: null) as {@code iface}. */
    Object unmarshal(MInterfacePointer mip, Class<?> iface) throws ComException;
}
