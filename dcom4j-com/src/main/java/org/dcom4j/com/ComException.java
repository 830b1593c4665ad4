package org.dcom4j.com;

/** A COM call failed with an HRESULT; the message names it ({@link Hresult#name(int)}). */
public class ComException extends Exception {
    private final int hresult;
    private final String description;

    public ComException(int hresult, String message) {
        this(hresult, message, null);
    }

    public ComException(int hresult, String message, Throwable cause) {
        super(Hresult.name(hresult) + (message == null || message.isEmpty() ? "" : ": " + message), cause);
        this.hresult = hresult;
        this.description = message == null ? "" : message;
    }

    public int hresult() {
        return hresult;
    }

    /** The text given to the constructor, without the HRESULT's name ("" when none). */
    public String description() {
        return description;
    }
}
