package io.vigil.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.Event;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import io.vigil.testkit.CollectingOutput;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Syslog and auto-detected input through a real pipeline with the shipped decoder content and mapping. */
class SyslogPipelineTest {

    private final TenantId tenant = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final CollectingOutput output = new CollectingOutput();
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final FakeClock clock = FakeClock.at("2026-11-01T12:00:00Z");

    private Pipeline pipeline() {
        ClassLoader loader = getClass().getClassLoader();
        return new Pipeline(new PipelineConfig(100, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO, null), journal,
                Decoders.standard(new DecoderLimits(null, 50, null, 2048), DecoderDefinitions.fromClasspath(loader)),
                List.of(CommonFieldsNormalizer.fromMapping(loader.getResourceAsStream("io/vigil/content/normalize/common-fields.json"))),
                List.of(output), failures, new StageMetrics(new SimpleMeterRegistry()), clock);
    }

    private void append(String codec, String... messages) {
        journal.append(java.util.Arrays.stream(messages).map(m -> new RawEvent(tenant,
                new SourceRef("syslog-tls", "fw-hq", codec), clock.instant(), m.getBytes(StandardCharsets.UTF_8))).toList()).join();
    }

    @Test
    void decodesVendorSyslogIntoNormalisedEventsKeepingTheRawBytes() throws Exception {
        String asa = "<164>Oct 31 2026 10:00:00 asa01 : %ASA-4-106023: Deny tcp src outside:198.51.100.7/4444 dst inside:10.0.0.5/22 by access-group \"outside_in\"";
        append("syslog", asa);
        append("auto", "{\"sensor\":\"ENV-1\",\"kind\":\"temperature\",\"value\":29.5,\"unit\":\"C\",\"site\":\"DC1\"}");
        pipeline().runOnce();
        assertThat(output.events()).hasSize(2);
        Event firewall = output.events().getFirst();
        assertThat(new String(firewall.raw(), StandardCharsets.UTF_8)).isEqualTo(asa);
        assertThat(firewall.fields()).containsEntry("message_id", "106023");
        assertThat(firewall.common())
                .containsEntry("class_uid", 4001L)
                .containsEntry("action", "Denied")
                .containsEntry("src_endpoint.ip", "198.51.100.7")
                .containsEntry("dst_endpoint.port", 22L)
                .containsEntry("metadata.tenant_uid", tenant.toString())
                .containsEntry("metadata.log_provider", "syslog-tls")
                .containsEntry("metadata.log_name", "fw-hq")
                .containsEntry("metadata.log_family", "cisco-asa");
        assertThat(firewall.time()).isEqualTo(java.time.Instant.parse("2026-10-31T10:00:00Z"));
        assertThat(output.events().get(1).common()).containsEntry("class_uid", 99004L).containsEntry("sensor.value", 29.5);
    }

    @Test
    void undecodableAndOversizeInputBecomeFailuresWithTheirBytes() throws Exception {
        String huge = "<13>Oct 31 10:00:00 h app: " + "x".repeat(3000);
        append("cef", "CEF:0|only|three");
        append("syslog", huge);
        pipeline().runOnce();
        assertThat(output.events()).isEmpty();
        assertThat(failures.failures()).extracting(Failure::reason).containsExactly(
                "CEF header has 2 of 7 '|'-separated fields", "event of 3027 bytes is larger than 2048");
        assertThat(failures.failures()).allSatisfy(f -> assertThat(f.phase()).isEqualTo(Phase.DECODE));
        assertThat(new String(failures.failures().get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(huge);
    }
}
