package org.dcom4j.samples.calculator;

import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.automation.DispMethod;
import org.dcom4j.com.automation.DispProperty;
import org.dcom4j.com.automation.Variant;

/**
 * The Calculator object. Early bound through {@link ICalculator} (stateless) and late bound through the
 * automatic IDispatch its annotated members give it (issue 6 item 3):
 * <pre>
 * Add(a, b)      numeric VARIANTs; the sum in the wider of the two types ({@link VariantSum})
 * Echo(v)        v unchanged, whatever its type, arrays included
 * Fail(message)  raises: the caller gets DISP_E_EXCEPTION with EXCEPINFO.bstrDescription = message
 * Name           a read/write BSTR property of this instance (each activation creates one)
 * </pre>
 */
public final class Calculator implements ICalculator {
    private volatile String name = CalculatorIds.NAME;

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

    /** Add(a, b) through IDispatch: DISP_E_TYPEMISMATCH for a non-numeric argument, DISP_E_OVERFLOW when the sum does not fit. */
    @DispMethod(name = "Add", dispId = 1)
    public Variant addVariants(Variant a, Variant b) throws ComException {
        return VariantSum.of(a, b);
    }

    @DispMethod(name = "Echo", dispId = 2)
    public Variant echo(Variant v) {
        return v;
    }

    @DispMethod(name = "Fail", dispId = 3)
    public void fail(String message) throws ComException {
        throw new ComException(Hresult.E_FAIL, message);
    }

    @DispProperty(name = "Name", dispId = 4)
    public String getName() {
        return name;
    }

    @DispProperty(name = "Name", dispId = 4)
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }
}
