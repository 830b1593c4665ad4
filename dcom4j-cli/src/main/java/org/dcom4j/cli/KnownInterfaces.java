package org.dcom4j.cli;

import java.util.Map;
import java.util.UUID;

/**
 * Names for interface UUIDs that {@code rpcdump} prints next to an endpoint, as impacket's rpcdump
 * does: dcom4j's own (the endpoint mapper, mgmt, the Dcom4jEcho sample), the DCOM interfaces of
 * /work/shared/DESIGN.md's wire references (MS-DCOM), and a few common Windows services (their
 * MS-xxxx specification names), so a dump of a Windows or Samba endpoint mapper reads at a glance.
 * An unknown UUID prints as {@code N/A}.
 */
final class KnownInterfaces {
    private KnownInterfaces() {
    }

    private static final Map<UUID, String> NAMES = Map.ofEntries(
            entry("e1af8308-5d1f-11c9-91a4-08002b14a0fa", "EPM: endpoint mapper (C706 ept, MS-RPCE)"),
            entry("afa8bd80-7d8a-11c9-bef4-08002b102989", "mgmt: remote management (C706 mgmt)"),
            entry("3baeb06b-ae30-4a06-932c-4ec77578e619", "Dcom4jEcho: the dcom4j sample"),
            entry("99fcfec4-5260-101b-bbcb-00aa0021347a", "[MS-DCOM] IObjectExporter (OXID resolver)"),
            entry("000001a0-0000-0000-c000-000000000046", "[MS-DCOM] IRemoteSCMActivator"),
            entry("4d9f4ab8-7d1c-11cf-861e-0020af6e7c57", "[MS-DCOM] IActivation"),
            entry("00000131-0000-0000-c000-000000000046", "[MS-DCOM] IRemUnknown"),
            entry("00000143-0000-0000-c000-000000000046", "[MS-DCOM] IRemUnknown2"),
            entry("00000000-0000-0000-c000-000000000046", "[MS-DCOM] IUnknown"),
            entry("00020400-0000-0000-c000-000000000046", "[MS-OAUT] IDispatch"),
            entry("12345778-1234-abcd-ef00-0123456789ab", "[MS-LSAD] lsarpc"),
            entry("12345778-1234-abcd-ef00-0123456789ac", "[MS-SAMR] samr"),
            entry("12345678-1234-abcd-ef00-01234567cffb", "[MS-NRPC] netlogon"),
            entry("367abb81-9844-35f1-ad32-98f038001003", "[MS-SCMR] svcctl"),
            entry("4b324fc8-1670-01d3-1278-5a47bf6ee188", "[MS-SRVS] srvsvc"),
            entry("6bffd098-a112-3610-9833-46c3f87e345a", "[MS-WKST] wkssvc"),
            entry("338cd001-2244-31f1-aaaa-900038001003", "[MS-RRP] winreg"),
            entry("12345678-1234-abcd-ef00-0123456789ab", "[MS-RPRN] spoolss"),
            entry("82273fdc-e32a-18c3-3f78-827929dc23ea", "[MS-EVEN] eventlog"),
            entry("86d35949-83c9-4044-b424-db363231fd0c", "[MS-TSCH] ITaskSchedulerService"),
            entry("e3514235-4b06-11d1-ab04-00c04fc2dcd2", "[MS-DRSR] drsuapi"));

    private static Map.Entry<UUID, String> entry(String uuid, String name) {
        return Map.entry(UUID.fromString(uuid), name);
    }

    /** The name of {@code uuid}, or {@code N/A}. */
    static String name(UUID uuid) {
        return NAMES.getOrDefault(uuid, "N/A");
    }
}
