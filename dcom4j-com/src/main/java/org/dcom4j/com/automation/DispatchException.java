package org.dcom4j.com.automation;

import org.dcom4j.com.ComException;
import org.dcom4j.com.Hresult;

/**
 * A failed IDispatch::Invoke as the client sees it: the HRESULT, and what came with it —
 * for DISP_E_EXCEPTION the EXCEPINFO's source, description and scode; for DISP_E_TYPEMISMATCH,
 * DISP_E_OVERFLOW, DISP_E_PARAMNOTFOUND the argument index puArgErr (in rgvarg's right-to-left order).
 */
public final class DispatchException extends ComException {
    private final String source;
    private final String exceptionDescription;
    private final int scode;
    private final int argErr;

    public DispatchException(int hresult, String member, String source, String description, int scode, int argErr) {
        super(hresult, text(hresult, member, source, description, scode, argErr));
        this.source = source;
        this.exceptionDescription = description;
        this.scode = scode;
        this.argErr = argErr;
    }

    private static String text(int hr, String member, String source, String description, int scode, int argErr) {
        StringBuilder b = new StringBuilder(member);
        if (hr == Hresult.DISP_E_EXCEPTION) {
            b.append(" raised ").append(Hresult.name(scode));
            if (source != null && !source.isEmpty()) {
                b.append(" in ").append(source);
            }
            if (description != null && !description.isEmpty()) {
                b.append(": ").append(description);
            }
        } else if (hr == Hresult.DISP_E_TYPEMISMATCH || hr == Hresult.DISP_E_OVERFLOW || hr == Hresult.DISP_E_PARAMNOTFOUND) {
            b.append(" argument index ").append(argErr);
        }
        return b.toString();
    }

    /** EXCEPINFO.bstrSource (null when not DISP_E_EXCEPTION). */
    public String source() {
        return source;
    }

    /** EXCEPINFO.bstrDescription (null when not DISP_E_EXCEPTION). */
    public String exceptionDescription() {
        return exceptionDescription;
    }

    /** EXCEPINFO.scode (0 when not DISP_E_EXCEPTION). */
    public int scode() {
        return scode;
    }

    /** puArgErr. */
    public int argErr() {
        return argErr;
    }
}
