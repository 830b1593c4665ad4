package org.dcom4j.rpc.pdu;

/**
 * The pfc_flags octet (C706 12.6.3.1; MS-RPCE 2.2.2.3). Bit 0x04 means PFC_PENDING_CANCEL on
 * request/response PDUs and PFC_SUPPORT_HEADER_SIGN on bind, bind_ack, alter_context and
 * alter_context_resp. Bit 0x08 (PFC_RESERVED_1) is undefined and ignored on receipt, as Windows
 * and Samba do ({@code dcesrv_core.c}: "this is not defined, but should be ignored").
 */
public final class PfcFlags {
    public static final int FIRST_FRAG = 0x01;
    public static final int LAST_FRAG = 0x02;
    public static final int PENDING_CANCEL = 0x04;
    public static final int SUPPORT_HEADER_SIGN = 0x04;
    public static final int RESERVED_1 = 0x08;
    public static final int CONC_MPX = 0x10;
    public static final int DID_NOT_EXECUTE = 0x20;
    public static final int MAYBE = 0x40;
    public static final int OBJECT_UUID = 0x80;

    private PfcFlags() {
    }

    /** {@code FIRST_FRAG|LAST_FRAG} style rendering for logs and {@code toString}. */
    public static String format(int flags) {
        String[] names = {"FIRST_FRAG", "LAST_FRAG", "PENDING_CANCEL/SUPPORT_HEADER_SIGN", "RESERVED_1", "CONC_MPX",
            "DID_NOT_EXECUTE", "MAYBE", "OBJECT_UUID"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
            }
        }
        return sb.isEmpty() ? "0" : sb.toString();
    }
}
