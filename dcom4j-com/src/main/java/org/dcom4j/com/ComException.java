package org.dcom4j.com;

/** A COM call failed with an HRESULT; the message names it ({@link Hresult#name(int)}). */
public class ComException extends Exception {
    private final int hresult;
    private final String description;

    public ComException(int hresult, String message) {
        super(Hresult.name(hresult) + (message == null || message.isEmpty() ? "" : ": " + message));
        this.hresult = hresult;
        this.description = message == null ? "" : message;
    }

    public ComException(int hresult, String message, Throwable cause) {
        this(hresult, message);
        initCause(cause);
    }

    public int hresult() {
        return hresult;
    }

    /** The text given to the constructor, without the HRESULT's name ("" when none). */
    public String description() {
        return description;
    }
}
