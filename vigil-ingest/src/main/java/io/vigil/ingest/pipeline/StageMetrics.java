package io.vigil.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Counters and latency per phase, stage and tenant:
 * {@code vigil_pipeline_events_in_total}, {@code …_out_total}, {@code …_failed_total},
 * {@code …_dropped_total} and {@code vigil_pipeline_stage_seconds}, each tagged
 * {@code phase}, {@code stage}, {@code tenant}. Meters are cached so the hot path does one map lookup.
 */
public final class StageMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Meters> meters = new ConcurrentHashMap<>();

    public StageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Meters of(Phase phase, String stage, TenantId tenant) {
        return meters.computeIfAbsent(new Key(phase, stage, tenant), this::register);
    }

    /** Failures the failure store refused for good: each is logged with its identity. */
    public Counter unstorableFailures() {
        return Counter.builder("vigil.pipeline.failures.unstorable")
                .description("Failures the failure store refused permanently (logged with their identity)").register(registry);
    }

    private Meters register(Key key) {
        String[] tags = {"phase", key.phase().label(), "stage", key.stage(), "tenant", key.tenant().toString()};
        return new Meters(
                Counter.builder("vigil.pipeline.events.in").description("Events that entered a stage").tags(tags).register(registry),
                Counter.builder("vigil.pipeline.events.out").description("Events a stage passed on").tags(tags).register(registry),
                Counter.builder("vigil.pipeline.events.failed").description("Events a stage failed (kept in the failure store)").tags(tags).register(registry),
                Counter.builder("vigil.pipeline.events.dropped").description("Events a stage dropped on purpose").tags(tags).register(registry),
                Timer.builder("vigil.pipeline.stage").description("Time spent in a stage per event or batch").tags(tags).register(registry));
    }

    private record Key(Phase phase, String stage, TenantId tenant) {
    }

    /** The meters of one stage for one tenant. */
    public record Meters(Counter in, Counter out, Counter failed, Counter dropped, Timer latency) {

        public void recordNanos(long nanos) {
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
