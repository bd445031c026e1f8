package io.vigil.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.SourceRef;
import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceSilenceListener;
import io.vigil.core.source.SourceState;
import io.vigil.core.tenant.TenantId;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceHealthRegistryTest {

    private final FakeClock clock = FakeClock.at("2026-11-02T00:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceHealthConfig config = new SourceHealthConfig(null, null, Duration.ofSeconds(60), 0.5, 3, 10.0, 0.1, 3);
    private final SourceHealthRegistry registry = new SourceHealthRegistry(config, clock, meters);
    private final TenantId tenant = TenantId.random();
    private final SourceRef firewall = new SourceRef("http", "fw-hq", "json");
    private final SourceKey key = SourceKey.of(tenant, firewall);
    private final List<SourceSilence> raised = new ArrayList<>();
    private final List<SourceSilence> cleared = new ArrayList<>();

    SourceHealthRegistryTest() {
        registry.addListener(new SourceSilenceListener() {
            @Override
            public void silenceRaised(SourceSilence signal) {
                raised.add(signal);
            }

            @Override
            public void silenceCleared(SourceSilence signal, Instant clearedAt) {
                cleared.add(signal);
            }
        });
    }

    private void send(int events) {
        registry.observe(tenant, firewall, events, events * 100L, clock.instant());
    }

    private SourceHealth health() {
        return registry.find(key).orElseThrow();
    }

    @Test
    void countsEventsBytesFailuresCodecAndRate() {
        Instant start = clock.instant();
        registry.evaluate(); // opens the rate window
        send(30);
        clock.advance(Duration.ofSeconds(30));
        registry.observeFailure(tenant, new SourceRef("http", "fw-hq", "cef"), 50, clock.instant());
        send(29);
        clock.advance(Duration.ofSeconds(30));
        registry.evaluate();
        SourceHealth health = health();
        assertThat(health.firstSeen()).isEqualTo(start);
        assertThat(health.lastSeen()).isEqualTo(start.plusSeconds(30));
        assertThat(health.events()).isEqualTo(59);
        assertThat(health.decodeFailures()).isEqualTo(1);
        assertThat(health.bytes()).isEqualTo(5950);
        assertThat(health.codec()).isEqualTo("json");
        assertThat(health.eventsPerSecond()).isEqualTo(1.0);
        assertThat(health.decodeFailureRate()).isEqualTo(1.0 / 60);
        assertThat(health.state()).isEqualTo(SourceState.OK);
    }

    @Test
    void aMissedHeartbeatRaisesOneSignalUntilTheSourceSendsAgain() {
        send(1);
        registry.expectHeartbeat(key, Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(4));
        registry.evaluate();
        assertThat(raised).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        registry.evaluate();
        registry.evaluate();
        assertThat(raised).singleElement().satisfies(signal -> {
            assertThat(signal.state()).isEqualTo(SourceState.SILENT);
            assertThat(signal.key()).isEqualTo(key);
            assertThat(signal.detail()).contains("expected heartbeat 300 s");
        });
        assertThat(health().state()).isEqualTo(SourceState.SILENT);
        assertThat(meters.get("vigil.sources.silent").tag("tenant", tenant.toString()).gauge().value()).isEqualTo(1.0);
        clock.advance(Duration.ofSeconds(1));
        send(1);
        registry.evaluate();
        assertThat(cleared).singleElement().isEqualTo(raised.getFirst());
        assertThat(health().state()).isEqualTo(SourceState.OK);
        assertThat(meters.get("vigil.sources.silent").tag("tenant", tenant.toString()).gauge().value()).isZero();
    }

    @Test
    void aHeartbeatSetBeforeTheFirstEventCountsFromWhenItWasSet() {
        SourceKey expected = new SourceKey(tenant, "mqtt", "site/hq/door");
        registry.expectHeartbeat(expected, Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(11));
        registry.evaluate();
        assertThat(raised).singleElement().satisfies(signal -> {
            assertThat(signal.key()).isEqualTo(expected);
            assertThat(signal.lastSeen()).isNull();
        });
    }

    /** Four hours of 100 events an hour teach the baseline (three hours needed). */
    private void learnBaseline() {
        for (int hour = 0; hour < 4; hour++) {
            for (int i = 0; i < 10; i++) {
                send(10);
                clock.advance(Duration.ofMinutes(6));
            }
            registry.evaluate();
        }
        assertThat(health().baselineHours()).isGreaterThanOrEqualTo(3);
        assertThat(health().baselinePerHour()).isEqualTo(100.0);
        assertThat(raised).isEmpty();
    }

    @Test
    void anHourFarBelowTheLearnedBaselineRaisesBelowBaseline() {
        learnBaseline();
        send(5);
        clock.advance(Duration.ofMinutes(59));
        send(3);
        clock.advance(Duration.ofMinutes(1));
        registry.evaluate();
        assertThat(raised).singleElement().satisfies(signal -> {
            assertThat(signal.state()).isEqualTo(SourceState.BELOW_BASELINE);
            assertThat(signal.detail()).contains("last hour 8 events; baseline 100 events/hour");
        });
        for (int i = 0; i < 10; i++) {
            send(10);
            clock.advance(Duration.ofMinutes(6));
        }
        registry.evaluate();
        assertThat(cleared).hasSize(1);
    }

    @Test
    void anHourWithoutEventsAgainstALearnedBaselineRaisesSilent() {
        learnBaseline();
        clock.advance(Duration.ofMinutes(30));
        registry.evaluate();
        assertThat(raised).isEmpty();
        clock.advance(Duration.ofMinutes(31));
        registry.evaluate();
        clock.advance(Duration.ofHours(5));
        registry.evaluate();
        assertThat(raised).singleElement().extracting(SourceSilence::state).isEqualTo(SourceState.SILENT);
        assertThat(cleared).isEmpty();
    }

    @Test
    void aSourceWithoutHeartbeatOrBaselineIsNeverSilent() {
        send(1);
        clock.advance(Duration.ofDays(3));
        registry.evaluate();
        assertThat(raised).isEmpty();
        assertThat(health().state()).isEqualTo(SourceState.OK);
    }

    @Test
    void tracksAtMostMaxSourcesAndCountsTheRest() {
        for (int i = 0; i < 5; i++) {
            registry.observe(tenant, new SourceRef("http", "s" + i, "json"), 1, 1, clock.instant());
        }
        assertThat(registry.snapshot(tenant)).hasSize(3);
        assertThat(meters.get("vigil.sources.untracked").counter().count()).isEqualTo(2.0);
        assertThat(registry.snapshot(TenantId.random())).isEmpty();
    }

    @Test
    void aRestoredOpenSignalIsNotRaisedAgain() {
        SourceHealth saved = new SourceHealth(key, "json", clock.instant().minusSeconds(3600), clock.instant().minusSeconds(600),
                10, 1000, 0, 0, 0, 0, Duration.ofMinutes(5), SourceState.SILENT);
        registry.restore(List.of(saved));
        registry.evaluate();
        assertThat(raised).isEmpty();
        assertThat(health().state()).isEqualTo(SourceState.SILENT);
        assertThat(health().events()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        send(1);
        registry.evaluate();
        assertThat(cleared).hasSize(1);
    }
}
