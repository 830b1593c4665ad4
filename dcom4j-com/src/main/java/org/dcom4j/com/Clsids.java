package org.dcom4j.com;

import java.util.UUID;

/**
 * Class identifiers of DCOM's own marshaled objects and activation properties (MS-DCOM 1.9; values
 * agree with impacket's {@code dcomrt.py}). Note CLSID_PropsOutInfo equals CLSID_ActivationPropertiesOut.
 */
public final class Clsids {
    public static final UUID CLSID_ActivationContextInfo = UUID.fromString("000001a5-0000-0000-c000-000000000046");
    public static final UUID CLSID_ActivationPropertiesIn = UUID.fromString("00000338-0000-0000-c000-000000000046");
    public static final UUID CLSID_ActivationPropertiesOut = UUID.fromString("00000339-0000-0000-c000-000000000046");
    public static final UUID CLSID_CONTEXT_EXTENSION = UUID.fromString("00000334-0000-0000-c000-000000000046");
    public static final UUID CLSID_ContextMarshaler = UUID.fromString("0000033b-0000-0000-c000-000000000046");
    public static final UUID CLSID_ERROR_EXTENSION = UUID.fromString("0000031c-0000-0000-c000-000000000046");
    public static final UUID CLSID_ErrorObject = UUID.fromString("0000031b-0000-0000-c000-000000000046");
    public static final UUID CLSID_InstanceInfo = UUID.fromString("000001ad-0000-0000-c000-000000000046");
    public static final UUID CLSID_InstantiationInfo = UUID.fromString("000001ab-0000-0000-c000-000000000046");
    public static final UUID CLSID_PropsOutInfo = UUID.fromString("00000339-0000-0000-c000-000000000046");
    public static final UUID CLSID_ScmReplyInfo = UUID.fromString("000001b6-0000-0000-c000-000000000046");
    public static final UUID CLSID_ScmRequestInfo = UUID.fromString("000001aa-0000-0000-c000-000000000046");
    public static final UUID CLSID_SecurityInfo = UUID.fromString("000001a6-0000-0000-c000-000000000046");
    public static final UUID CLSID_ServerLocationInfo = UUID.fromString("000001a4-0000-0000-c000-000000000046");
    public static final UUID CLSID_SpecialSystemProperties = UUID.fromString("000001b9-0000-0000-c000-000000000046");

    private Clsids() {
    }
}
