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
        Token token = Exposure.PRINCIPALS.stream().filter(p -> p.name().equals(principal)).findFirst().orElseThrow().token();
        Decision d = policy.decide(token, right.operation(), right.distance(), OPEN_APP);
        assertEquals(expected, d.allowed(), d::explain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void exposureReportAgreesWithTheDecisionForEveryProfile(DcomProfile profile) {
        Exposure.Report report = Exposure.compute(DcomSettings.of(profile), List.of(OPEN_APP));
        List<Arguments> expected = cells().filter(a -> a.get()[0] == profile).toList();
        for (Arguments a : expected) {
            Object[] c = a.get();
            Exposure.Row row = report.rows().stream()
                    .filter(r -> OPEN_APP.appId().equals(r.appId()) && r.principal().name().equals(c[1]))
                    .findFirst().orElseThrow();
            assertEquals(c[3], row.has((Exposure.Right) c[2]), profile + " " + c[1] + " " + c[2]);
        }
    }

    static Stream<DcomProfile> profiles() {
        return Stream.of(DcomProfile.values());
    }
}
