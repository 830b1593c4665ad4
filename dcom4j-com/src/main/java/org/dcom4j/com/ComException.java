package org.dcom4j.com;

/** A COM call failed with an HRESULT; the message names it ({@link Hresult#name(int)}). */
public class ComException extends Exception {
    private final int hresult;

    public ComException(int hresult, String message) {
        super(Hresult.name(hresult) + (message == null || message.isEmpty() ? "" : ": " + message));
        this.hresult = hresult;
    }

    public ComException(int hresult, String message, Throwable cause) {
        this(hresult, message);
        initCause(cause);
    }

    public int hresult() {
        return hresult;
    }
}
