package org.dcom4j.com.automation;

/**
 * A VARIANT, SAFEARRAY or DISPPARAMS from the wire that this layer cannot represent ({@link Variants#fromWire}),
 * or a value it cannot put on the wire ({@link Variants#toWire}). The runtime answers the call with
 * {@link #hresult()}: {@code DISP_E_BADVARTYPE} for an unsupported VARTYPE, {@code E_INVALIDARG} for an
 * inconsistent or over-limit value.
 */
public final class VariantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** DISP_E_BADVARTYPE (MS-OAUT 2.2.9.1 / MS-ERREF): the VARTYPE is not supported. */
    public static final int DISP_E_BADVARTYPE = 0x80020008;
    /** E_INVALIDARG: a malformed or over-limit value. */
    public static final int E_INVALIDARG = 0x80070057;

    /** Which HRESULT the failure maps to. */
    public enum Kind {
        /** An unknown or unsupported VARTYPE (also an unsupported SAFEARRAY element type). → DISP_E_BADVARTYPE */
        BAD_VAR_TYPE,
        /** Inconsistent fields, a limit exceeded (nesting, element count), a NULL where a value is required. → E_INVALIDARG */
        INVALID_ARG
    }

    private final Kind kind;

    public VariantException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** {@link #DISP_E_BADVARTYPE} or {@link #E_INVALIDARG}. */
    public int hresult() {
        return kind == Kind.BAD_VAR_TYPE ? DISP_E_BADVARTYPE : E_INVALIDARG;
    }
}
