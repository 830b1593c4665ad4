package org.dcom4j.com.automation;

/**
 * VARENUM (MS-OAUT 2.2.7): the VARTYPE constants of the types this layer supports, and {@link #name(int)}.
 */
public final class VarType {
    public static final int VT_EMPTY = 0;
    public static final int VT_NULL = 1;
    public static final int VT_I2 = 2;
    public static final int VT_I4 = 3;
    public static final int VT_R4 = 4;
    public static final int VT_R8 = 5;
    public static final int VT_CY = 6;
    public static final int VT_DATE = 7;
    public static final int VT_BSTR = 8;
    public static final int VT_DISPATCH = 9;
    public static final int VT_ERROR = 10;
    public static final int VT_BOOL = 11;
    public static final int VT_VARIANT = 12;
    public static final int VT_UNKNOWN = 13;
    public static final int VT_DECIMAL = 14;
    public static final int VT_I1 = 16;
    public static final int VT_UI1 = 17;
    public static final int VT_UI2 = 18;
    public static final int VT_UI4 = 19;
    public static final int VT_I8 = 20;
    public static final int VT_UI8 = 21;
    public static final int VT_INT = 22;
    public static final int VT_UINT = 23;
    /** Flag: a SAFEARRAY of the base type. */
    public static final int VT_ARRAY = 0x2000;
    /** Flag: a pointer to the base type. */
    public static final int VT_BYREF = 0x4000;
    /** The base type bits. */
    public static final int VT_TYPEMASK = 0x0FFF;

    private static final String[] NAMES = {"VT_EMPTY", "VT_NULL", "VT_I2", "VT_I4", "VT_R4", "VT_R8", "VT_CY", "VT_DATE",
        "VT_BSTR", "VT_DISPATCH", "VT_ERROR", "VT_BOOL", "VT_VARIANT", "VT_UNKNOWN", "VT_DECIMAL", null, "VT_I1", "VT_UI1",
        "VT_UI2", "VT_UI4", "VT_I8", "VT_UI8", "VT_INT", "VT_UINT"};

    private VarType() {
    }

    /** Whether {@code base} (no flags) is one of the constants above. */
    public static boolean isKnownBase(int base) {
        return base >= 0 && base < NAMES.length && NAMES[base] != null;
    }

    /**
     * The name of a VARTYPE: {@code "VT_I4"}, {@code "VT_ARRAY|VT_I4"}, {@code "VT_BYREF|VT_VARIANT"},
     * {@code "VT_BYREF|VT_ARRAY|VT_BSTR"}; other flags and unknown base types in hex ({@code "0x1000|VT_I4"},
     * {@code "VT_0x24"}).
     */
    public static String name(int vt) {
        StringBuilder b = new StringBuilder();
        if ((vt & VT_BYREF) != 0) {
            b.append("VT_BYREF|");
        }
        if ((vt & VT_ARRAY) != 0) {
            b.append("VT_ARRAY|");
        }
        int other = vt & ~(VT_BYREF | VT_ARRAY | VT_TYPEMASK);
        if (other != 0) {
            b.append("0x").append(Integer.toHexString(other)).append('|');
        }
        int base = vt & VT_TYPEMASK;
        b.append(isKnownBase(base) ? NAMES[base] : "VT_0x" + Integer.toHexString(base));
        return b.toString();
    }
}
