package io.vigil.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.pipeline.Pipeline;
import io.vigil.ingest.pipeline.PipelineConfig;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.CollectingOutput;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry fed by a real pipeline: decoded events through the output, decode failures through the failure store. */
class SourceHealthPipelineTest {

    @Test
    void countsDecodedEventsAndDecodeFailuresPerSource() throws Exception {
        FakeClock clock = FakeClock.at("2026-11-02T08:00:00Z");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SourceHealthRegistry registry = new SourceHealthRegistry(SourceHealthConfig.DEFAULTS, clock, meters);
        InMemoryJournal journal = new InMemoryJournal();
        InMemoryFailureStore failures = new InMemoryFailureStore();
        CollectingOutput collected = new CollectingOutput();
        TenantId tenant = TenantId.random();
        SourceRef sensors = new SourceRef("mqtt", "site/hq/climate/hall", "json");
        SourceRef other = new SourceRef("http", "okta", "json");
        journal.append(List.of(
                new RawEvent(tenant, sensors, clock.instant(), "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8)),
                new RawEvent(tenant, sensors, clock.instant(), "{not json".getBytes(StandardCharsets.UTF_8)),
                new RawEvent(tenant, sensors, clock.instant(), "{\"t\":21.7}".getBytes(StandardCharsets.UTF_8)),
                new RawEvent(tenant, other, clock.instant(), "{\"u\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
        try (Pipeline pipeline = new Pipeline(new PipelineConfig(100, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO, null),
                journal, Decoders.standard(DecoderLimits.DEFAULTS), List.of(), List.of(collected, new SourceHealthOutput(registry)),
                new SourceHealthFailures(failures, registry), new StageMetrics(meters), clock)) {
            pipeline.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (collected.events().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(failures.failures()).hasSize(1);
        SourceHealth health = registry.find(SourceKey.of(tenant, sensors)).orElseThrow();
        assertThat(health.events()).isEqualTo(2);
        assertThat(health.decodeFailures()).isEqualTo(1);
        assertThat(health.bytes()).isEqualTo(10 + 9 + 10);
        assertThat(health.codec()).isEqualTo("json");
        assertThat(health.firstSeen()).isEqualTo(clock.instant());
        assertThat(registry.snapshot(tenant)).extracting(h -> h.key().name()).containsExactly("okta", "site/hq/climate/hall");
    }
}
