package org.dcom4j.samples.calculator;

import org.dcom4j.com.ComException;
import org.dcom4j.com.ComInterface;
import org.dcom4j.com.ComMethod;
import org.dcom4j.com.IUnknown;

/**
 * The Calculator sample's custom interface:
 * <pre>
 * [object, uuid(23203412-63cd-4530-9dd1-fc8e888ef55d)]
 * interface ICalculator : IUnknown {
 *   HRESULT Add([in] long a, [in] long b, [out, retval] long *sum);                               // opnum 3
 *   HRESULT CallMeBack([in] ICalculator *peer, [in] long a, [in] long b, [out, retval] long *sum); // opnum 4
 * }
 * </pre>
 */
@ComInterface("23203412-63cd-4530-9dd1-fc8e888ef55d")
public interface ICalculator extends IUnknown {
    java.util.UUID CLSID = CalculatorIds.CLSID;
    java.util.UUID APPID = CalculatorIds.APPID;
    String PROGID = CalculatorIds.PROGID;

    /** {@code a + b}, wrapping on overflow as a C {@code long} does. */
    @ComMethod(opnum = 3)
    int add(int a, int b) throws ComException;

    /** Calls {@code peer.add(a, b)} and returns its result: the server calling back into its client. */
    @ComMethod(opnum = 4)
    int callMeBack(ICalculator peer, int a, int b) throws ComException;
}
