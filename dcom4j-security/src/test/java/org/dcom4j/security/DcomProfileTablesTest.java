package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the seed's machine-restriction tables, under each profile. A cell is one principal
 * and one right (LL LA RL RA for MachineLaunchRestriction, LC RC for MachineAccessRestriction),
 * judged with a token that holds only that principal, on an application whose own descriptors grant
 * everything, so only the machine limit decides. Blank and "N/A" cells of the seed mean no right.
 */
class DcomProfileTablesTest {
    private static final ComApplication OPEN_APP = new ComApplication(UUID.fromString("6b1e0a52-5d2c-4d3e-9a3f-0d1e2f3a4b5c"),
            "open", DescriptorValue.ofSddl("test", "O:BAG:BAD:NO_ACCESS_CONTROL"),
            DescriptorValue.ofSddl("test", "O:BAG:BAD:NO_ACCESS_CONTROL"), null, null);

    private static final String ALL_LAUNCH = "LL LA RL RA";
    private static final String NONE = "";

    /** profile, principal, launch rights, access rights: transcribed from the seed's tables. */
    static Stream<Arguments> cells() {
        List<Arguments> rows = new ArrayList<>();
        // "Previous default value" columns: the effective pre-SP2 behaviour.
        row(rows, DcomProfile.LEGACY, "Everyone", ALL_LAUNCH, "LC RC");
        row(rows, DcomProfile.LEGACY, "ANONYMOUS LOGON", ALL_LAUNCH, "LC RC");
        row(rows, DcomProfile.LEGACY, "Administrators", NONE, NONE);
        row(rows, DcomProfile.LEGACY, "Distributed COM Users", NONE, NONE);
        // Windows XP SP2.
        row(rows, DcomProfile.XPSP2, "Administrators", ALL_LAUNCH, NONE);
        row(rows, DcomProfile.XPSP2, "Everyone", "LL LA", "LC RC");
        row(rows, DcomProfile.XPSP2, "ANONYMOUS LOGON", NONE, "LC");
        row(rows, DcomProfile.XPSP2, "Distributed COM Users", NONE, NONE);
        // Windows Server 2003 SP1.
        row(rows, DcomProfile.WS2003SP1, "Administrators", ALL_LAUNCH, NONE);
        row(rows, DcomProfile.WS2003SP1, "Distributed COM Users", ALL_LAUNCH, "LC RC");
        row(rows, DcomProfile.WS2003SP1, "Everyone", "LL LA", "LC RC");
        row(rows, DcomProfile.WS2003SP1, "ANONYMOUS LOGON", NONE, "LC RC");
        return rows.stream();
    }

    private static void row(List<Arguments> rows, DcomProfile p, String principal, String launch, String access) {
        for (Exposure.Right r : Exposure.Right.values()) {
            boolean launchRight = r.operation() != Operation.CALL;
            String granted = launchRight ? launch : access;
            boolean expected = List.of(granted.split(" ")).contains(r.name());
            rows.add(Arguments.of(p, principal, r, expected));
        }
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @MethodSource("cells")
    void machineLimitGrantsExactlyTheSeedsCell(DcomProfile profile, String principal, Exposure.Right right, boolean expected) {
        DcomAccessPolicy policy = new DcomAccessPolicy(DcomSettings.of(profile), SecurityEventSink.NONE);
        Exposure.Principal p = Exposure.PRINCIPALS.stream().filter(x -> x.name().equals(principal)).findFirst().orElseThrow();
        // Only the principal's own SID: a cell of the seed's table is what ACEs naming it grant.
        Token token = p.sid().equals(WellKnownSids.ANONYMOUS) ? Token.anonymous(List.of())
                : Token.of(principal, Exposure.NULL_SID, List.of(p.sid()));
        Decision d = policy.decide(token, right.operation(), right.distance(), OPEN_APP);
        assertEquals(expected, d.allowed(), d::explain);
    }

    /**
     * The exposure report judges typical members (Administrators and Distributed COM Users are also
     * in Everyone and Authenticated Users), so its rows are the seed's cells combined: written out
     * here by hand from the tables above.
     */
    static Stream<Arguments> memberExposure() {
        String all = "LL LA RL RA LC RC";
        return Stream.of(
                Arguments.of(DcomProfile.LEGACY, "Everyone", all, true),
                Arguments.of(DcomProfile.LEGACY, "ANONYMOUS LOGON", all, true),
                Arguments.of(DcomProfile.LEGACY, "Authenticated Users", all, false),
                Arguments.of(DcomProfile.LEGACY, "Distributed COM Users", all, false),
                Arguments.of(DcomProfile.LEGACY, "Administrators", all, false),
                Arguments.of(DcomProfile.XPSP2, "Everyone", "LL LA LC RC", true),
                Arguments.of(DcomProfile.XPSP2, "ANONYMOUS LOGON", "LC", false),
                Arguments.of(DcomProfile.XPSP2, "Authenticated Users", "LL LA LC RC", false),
                Arguments.of(DcomProfile.XPSP2, "Distributed COM Users", "LL LA LC RC", false),
                Arguments.of(DcomProfile.XPSP2, "Administrators", all, false),
                Arguments.of(DcomProfile.WS2003SP1, "Everyone", "LL LA LC RC", true),
                Arguments.of(DcomProfile.WS2003SP1, "ANONYMOUS LOGON", "LC RC", true),
                Arguments.of(DcomProfile.WS2003SP1, "Authenticated Users", "LL LA LC RC", false),
                Arguments.of(DcomProfile.WS2003SP1, "Distributed COM Users", all, false),
                Arguments.of(DcomProfile.WS2003SP1, "Administrators", all, false));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("memberExposure")
    void exposureReportShowsWhatATypicalMemberGets(DcomProfile profile, String principal, String rights, boolean flagged) {
        Exposure.Report report = Exposure.compute(DcomSettings.of(profile), List.of(OPEN_APP));
        Exposure.Row row = report.rows().stream()
                .filter(r -> OPEN_APP.appId().equals(r.appId()) && r.principal().name().equals(principal))
                .findFirst().orElseThrow();
        for (Exposure.Right r : Exposure.Right.values()) {
            assertEquals(List.of(rights.split(" ")).contains(r.name()), row.has(r), profile + " " + principal + " " + r);
        }
        assertEquals(flagged, row.flagged(), profile + " " + principal);
    }

    @org.junit.jupiter.api.Test
    void exposureWarnsWhenRemoteDcomIsOffOrValuesAreAbsent() {
        DcomSettings s = DcomSettings.of(DcomProfile.WS2003SP1);
        DcomSettings off = new DcomSettings(false, null, s.machineAccessRestriction(), s.defaultLaunchPermission(),
                s.defaultAccessPermission(), 2, 1);
        List<String> w = Exposure.compute(off, List.of()).warnings();
        assertEquals(2, w.size(), w::toString);
        assertEquals(true, w.get(0).startsWith("EnableDCOM is not Y"), w::toString);
        assertEquals(true, w.get(1).contains("MachineLaunchRestriction is absent"), w::toString);
        assertEquals(List.of(), Exposure.compute(s, List.of()).warnings());
    }

    @org.junit.jupiter.api.Test
    void machineDefaultsUnderServer2003ExposeNothingRemoteToEveryoneOrAnonymous() {
        Exposure.Report report = Exposure.compute(DcomSettings.of(DcomProfile.WS2003SP1), List.of());
        assertEquals(5, report.rows().size());
        assertEquals(false, report.anyFlagged(), report.rows()::toString);
        Exposure.Row everyone = report.rows().get(0);
        // DefaultLaunchPermission grants INTERACTIVE, so a local member of Everyone launches and activates.
        assertEquals(java.util.Set.of(Exposure.Right.LL, Exposure.Right.LA), everyone.granted());
    }
}
