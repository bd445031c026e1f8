package io.vigil.bench;

import io.vigil.sigma.Detection;
import io.vigil.sigma.correlation.CorrelationEngine;
import io.vigil.sigma.correlation.CorrelationLimits;
import io.vigil.sigma.correlation.CorrelationLoad;
import io.vigil.sigma.correlation.CorrelationMatch;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.CorrelationRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation cost on one thread: base-rule detections of one tenant fed through {@link CorrelationEngine#accept},
 * one detection per operation (so the score is detections/s). Four correlations a SOC runs on Windows logons, all
 * fed by the same detections:
 * <ul>
 *   <li>brute force: {@code event_count} of failed logons &ge; 10 per (user, source address) in 5 minutes;</li>
 *   <li>password spraying: {@code value_count} of distinct users &ge; 20 per source address in 10 minutes;</li>
 *   <li>success after failures: {@code temporal_ordered} failed, then successful logon per user in 10 minutes;</li>
 *   <li>noisy host: {@code event_count} &ge; 500 per host in 1 hour.</li>
 * </ul>
 * Detections alternate 9 failed to 1 successful logon; users, source addresses and hosts are drawn uniformly from
 * {@code users}, {@code users / 4} and {@code users / 20} values; event time advances by {@code stepMillis} per
 * detection, so the windows hold what that rate gives them. The default limits apply ({@link
 * CorrelationLimits#DEFAULTS}): with 100,000 users the brute-force groups exceed {@code maxGroupsPerCorrelation} and
 * evictions are part of what is measured. The engine is fresh for each trial; state builds up during warm-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class CorrelationBenchmark {

    private static final int INPUTS = 1 << 16;

    /** Distinct users (group-by cardinality of the per-user correlations). */
    @Param({"1000", "100000"})
    public int users;

    /** Event time between two detections: 10 ms is 100 detections/s of event time for the tenant. */
    @Param({"10"})
    public int stepMillis;

    private CorrelationEngine engine;
    private Detection[] detections;
    private EventFields[] events;
    private Instant time;
    private int next;
    private long fired;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new CorrelationEngine(correlations(), CorrelationLimits.DEFAULTS);
        Detection failed = detection("failed-logon");
        Detection success = detection("successful-logon");
        SplittableRandom random = new SplittableRandom(42);
        detections = new Detection[INPUTS];
        events = new EventFields[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            detections[i] = i % 10 == 9 ? success : failed;
            int address = random.nextInt(Math.max(1, users / 4));
            events[i] = new MapEventFields(Map.of(
                    "TargetUserName", "user" + random.nextInt(users),
                    "IpAddress", "10." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255),
                    "Computer", "host" + random.nextInt(Math.max(1, users / 20)) + ".corp.example"));
        }
        time = Instant.parse("2026-01-01T00:00:00Z");
    }

    private final ThreadCpu cpu = new ThreadCpu();
    private long opsAtIterationStart;
    private long ops;

    @Setup(Level.Iteration)
    public void startIteration() {
        opsAtIterationStart = ops;
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        cpu.report(ops - opsAtIterationStart, "detections");
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%nfired %,d correlations, %s, %,d events kept%n", fired, engine.stats(),
                engine.eventsKept("tenant"));
    }

    @Benchmark
    public List<CorrelationMatch> accept() {
        ops++;
        int i = next;
        next = i + 1 == INPUTS ? 0 : i + 1;
        time = time.plusMillis(stepMillis);
        List<CorrelationMatch> matches = engine.accept("tenant", detections[i], events[i], time);
        fired += matches.size();
        return matches;
    }

    private static List<CorrelationRule> correlations() {
        List<CorrelationRule> rules = new ArrayList<>();
        rules.add(load("""
                title: Brute force per user and source
                id: 0f6d5c1e-1b3a-4c2d-9e8f-000000000001
                correlation:
                    type: event_count
                    rules: [failed-logon]
                    group-by: [TargetUserName, IpAddress]
                    timespan: 5m
                    condition:
                        gte: 10
                """));
        rules.add(load("""
                title: Password spraying from one source
                id: 0f6d5c1e-1b3a-4c2d-9e8f-000000000002
                correlation:
                    type: value_count
                    rules: [failed-logon]
                    group-by: [IpAddress]
                    timespan: 10m
                    condition:
                        field: TargetUserName
                        gte: 20
                """));
        rules.add(load("""
                title: Successful logon after failures
                id: 0f6d5c1e-1b3a-4c2d-9e8f-000000000003
                correlation:
                    type: temporal_ordered
                    rules: [failed-logon, successful-logon]
                    group-by: [TargetUserName]
                    timespan: 10m
                """));
        rules.add(load("""
                title: Noisy host
                id: 0f6d5c1e-1b3a-4c2d-9e8f-000000000004
                correlation:
                    type: event_count
                    rules: [failed-logon]
                    group-by: [Computer]
                    timespan: 1h
                    condition:
                        gte: 500
                """));
        return rules;
    }

    private static CorrelationRule load(String yaml) {
        return switch (CorrelationRules.parse(yaml, "bench.yml")) {
            case CorrelationLoad.Loaded loaded -> loaded.rule();
            case CorrelationLoad.Rejected rejected -> throw new IllegalStateException(rejected.problems().toString());
        };
    }

    private static Detection detection(String ruleId) {
        return new Detection(ruleId, ruleId, "low", "test", "bench", List.of(), List.of(), List.of());
    }
}
