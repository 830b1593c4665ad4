package org.dcom4j.bench;

import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;

/**
 * The custom interface of {@link CallBenchmark}'s null call: {@code HRESULT Nothing(void)}, opnum 3 (the
 * first after IUnknown's). On the wire (MS-DCOM 2.2.13): request stub = ORPCTHIS only, response stub =
 * ORPCTHAT + the HRESULT.
 */
@ComInterface("879b4eba-2b2b-4139-bb38-33e955ae37e0")
public interface INullCall extends IUnknown {
    @ComMethod(opnum = 3)
    void nothing() throws ComException;
}
