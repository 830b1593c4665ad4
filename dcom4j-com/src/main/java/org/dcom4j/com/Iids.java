package org.dcom4j.com;

import java.util.UUID;

/** Interface identifiers DCOM itself uses (MS-DCOM 1.9; the values agree with impacket's {@code dcomrt.py}). */
public final class Iids {
    public static final UUID IID_IUnknown = UUID.fromString("00000000-0000-0000-c000-000000000046");
    public static final UUID IID_IClassFactory = UUID.fromString("00000001-0000-0000-c000-000000000046");
    public static final UUID IID_IRemUnknown = UUID.fromString("00000131-0000-0000-c000-000000000046");
    public static final UUID IID_IRemUnknown2 = UUID.fromString("00000143-0000-0000-c000-000000000046");
    public static final UUID IID_IRemoteSCMActivator = UUID.fromString("000001a0-0000-0000-c000-000000000046");
    public static final UUID IID_IActivationPropertiesIn = UUID.fromString("000001a2-0000-0000-c000-000000000046");
    public static final UUID IID_IActivationPropertiesOut = UUID.fromString("000001a3-0000-0000-c000-000000000046");
    public static final UUID IID_IContext = UUID.fromString("000001c0-0000-0000-c000-000000000046");
    public static final UUID IID_IDispatch = UUID.fromString("00020400-0000-0000-c000-000000000046");
    /** The object resolver ("IOXIDResolver"), a plain RPC interface v0.0. */
    public static final UUID IID_IObjectExporter = UUID.fromString("99fcfec4-5260-101b-bbcb-00aa0021347a");
    /** The pre-5.6 activation interface, a plain RPC interface v0.0. */
    public static final UUID IID_IActivation = UUID.fromString("4d9f4ab8-7d1c-11cf-861e-0020af6e7c57");

    private Iids() {
    }
}
