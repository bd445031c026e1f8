package io.vigil.bench;

import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.soc.incident.EscalationPolicy;
import io.vigil.soc.incident.IncidentListener;
import io.vigil.soc.triage.Asset;
import io.vigil.soc.triage.Confidence;
import io.vigil.soc.triage.Criticality;
import io.vigil.soc.triage.Signal;
import io.vigil.soc.triage.Suppression;
import io.vigil.soc.triage.Triage;
import io.vigil.soc.triage.TriageResult;
import io.vigil.soc.triage.TriageSettings;
import io.vigil.store.Database;
import io.vigil.store.DatabaseConfig;
import io.vigil.store.soc.SocRecords;
import io.vigil.store.soc.incident.JdbcIncidents;
import io.vigil.store.soc.triage.JdbcAssets;
import io.vigil.store.soc.triage.JdbcChangeWindows;
import io.vigil.store.soc.triage.JdbcSuppressions;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Triage#process} over the real JDBC store on embedded H2 (in memory, so the figure is triage and SQL, not the
 * disk): one tenant with 500 assets and 20 suppressions that do not match. {@code repeat}: a detection of one of 200
 * open incidents (rule and host seen before) raises a count, the common case under a noisy rule; {@code open}: a
 * detection on a host never seen opens a new incident. One operation is one detection, so the score is detections/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class TriageBenchmark {

    static final int GROUPS = 200;

    private Database database;
    private Triage triage;
    private TenantId tenant;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        database = Database.open(new DatabaseConfig("jdbc:h2:mem:triage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", 4));
        Clock clock = Clock.systemUTC();
        tenant = new TenantDirectory(database.dataSource(), clock).create(new TenantSlug("bench"), "Bench", ZoneOffset.UTC).id();
        SocRecords records = new SocRecords(database.dataSource(), clock);
        JdbcAssets assets = new JdbcAssets(records);
        for (int i = 0; i < 500; i++) {
            assets.save(tenant, new Asset(UUID.randomUUID(), tenant, "srv-" + i, List.of("srv-" + i + ".corp", "10.0." + (i / 250) + "." + (i % 250)),
                    "IT", Criticality.values()[i % 4], i % 50 == 0, false, "HQ"));
        }
        JdbcSuppressions suppressions = new JdbcSuppressions(records);
        for (int i = 0; i < 20; i++) {
            suppressions.save(tenant, new Suppression(UUID.randomUUID(), tenant, "other-rule-" + i, Map.of(), "bench",
                    "benchmark", clock.instant(), clock.instant().plus(Duration.ofDays(30))));
        }
        triage = new Triage(new JdbcIncidents(database.dataSource()), assets, suppressions, new JdbcChangeWindows(records),
                EscalationPolicy.DEFAULTS, IncidentListener.NONE, clock,
                new TriageSettings(Duration.ofDays(1), 1_000_000, 1_000_000, Duration.ofMinutes(1)));
        for (int g = 0; g < GROUPS; g++) {
            triage.process(signal("srv-" + g + ".corp", "rule-" + (g % 10)));
        }
    }

    private Signal signal(String host, String rule) {
        return new Signal(tenant, UUID.randomUUID().toString(), rule, "Benchmark rule " + rule, "high",
                List.of("attack.t1059.001"), Map.of("host", host, "user", "alice"), java.time.Instant.now(), Confidence.MEDIUM);
    }

    @Benchmark
    public TriageResult repeat() {
        int g = (int) (n++ % GROUPS);
        return triage.process(signal("srv-" + g + ".corp", "rule-" + (g % 10)));
    }

    @Benchmark
    public TriageResult open() {
        return triage.process(signal("host-" + (n++) + ".unknown", "rule-open"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }
}
