package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.DcomSettings;
import org.dcom4j.security.DescriptorValue;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Operation;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.SecurityEvent;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcomConfigTest {
    @TempDir
    Path dir;

    private static final String OLE = DcomConfig.OLE;
    private static final UUID APP = UUID.fromString("6d3a1c5e-8b21-4f0a-9c77-2e5b40d1a9f3");

    @Test
    void initWritesTheProfileAndLoadReadsItBack() {
        try (Registry r = Registry.open(dir)) {
            DcomConfig.init(r, Tokens.ADMIN, DcomProfile.WS2003SP1);
            DcomSettings s = DcomConfig.load(r);
            assertTrue(s.enableDcom());
            assertEquals(DcomProfile.WS2003SP1.machineLaunchRestriction(), s.machineLaunchRestriction().parse().toSddl());
            assertEquals(DcomProfile.WS2003SP1.machineAccessRestriction(), s.machineAccessRestriction().parse().toSddl());
            assertEquals(DcomProfile.WS2003SP1.defaultLaunchPermission(), s.defaultLaunchPermission().parse().toSddl());
            assertEquals(DcomProfile.WS2003SP1.defaultAccessPermission(), s.defaultAccessPermission().parse().toSddl());
            assertEquals(OLE + "\\MachineLaunchRestriction", s.machineLaunchRestriction().origin());
            assertEquals(RegType.REG_BINARY, r.get(OLE, "MachineLaunchRestriction").orElseThrow().type());
            assertEquals(2, s.callFailureLoggingLevel());
            assertEquals(1, s.invalidSecurityDescriptorLoggingLevel());
            assertTrue(r.get(OLE, "CallFailureLoggingLevel").isEmpty());
            assertTrue(r.get(OLE, "InvalidSecurityDescriptorLoggingLevel").isEmpty());
        }
    }

    @Test
    void anEmptyStoreLoadsAsNoDescriptorsAndDefaults() {
        try (Registry r = Registry.open(dir)) {
            DcomSettings s = DcomConfig.load(r);
            assertTrue(s.enableDcom());
            assertNull(s.machineLaunchRestriction());
            assertNull(s.defaultAccessPermission());
            assertEquals(2, s.callFailureLoggingLevel());
            assertEquals(1, s.invalidSecurityDescriptorLoggingLevel());
        }
    }

    @Test
    void onlyAnAdministratorMayInitOrSetPolicy() {
        try (Registry r = Registry.open(dir)) {
            assertThrows(AccessDeniedException.class, () -> DcomConfig.init(r, Tokens.DCOM_USER, DcomProfile.LEGACY));
            assertThrows(AccessDeniedException.class, () -> DcomConfig.setPolicy(r, Tokens.ALICE,
                    DcomConfig.Restriction.LAUNCH, "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)"));
            assertThrows(AccessDeniedException.class, () -> DcomConfig.registerApplication(r, Tokens.ALICE, APP, "x", null, null));
            assertTrue(r.values(OLE).isEmpty());
        }
    }

    @Test
    void thePolicyOverridesTheMachineRestriction() {
        try (Registry r = Registry.open(dir)) {
            DcomConfig.init(r, Tokens.ADMIN, DcomProfile.WS2003SP1);
            ComApplication app = new ComApplication(APP, "app", null, null, null, null);
            assertTrue(decide(r, Operation.ACTIVATE).allowed(), "Everyone has LA under ws2003sp1");

            DcomConfig.setPolicy(r, Tokens.ADMIN, DcomConfig.Restriction.LAUNCH, " O:BAG:BAD:(A;;CCDCLCSWRP;;;BA) ");
            DcomSettings s = DcomConfig.load(r);
            assertEquals("policy \"DCOM: Machine Launch Restrictions in SDDL\" (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DCOM"
                    + "\\MachineLaunchRestriction), overrides HKLM\\SOFTWARE\\Microsoft\\Ole\\MachineLaunchRestriction",
                    s.machineLaunchRestriction().origin());
            assertEquals("O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)", s.machineLaunchRestriction().sddl());
            assertEquals(OLE + "\\MachineAccessRestriction", s.machineAccessRestriction().origin());
            assertFalse(decide(r, Operation.ACTIVATE).allowed(), "the policy allows only Administrators");
            assertEquals(app.appId(), APP);

            assertTrue(DcomConfig.clearPolicy(r, Tokens.ADMIN, DcomConfig.Restriction.LAUNCH));
            assertFalse(DcomConfig.clearPolicy(r, Tokens.ADMIN, DcomConfig.Restriction.LAUNCH));
            assertTrue(decide(r, Operation.ACTIVATE).allowed());
        }
    }

    private static org.dcom4j.security.Decision decide(Registry r, Operation op) {
        ComApplication app = new ComApplication(APP, "app", null, null, null, null);
        return new DcomAccessPolicy(DcomConfig.load(r), r.eventLog()).decide(Tokens.ALICE, op, Distance.LOCAL, app);
    }

    @Test
    void setPolicyRefusesAnInvalidDescriptorWithTheReason() {
        try (Registry r = Registry.open(dir)) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DcomConfig.setPolicy(r,
                    Tokens.ADMIN, DcomConfig.Restriction.ACCESS, "O:BAG:BAD:(A;;QQ;;;WD)"));
            assertTrue(bad.getMessage().startsWith("policy \"DCOM: Machine Access Restrictions in SDDL\": invalid SDDL: "),
                    bad.getMessage());
            IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> DcomConfig.setPolicy(r,
                    Tokens.ADMIN, DcomConfig.Restriction.ACCESS, "O:BAG:BAD:(A;;CC;;;WD)(A;;CCDC;;;AN)"));
            assertTrue(mixed.getMessage().contains("not a valid COM security descriptor: mixes the legacy format"),
                    mixed.getMessage());
            assertTrue(r.values(DcomConfig.POLICY).isEmpty());
        }
    }

    @Test
    void wrongTypedDescriptorValuesFailClosed() {
        try (Registry r = Registry.open(dir)) {
            DcomConfig.init(r, Tokens.ADMIN, DcomProfile.WS2003SP1);
            r.set(Tokens.ADMIN, OLE, RegValue.sz("DefaultLaunchPermission", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)"));
            r.set(Tokens.ADMIN, DcomConfig.POLICY, RegValue.binary("MachineAccessRestriction",
                    SecurityDescriptor.fromSddl("O:BAG:BAD:(A;;CCDCLC;;;WD)").toBytes()));
            r.set(Tokens.ADMIN, OLE, RegValue.binary("MachineLaunchRestriction", new byte[0]));
            DcomSettings s = DcomConfig.load(r);
            assertFailsClosed(s.defaultLaunchPermission(), "[REG_SZ where REG_BINARY belongs: fails closed]");
            assertFailsClosed(s.machineAccessRestriction(), "[REG_BINARY where REG_SZ SDDL belongs: fails closed]");
            assertFailsClosed(s.machineLaunchRestriction(), "MachineLaunchRestriction");

            r.set(Tokens.ADMIN, DcomConfig.POLICY, RegValue.sz("MachineLaunchRestriction", "  "));
            assertFailsClosed(DcomConfig.load(r).machineLaunchRestriction(), "[empty: fails closed]");

            // The decision denies, and the invalid descriptor reaches the event log.
            Instant before = Instant.now().minusSeconds(1);
            assertFalse(decide(r, Operation.ACTIVATE).allowed());
            assertFalse(r.eventLog().query(before, SecurityEvent.Level.WARNING, 10).isEmpty());
        }
    }

    private static void assertFailsClosed(DescriptorValue v, String originPart) {
        assertNotNull(v, originPart);
        assertTrue(v.origin().contains(originPart), v.origin());
        assertThrows(IllegalArgumentException.class, v::parse);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Y| true", "y| true", "' Y '| true", "'\\tY\\r\\n'| true",
        "N| false", "n| false", "''| false", "Yes| false", "1| false", "YY| false", "'Y N'| false"})
    void enableDcomIsOnlyYOrLowercaseYWithBlanksIgnored(String raw, boolean enabled) {
        assertEquals(enabled, DcomConfig.enableDcomValue(raw.replace("\\t", "\t").replace("\\r", "\r").replace("\\n", "\n")));
    }

    @Test
    void enableDcomIsYesOnlyWhenItSaysSo() {
        try (Registry r = Registry.open(dir)) {
            for (Object[] c : new Object[][] {{RegValue.sz("EnableDCOM", "N"), false}, {RegValue.sz("EnableDCOM", "y"), true},
                {RegValue.sz("EnableDCOM", "maybe"), false}, {RegValue.dword("EnableDCOM", 1), false}}) {
                r.set(Tokens.ADMIN, OLE, (RegValue) c[0]);
                assertEquals(c[1], DcomConfig.load(r).enableDcom(), c[0].toString());
            }
        }
    }

    @Test
    void loggingLevelsAreReadAndAWrongOneLogs() {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, OLE, RegValue.dword("CallFailureLoggingLevel", 1));
            r.set(Tokens.ADMIN, OLE, RegValue.dword("InvalidSecurityDescriptorLoggingLevel", 2));
            DcomSettings s = DcomConfig.load(r);
            assertEquals(1, s.callFailureLoggingLevel());
            assertEquals(2, s.invalidSecurityDescriptorLoggingLevel());
            r.set(Tokens.ADMIN, OLE, RegValue.sz("InvalidSecurityDescriptorLoggingLevel", "2"));
            r.set(Tokens.ADMIN, OLE, RegValue.dword("CallFailureLoggingLevel", 7));
            s = DcomConfig.load(r);
            assertEquals(1, s.callFailureLoggingLevel());
            assertEquals(1, s.invalidSecurityDescriptorLoggingLevel());
        }
    }

    @Test
    void registeredApplicationsLoadWithTheirPermissions() {
        try (Registry r = Registry.open(dir)) {
            String launch = "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;IU)";
            DcomConfig.registerApplication(r, Tokens.ADMIN, APP, "Contoso OPC", launch, null);
            UUID other = UUID.fromString("00000000-0000-0000-0000-00000000000a");
            DcomConfig.registerApplication(r, Tokens.ADMIN, other, null, null, "O:BAG:BAD:(A;;CC;;;WD)");
            r.set(Tokens.ADMIN, DcomConfig.appIdKey(other), RegValue.sz("RunAs", "NT AUTHORITY\\LocalService"));
            r.set(Tokens.ADMIN, DcomConfig.APPID + "\\contoso.exe", RegValue.sz("AppID", "{" + APP + "}"));

            List<ComApplication> apps = DcomConfig.applications(r);
            assertEquals(2, apps.size());
            ComApplication a = apps.stream().filter(x -> x.appId().equals(APP)).findFirst().orElseThrow();
            assertEquals("Contoso OPC", a.name());
            assertEquals(launch, a.launchPermission().parse().toSddl());
            assertEquals(DcomConfig.appIdKey(APP) + "\\LaunchPermission", a.launchPermission().origin());
            assertNull(a.accessPermission());
            assertNull(a.serverIdentity());
            ComApplication b = DcomConfig.application(r, other, null).orElseThrow();
            assertEquals("", b.name());
            assertEquals(WellKnownSids.LOCAL_SERVICE, b.serverIdentity());
            assertEquals("O:BAG:BAD:(A;;CC;;;WD)", b.accessPermission().parse().toSddl());

            // Re-registering without a permission removes it: the machine default applies again.
            DcomConfig.registerApplication(r, Tokens.ADMIN, APP, "Contoso OPC", null, null);
            assertNull(DcomConfig.application(r, APP, null).orElseThrow().launchPermission());
            assertThrows(IllegalArgumentException.class, () -> DcomConfig.registerApplication(r, Tokens.ADMIN, APP, "x",
                    "O:BAG:BAD:(A;;DC;;;WD)", null));
        }
    }

    @Test
    void runAsNamesMapToSidsWhenKnown() {
        LocalAccounts accounts = new LocalAccounts(Tokens.DOMAIN, LocalAccounts.Directory.of(
                "svc:x:20:20::/:/bin/false\n", "svc:x:20:\n"), "a", "b");
        assertNull(DcomConfig.runAsSid("Interactive User", accounts));
        assertEquals(WellKnownSids.NETWORK_SERVICE, DcomConfig.runAsSid("nt authority\\networkservice", null));
        assertEquals(WellKnownSids.LOCAL_SYSTEM, DcomConfig.runAsSid("NT AUTHORITY\\SYSTEM", null));
        assertEquals(Tokens.DOMAIN.child(1040), DcomConfig.runAsSid("svc", accounts));
        assertEquals(Tokens.DOMAIN.child(1040), DcomConfig.runAsSid(".\\svc", accounts));
        assertNull(DcomConfig.runAsSid("svc", null));
        assertNull(DcomConfig.runAsSid("CONTOSO\\nobody", accounts));
        // A group is no identity to run as: PRINCIPAL SELF must never stand for every member.
        assertNull(DcomConfig.runAsSid("Users", accounts));
        assertNull(DcomConfig.runAsSid("Everyone", accounts));
    }
}
