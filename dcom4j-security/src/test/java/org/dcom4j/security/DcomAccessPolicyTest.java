package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The layered DCOM decision: EnableDCOM, machine limit, application descriptor, logging, fail-closed. */
class DcomAccessPolicyTest {
    private static final Sid MACHINE = Sid.parse("S-1-5-21-100-200-300");
    private static final Sid SERVER = MACHINE.child(1500);
    private static final UUID APPID = UUID.fromString("0c4b7d2e-1111-4a2b-9c3d-445566778899");

    private static final Token ADMIN_REMOTE = Token.of("root", MACHINE.child(1000), List.of(WellKnownSids.EVERYONE,
            WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK, WellKnownSids.BUILTIN_ADMINISTRATORS));
    private static final Token ALICE_REMOTE = Token.of("alice", MACHINE.child(3000), List.of(WellKnownSids.EVERYONE,
            WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
    private static final Token ALICE_LOCAL = Token.of("alice", MACHINE.child(3000), List.of(WellKnownSids.EVERYONE,
            WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.LOCAL, WellKnownSids.INTERACTIVE));
    private static final Token ANONYMOUS = Token.anonymous(List.of(WellKnownSids.NETWORK));

    private final List<SecurityEvent> events = new ArrayList<>();

    private DcomAccessPolicy policy(DcomSettings s) {
        return new DcomAccessPolicy(s, events::add);
    }

    private static DcomSettings ws2003() {
        return DcomSettings.of(DcomProfile.WS2003SP1);
    }

    private static DcomSettings with(DcomSettings s, boolean enable, int callLevel, int sdLevel) {
        return new DcomSettings(enable, s.machineLaunchRestriction(), s.machineAccessRestriction(),
                s.defaultLaunchPermission(), s.defaultAccessPermission(), callLevel, sdLevel);
    }

    private static ComApplication app(String launch, String access) {
        return new ComApplication(APPID, "Sample", launch == null ? null : DescriptorValue.ofSddl("AppID LaunchPermission", launch),
                access == null ? null : DescriptorValue.ofSddl("AppID AccessPermission", access), null, SERVER);
    }

    @Test
    void administratorMayActivateRemotelyUnderServer2003Defaults() {
        Decision d = policy(ws2003()).decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        assertTrue(d.allowed(), d::explain);
        assertEquals(Decision.S_OK, d.hresult());
    }

    @Test
    void deniesRemoteActivationToEveryoneUnderServer2003AndExplainsTheMachineLimit() {
        Decision d = policy(ws2003()).decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        assertFalse(d.allowed());
        assertEquals(Decision.E_ACCESSDENIED, d.hresult());
        String text = d.explain();
        assertTrue(text.startsWith("DENY: Remote Activation (RA) of machine defaults, E_ACCESSDENIED (0x80070005)"), text);
        assertTrue(text.contains("machine limit: deny"), text);
        assertTrue(text.contains("MachineLaunchRestriction"), text);
        assertTrue(text.contains("#2 (A;;CCDCSW;;;WD) (LL LA to Everyone)"), text);
        assertEquals(2, d.steps().size(), "the application layer is not consulted after the machine limit denies: " + text);
    }

    @Test
    void localActivationByEveryonePassesBothLayersWhenInteractive() {
        Decision d = policy(ws2003()).decide(ALICE_LOCAL, Operation.ACTIVATE, Distance.LOCAL, null);
        assertTrue(d.allowed(), d::explain);
        assertTrue(d.explain().contains("granted by ACE #3 (A;;CCDCLCSWRP;;;IU) to NT AUTHORITY\\INTERACTIVE"), d::explain);
    }

    @Test
    void enableDcomNoRefusesRemoteButNotLocalRequests() {
        DcomAccessPolicy p = policy(with(ws2003(), false, 2, 1));
        Decision remote = p.decide(ADMIN_REMOTE, Operation.CALL, Distance.REMOTE, null);
        assertFalse(remote.allowed());
        assertEquals("EnableDCOM", remote.steps().get(0).layer());
        assertEquals(1, remote.steps().size());
        assertTrue(p.decide(ALICE_LOCAL, Operation.ACTIVATE, Distance.LOCAL, null).allowed());
    }

    @Test
    void bothMachineLimitAndApplicationMustGrant() {
        // The application grants Everyone remote activation; the machine limit does not.
        ComApplication generous = app("O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)", null);
        Decision d = policy(ws2003()).decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, generous);
        assertFalse(d.allowed());
        // The machine limit grants administrators; the application does not name them.
        ComApplication stingy = app("O:BAG:BAD:(A;;CCDCLCSWRP;;;IU)", null);
        Decision d2 = policy(ws2003()).decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, stingy);
        assertFalse(d2.allowed());
        assertEquals("application", d2.steps().get(2).layer());
        assertTrue(d2.steps().get(2).detail().contains("AppID {0C4B7D2E-1111-4A2B-9C3D-445566778899} \"Sample\" LaunchPermission"),
                d2::explain);
    }

    @Test
    void policyValueOverridesTheRegistryMachineLimit() {
        DcomSettings s = ws2003();
        DescriptorValue policyLimit = DescriptorValue.ofSddl("policy \"DCOM: Machine Launch Restrictions in SDDL\"",
                "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)");
        DcomSettings overridden = new DcomSettings(true, policyLimit, s.machineAccessRestriction(),
                DescriptorValue.ofSddl("default", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)"), s.defaultAccessPermission(), 2, 1);
        Decision d = policy(overridden).decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        assertTrue(d.allowed(), d::explain);
        assertTrue(d.explain().contains("policy \"DCOM: Machine Launch Restrictions in SDDL\""), d::explain);
    }

    @Test
    void absentMachineLimitFallsBackOnTheBuiltInDefaultNotOnNoLimit() {
        // Deleting MachineLaunchRestriction (e.g. a .reg line "MachineLaunchRestriction"=-) must not open
        // remote launch to everyone: Windows then applies its built-in limit (Everyone: LL LA only).
        DcomSettings noLimit = new DcomSettings(true, null, null, DescriptorValue.ofSddl("d", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)"),
                DescriptorValue.ofSddl("d", "O:BAG:BAD:(A;;CCDCLC;;;WD)(A;;CCDCLC;;;AN)"), 2, 1);
        DcomAccessPolicy p = policy(noLimit);
        Decision remote = p.decide(ALICE_REMOTE, Operation.LAUNCH, Distance.REMOTE, null);
        assertFalse(remote.allowed(), remote::explain);
        assertTrue(remote.explain().contains("machine limit MachineLaunchRestriction (built-in default, the value is absent)"),
                remote::explain);
        assertTrue(p.decide(ALICE_LOCAL, Operation.LAUNCH, Distance.LOCAL, null).allowed());
        assertTrue(p.decide(ANONYMOUS, Operation.CALL, Distance.REMOTE, null).allowed());
        assertFalse(p.decide(ANONYMOUS, Operation.ACTIVATE, Distance.LOCAL, null).allowed());
    }

    @Test
    void legacyAceAllowsLocalAndRemoteAlike() {
        ComApplication legacy = app("O:BAG:BAD:(A;;CC;;;WD)", "O:BAG:BAD:(A;;CC;;;WD)");
        DcomAccessPolicy p = policy(DcomSettings.of(DcomProfile.LEGACY));
        for (Operation op : Operation.values()) {
            assertTrue(p.decide(ALICE_REMOTE, op, Distance.REMOTE, legacy).allowed());
            assertTrue(p.decide(ALICE_LOCAL, op, Distance.LOCAL, legacy).allowed());
        }
        assertTrue(p.decide(ALICE_REMOTE, Operation.CALL, Distance.REMOTE, legacy).explain().contains("legacy ACL"));
    }

    @Test
    void legacyDenyAceDeniesLocalAndRemoteAlike() {
        ComApplication legacy = app("O:BAG:BAD:(D;;CC;;;S-1-5-21-100-200-300-3000)(A;;CC;;;WD)", null);
        DcomAccessPolicy p = policy(DcomSettings.of(DcomProfile.LEGACY));
        assertFalse(p.decide(ALICE_LOCAL, Operation.ACTIVATE, Distance.LOCAL, legacy).allowed());
        assertFalse(p.decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, legacy).allowed());
    }

    @Test
    void newFormatDenyOfLocalLaunchLeavesRemoteLaunchAlone() {
        ComApplication a = app("O:BAG:BAD:(D;;CCDC;;;WD)(A;;CCDCLCSWRP;;;WD)", null);
        DcomAccessPolicy p = policy(DcomSettings.of(DcomProfile.LEGACY));
        Decision local = p.decide(ALICE_LOCAL, Operation.LAUNCH, Distance.LOCAL, a);
        assertFalse(local.allowed());
        assertTrue(local.explain().contains("denied by ACE #1 (D;;CCDC;;;WD) for Everyone"), local::explain);
        assertTrue(p.decide(ALICE_REMOTE, Operation.LAUNCH, Distance.REMOTE, a).allowed());
    }

    @Test
    void callsUseProgrammaticSecurityThenAccessPermissionThenDefault() {
        DcomAccessPolicy p = policy(ws2003());
        ComApplication withAccess = app(null, "O:BAG:BAD:(A;;CCDCLC;;;WD)");
        assertTrue(p.decide(ALICE_REMOTE, Operation.CALL, Distance.REMOTE, withAccess).allowed());
        ComApplication locked = withAccess.withProgrammaticAccess(DescriptorValue.ofSddl("CoInitializeSecurity", "O:BAG:BAD:(A;;CCDCLC;;;BA)"));
        Decision d = p.decide(ALICE_REMOTE, Operation.CALL, Distance.REMOTE, locked);
        assertFalse(d.allowed());
        assertTrue(d.explain().contains("programmatic security"), d::explain);
        // No AccessPermission: DefaultAccessPermission grants SELF (the server identity), SYSTEM and Administrators.
        ComApplication plain = app(null, null);
        assertFalse(p.decide(ALICE_REMOTE, Operation.CALL, Distance.REMOTE, plain).allowed());
        Token server = Token.of("svc", SERVER, List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS, WellKnownSids.NETWORK));
        Decision self = p.decide(server, Operation.CALL, Distance.REMOTE, plain);
        assertTrue(self.allowed(), self::explain);
        assertTrue(self.explain().contains("SELF = the server's identity"), self::explain);
    }

    @Test
    void invalidDescriptorFailsClosedAndRaisesAnEvent() {
        ComApplication broken = app("O:BAG:BAD:(A;;DCLC;;;WD)", null);
        Decision d = policy(ws2003()).decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, broken);
        assertFalse(d.allowed());
        assertTrue(d.explain().contains("lacks COM_RIGHTS_EXECUTE"), d::explain);
        assertTrue(d.explain().contains("failing closed"), d::explain);
        assertEquals(1, events.size());
        assertEquals(SecurityEvent.INVALID_DESCRIPTOR, events.get(0).eventId());
        assertEquals(SecurityEvent.Level.ERROR, events.get(0).level());
    }

    @Test
    void malformedBinaryDescriptorFailsClosed() {
        ComApplication broken = new ComApplication(APPID, "Sample",
                DescriptorValue.ofBinary("HKLM\\SOFTWARE\\Classes\\AppID\\{…}\\LaunchPermission", new byte[] {1, 0, 4, (byte) 0x80, 99}),
                null, null, null);
        Decision d = policy(ws2003()).decide(ADMIN_REMOTE, Operation.LAUNCH, Distance.LOCAL, broken);
        assertFalse(d.allowed());
        assertTrue(d.explain().contains("malformed"), d::explain);
    }

    @Test
    void invalidDescriptorLoggingLevelTwoRaisesNothing() {
        ComApplication broken = app("O:BAG:BAD:(A;;DCLC;;;WD)", null);
        policy(with(ws2003(), true, 2, 2)).decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, broken);
        assertTrue(events.isEmpty());
    }

    @Test
    void denialsAreLoggedOnlyWhenCallFailureLoggingLevelIsOne() {
        policy(ws2003()).decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        assertTrue(events.isEmpty(), "default level 2 never logs");
        DcomAccessPolicy logging = policy(with(ws2003(), true, 1, 1));
        logging.decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        logging.decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, null);
        assertEquals(2, events.size(), "every denial is logged, cached or not");
        SecurityEvent e = events.get(0);
        assertEquals(SecurityEvent.LAUNCH_DENIED, e.eventId());
        assertEquals("alice", e.fields().get("user"));
        assertEquals("ACTIVATE", e.fields().get("operation"));
        // Same SIDs, another name: the cached decision is shared, the event names this caller.
        Token renamed = Token.of("alice2", ALICE_REMOTE.user(), ALICE_REMOTE.groups());
        logging.decide(renamed, Operation.ACTIVATE, Distance.REMOTE, null);
        assertEquals("alice2", events.get(2).fields().get("user"));
        events.remove(2);
        logging.decide(ANONYMOUS, Operation.CALL, Distance.REMOTE, app(null, "O:BAG:BAD:(A;;CCDCLC;;;BA)"));
        assertEquals(SecurityEvent.CALL_DENIED, events.get(2).eventId());
    }

    @Test
    void anonymousIsNotEveryone() {
        ComApplication everyone = app("O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)", "O:BAG:BAD:(A;;CCDCLC;;;WD)");
        DcomAccessPolicy p = policy(DcomSettings.of(DcomProfile.LEGACY));
        assertFalse(p.decide(ANONYMOUS, Operation.CALL, Distance.REMOTE, everyone).allowed());
        assertTrue(p.decide(ALICE_REMOTE, Operation.CALL, Distance.REMOTE, everyone).allowed());
    }

    @Test
    void repeatedDecisionsComeFromTheCache() {
        DcomAccessPolicy p = policy(ws2003());
        ComApplication a = app("O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)", null);
        Decision first = p.decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, a);
        assertSame(first, p.decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, a));
        // A changed configuration of the same AppID is not answered from the old entry.
        ComApplication changed = app("O:BAG:BAD:(A;;CCDCLCSW;;;WD)", null);
        assertFalse(p.decide(ALICE_REMOTE, Operation.ACTIVATE, Distance.REMOTE, changed).allowed());
        assertFalse(p.decide(ADMIN_REMOTE, Operation.ACTIVATE, Distance.REMOTE, changed).allowed());
    }
}
