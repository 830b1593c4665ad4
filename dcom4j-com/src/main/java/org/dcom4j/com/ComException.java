package org.dcom4j.com;

/** A COM call failed with an HRESULT; the message names it ({@link Hresult#name(int)}). */
public class ComException extends Exception {
    private final int hresult;
    private final String description;

    public ComException(int hresult, String message) {
        super(text(hresult, message)); // the cause may be set later (initCause)
        this.hresult = hresult;
        this.description = message == null ? "" : message;
    }

    public ComException(int hresult, String message, Throwable cause) {
        super(text(hresult, message), cause);
        this.hresult = hresult;
        this.description = message == null ? "" : message;
    }

    private static String text(int hresult, String message) {
        return Hresult.name(hresult) + (message == null || message.isEmpty() ? "" : ": " + message);
    }

    public int hresult() {
        return hresult;
    }

    /** The text given to the constructor, without the HRESULT's name ("" when none). */
    public String description() {
        return description;
    }
}
