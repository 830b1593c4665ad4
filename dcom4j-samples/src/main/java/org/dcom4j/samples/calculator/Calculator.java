package org.dcom4j.samples.calculator;

import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;

/** The Calculator object: stateless, so one instance may serve every caller concurrently. */
public final class Calculator implements ICalculator {
    @Override
    public int add(int a, int b) {
        return a + b;
    }

    /** E_POINTER for a null peer, as a C++ server would answer for a null interface pointer. */
    @Override
    public int callMeBack(ICalculator peer, int a, int b) throws ComException {
        if (peer == null) {
            throw new ComException(Hresult.E_POINTER, "CallMeBack: peer is null");
        }
        return peer.add(a, b);
    }
}
