package org.dcom4j.rpc.auth;

/** Security providers ({@code auth_type} of the sec_trailer, MS-RPCE 2.2.1.1.7). dcom4j speaks NTLMSSP. */
public final class AuthType {
    public static final int NONE = 0;
    public static final int GSS_NEGOTIATE = 9;
    /** NTLMSSP ({@code RPC_C_AUTHN_WINNT}). */
    public static final int WINNT = 10;
    public static final int GSS_KERBEROS = 16;
    public static final int NETLOGON = 68;

    private AuthType() {
    }

    public static String name(int type) {
        return switch (type) {
            case NONE -> "none";
            case GSS_NEGOTIATE -> "spnego";
            case WINNT -> "ntlmssp";
            case GSS_KERBEROS -> "kerberos";
            case NETLOGON -> "netlogon";
            default -> "unknown(" + type + ")";
        };
    }
}
