package org.dcom4j.bench;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dcom4j.security.AccessCheck;
import org.dcom4j.security.AccessMask;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.ComRights;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.DcomSettings;
import org.dcom4j.security.DescriptorValue;
import org.dcom4j.security.Distance;
import org.dcom4j.security.Operation;
import org.dcom4j.security.SecurityDescriptor;
import org.dcom4j.security.SecurityEventSink;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the DCOM access decision on the call path.
 *
 * <ul>
 * <li>{@code baselineMapLookup}: one ConcurrentHashMap get keyed by a token — the floor any cached
 *     per-token decision can reach; the run script prints the others as ratios to it.</li>
 * <li>{@code decideCached}: {@link DcomAccessPolicy#decide} for a Remote call by an authenticated
 *     user, on an application with its own AccessPermission, under the Server 2003 SP1 machine
 *     limits — the steady state of a server taking calls (the decision is cached per token).</li>
 * <li>{@code decideUncached}: the same decision computed from scratch (new policy snapshot each
 *     time is too costly to measure meaningfully, so this runs the two AccessChecks the decision
 *     consists of, on parsed descriptors).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DecideBenchmark {
    private DcomAccessPolicy policy;
    private ComApplication app;
    private Token token;
    private SecurityDescriptor machineAccess;
    private SecurityDescriptor appAccess;
    private ConcurrentHashMap<Token, Object> map;

    @Setup
    public void setUp() {
        Sid machine = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");
        token = Token.of("alice", machine.child(3000), List.of(WellKnownSids.EVERYONE, WellKnownSids.AUTHENTICATED_USERS,
                WellKnownSids.NETWORK, WellKnownSids.BUILTIN_USERS, machine.child(3001), machine.child(2513)));
        String access = "O:BAG:BAD:(A;;CCDCLC;;;PS)(A;;CCDC;;;SY)(A;;CCDCLC;;;BA)(A;;CCDCLC;;;S-1-5-21-1004336348-1177238915-682003330-2513)";
        app = new ComApplication(UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), "Sample",
                DescriptorValue.ofSddl("AppID LaunchPermission", "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCLCSWRP;;;IU)"),
                DescriptorValue.ofSddl("AppID AccessPermission", access), null, machine.child(1500));
        policy = new DcomAccessPolicy(DcomSettings.of(DcomProfile.WS2003SP1), SecurityEventSink.NONE);
        if (!policy.decide(token, Operation.CALL, Distance.REMOTE, app).allowed()) {
            throw new IllegalStateException("benchmark decision should allow");
        }
        machineAccess = SecurityDescriptor.fromSddl(DcomProfile.WS2003SP1.machineAccessRestriction());
        appAccess = SecurityDescriptor.fromSddl(access);
        map = new ConcurrentHashMap<>();
        map.put(token, Boolean.TRUE);
    }

    @Benchmark
    public Object baselineMapLookup() {
        return map.get(token);
    }

    @Benchmark
    public boolean decideCached() {
        return policy.decide(token, Operation.CALL, Distance.REMOTE, app).allowed();
    }

    @Benchmark
    public boolean decideUncached() {
        return AccessCheck.check(machineAccess, token, ComRights.EXECUTE_REMOTE, AccessMask.COM_MAPPING).allowed()
                && AccessCheck.check(appAccess, token, ComRights.EXECUTE_REMOTE, AccessMask.COM_MAPPING, app.serverIdentity()).allowed();
    }
}
