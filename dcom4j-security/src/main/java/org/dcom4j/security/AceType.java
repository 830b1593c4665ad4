package org.dcom4j.security;

/**
 * ACE types (MS-DTYP 2.4.4.1) with their SDDL strings. {@code RA} (resource attribute) and the
 * conditional-expression SDDL of callback ACEs are the forms the SDDL parser refuses with a clear
 * error; the binary codec carries every type listed here, application data included.
 */
public enum AceType {
    ACCESS_ALLOWED(0x00, "A", Kind.ALLOW, false, false),
    ACCESS_DENIED(0x01, "D", Kind.DENY, false, false),
    SYSTEM_AUDIT(0x02, "AU", Kind.AUDIT, false, false),
    SYSTEM_ALARM(0x03, "AL", Kind.ALARM, false, false),
    ACCESS_ALLOWED_OBJECT(0x05, "OA", Kind.ALLOW, true, false),
    ACCESS_DENIED_OBJECT(0x06, "OD", Kind.DENY, true, false),
    SYSTEM_AUDIT_OBJECT(0x07, "OU", Kind.AUDIT, true, false),
    SYSTEM_ALARM_OBJECT(0x08, "OL", Kind.ALARM, true, false),
    ACCESS_ALLOWED_CALLBACK(0x09, "XA", Kind.ALLOW, false, true),
    ACCESS_DENIED_CALLBACK(0x0A, "XD", Kind.DENY, false, true),
    ACCESS_ALLOWED_CALLBACK_OBJECT(0x0B, "ZA", Kind.ALLOW, true, true),
    ACCESS_DENIED_CALLBACK_OBJECT(0x0C, "ZD", Kind.DENY, true, true),
    SYSTEM_AUDIT_CALLBACK(0x0D, "XU", Kind.AUDIT, false, true),
    SYSTEM_ALARM_CALLBACK(0x0E, "XL", Kind.ALARM, false, true),
    SYSTEM_AUDIT_CALLBACK_OBJECT(0x0F, "ZU", Kind.AUDIT, true, true),
    SYSTEM_ALARM_CALLBACK_OBJECT(0x10, "ZL", Kind.ALARM, true, true),
    SYSTEM_MANDATORY_LABEL(0x11, "ML", Kind.LABEL, false, false),
    SYSTEM_RESOURCE_ATTRIBUTE(0x12, "RA", Kind.OTHER, false, false),
    SYSTEM_SCOPED_POLICY_ID(0x13, "SP", Kind.OTHER, false, false);

    /** What an ACE of the type does in an access check. */
    public enum Kind { ALLOW, DENY, AUDIT, ALARM, LABEL, OTHER }

    private static final AceType[] BY_CODE = new AceType[0x14];

    static {
        for (AceType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String sddl;
    private final Kind kind;
    private final boolean object;
    private final boolean callback;

    AceType(int code, String sddl, Kind kind, boolean object, boolean callback) {
        this.code = code;
        this.sddl = sddl;
        this.kind = kind;
        this.object = object;
        this.callback = callback;
    }

    /** The AceType byte. */
    public int code() {
        return code;
    }

    public String sddl() {
        return sddl;
    }

    public Kind kind() {
        return kind;
    }

    /** Object ACEs carry Flags, ObjectType and InheritedObjectType (MS-DTYP 2.4.4.3). */
    public boolean isObject() {
        return object;
    }

    /** Callback ACEs carry a conditional expression in their application data (MS-DTYP 2.4.4.17). */
    public boolean isCallback() {
        return callback;
    }

    /** The type with this AceType byte; a clear error for 0x04 (compound) and unknown codes. */
    public static AceType ofCode(int code, int offset) {
        AceType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new SecurityFormatException("unsupported AceType=0x" + Integer.toHexString(code) + ", offset=" + offset);
        }
        return t;
    }

    /** The type with this SDDL string, if any. */
    public static AceType ofSddl(String s) {
        for (AceType t : values()) {
            if (t.sddl.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
