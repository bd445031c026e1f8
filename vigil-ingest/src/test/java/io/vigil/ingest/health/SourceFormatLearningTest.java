package io.vigil.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceState;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.AutoDecoder;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Format detection learned per source in the source registry, its fallback, and the per-source pinned codec. */
class SourceFormatLearningTest {

    private static final String CEF = "CEF:0|Acme|Firewall|1.0|100|Blocked|5|src=10.0.0.9 dst=10.0.0.1";
    private static final String SYSLOG = "<13>Nov 22 10:00:00 fw-hq kernel: link up";

    private final FakeClock clock = FakeClock.at("2026-11-02T00:00:00Z");
    private final SourceHealthConfig config = new SourceHealthConfig(null, null, Duration.ofSeconds(60), 0.5, 3, 10.0, 0.1, 3);
    private final SourceHealthRegistry registry = new SourceHealthRegistry(config, clock, new SimpleMeterRegistry());
    private final Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS).withSourceFormats(registry);
    private final TenantId tenant = TenantId.random();
    private final SourceRef firewall = new SourceRef("syslog-udp", "10.0.0.1", AutoDecoder.CODEC);

    private RawEvent raw(TenantId owner, SourceRef source, String text) {
        return new RawEvent(owner, source, clock.instant(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the pipeline does: the codec for the event's source, then that codec's decoder. */
    private DecodeResult decode(RawEvent raw) {
        Decoder decoder = decoders.forCodec(decoders.codecFor(raw)).orElseThrow();
        return decoder.decode(raw);
    }

    private static Map<String, Object> only(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        List<Map<String, Object>> events = ((DecodeResult.Decoded) result).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    @Test
    void remembersTheDetectedFormatPerTenantAndSource() {
        decode(raw(tenant, firewall, "{\"action\":\"block\"}"));

        assertThat(registry.detected(tenant, firewall)).isEqualTo("json");
        assertThat(registry.find(SourceKey.of(tenant, firewall)).orElseThrow().detectedFormat()).isEqualTo("json");
        assertThat(registry.detected(TenantId.random(), firewall)).as("another tenant's source of the same name").isNull();
        assertThat(registry.detected(tenant, new SourceRef("syslog-udp", "10.0.0.2", AutoDecoder.CODEC))).isNull();
    }

    @Test
    void triesTheLearnedDecoderFirstAndKeepsItWhileItDecodes() {
        SourceRef fresh = new SourceRef("syslog-udp", "10.0.0.7", AutoDecoder.CODEC);
        decode(raw(tenant, fresh, CEF));
        assertThat(registry.detected(tenant, fresh)).as("a new source: detected from scratch").isEqualTo("cef");

        decode(raw(tenant, firewall, SYSLOG));
        assertThat(registry.detected(tenant, firewall)).isEqualTo("syslog");
        // The learned syslog decoder also reads a header-less CEF line: it is tried first, so the format stays.
        only(decode(raw(tenant, firewall, CEF)));
        assertThat(registry.detected(tenant, firewall)).isEqualTo("syslog");
    }

    @Test
    void fallsBackToFullDetectionWhenTheLearnedDecoderFailsAndLearnsTheNewFormat() {
        decode(raw(tenant, firewall, "{\"action\":\"block\"}"));
        assertThat(registry.detected(tenant, firewall)).isEqualTo("json");

        Map<String, Object> fields = only(decode(raw(tenant, firewall, CEF)));

        assertThat(fields).containsEntry("_vigil", Map.of("format", "cef")).containsEntry("src", "10.0.0.9");
        assertThat(registry.detected(tenant, firewall)).isEqualTo("cef");
    }

    @Test
    void aPinnedCodecWinsOverTheDeclaredOneAndOverDetectionUntilUnpinned() {
        SourceKey key = SourceKey.of(tenant, firewall);
        registry.pinCodec(key, "kv");
        RawEvent event = raw(tenant, firewall, "{\"action\":\"block\"}");

        assertThat(decoders.codecFor(event)).isEqualTo("kv");
        decode(event);
        assertThat(registry.detected(tenant, firewall)).as("nothing detected while pinned").isNull();
        assertThat(registry.find(key).orElseThrow().pinnedCodec()).isEqualTo("kv");
        assertThat(decoders.codecFor(raw(TenantId.random(), firewall, "x"))).as("pinned for one tenant only")
                .isEqualTo(AutoDecoder.CODEC);

        registry.pinCodec(key, "no-such-codec");
        assertThat(decoders.codecFor(event)).as("an unknown pinned codec is ignored").isEqualTo(AutoDecoder.CODEC);
        registry.pinCodec(key, null);
        assertThat(decoders.codecFor(event)).isEqualTo(AutoDecoder.CODEC);
        decode(event);
        assertThat(registry.detected(tenant, firewall)).isEqualTo("json");
    }

    @Test
    void restoresTheDetectedFormatAndThePinnedCodecAfterARestart() {
        SourceKey key = SourceKey.of(tenant, firewall);
        registry.restore(List.of(new SourceHealth(key, AutoDecoder.CODEC, clock.instant(), clock.instant(), 5, 500, 0, 0, 0,
                0, null, SourceState.OK, "cef", "leef")));

        assertThat(registry.detected(tenant, firewall)).isEqualTo("cef");
        assertThat(decoders.codecFor(raw(tenant, firewall, CEF))).isEqualTo("leef");
    }
}
