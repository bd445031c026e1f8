package io.vigil.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.admission.AdmissionConfig;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MQTT input against the Mosquitto broker on 127.0.0.1:1883, fed by Mosquitto's own publisher
 * ({@code mosquitto_pub}, QoS 1). Each test uses its own topic prefix and client id.
 */
class MqttInputIT {

    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 1883;

    private final String prefix = "vigil-it/" + UUID.randomUUID();
    private final String clientId = "vigil-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final TenantId acme = TenantId.random();
    private final TenantId globex = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<MqttInput> inputs = new ArrayList<>();

    @AfterEach
    void stop() {
        inputs.forEach(MqttInput::close);
    }

    private MqttInput start(List<TopicMapping> mappings) {
        return start(mappings, null);
    }

    private MqttInput start(List<TopicMapping> mappings, TenantAdmission admission) {
        MqttConfig config = new MqttConfig(true, BROKER_HOST, BROKER_PORT, false, null, null, null, null, clientId,
                Duration.ofMinutes(5), 1024, 100, Duration.ofMillis(200), Duration.ofSeconds(2), null);
        MqttInput input = new MqttInput(config, journal, failures, admission, new StageMetrics(meters), meters,
                FakeClock.at("2026-11-03T10:00:00Z"));
        inputs.add(input);
        input.start(mappings);
        await(() -> input.connected() && input.subscriptions().containsAll(new TopicRouter(mappings).subscriptions()),
                "connected to the broker at " + BROKER_HOST + ":" + BROKER_PORT + " and subscribed");
        return input;
    }

    private TopicMapping mapping(TenantId tenant, String filter, String type) {
        return new TopicMapping(tenant, new TopicFilter(prefix + "/" + filter), type, "json");
    }

    /** Publishes each line as one QoS 1 message with Mosquitto's command-line publisher. */
    private void publish(String topic, String... lines) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mosquitto_pub", "-h", BROKER_HOST, "-p", Integer.toString(BROKER_PORT),
                "-q", "1", "-t", prefix + "/" + topic, "-l").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<RawEvent> of(TenantId tenant) {
        return journal.events().stream().filter(e -> e.tenant().equals(tenant)).toList();
    }

    private double messages(String outcome) {
        var counter = meters.find("vigil.ingest.mqtt.messages").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void sensorReadingsLandUnderTheTenantTheirTopicIsMappedTo() throws Exception {
        start(List.of(mapping(acme, "acme/+/climate/#", "climate"), mapping(globex, "globex/#", "access-control")));
        publish("acme/hq/climate/hall", "{\"temperature\":21.5,\"humidity\":40}", "{\"temperature\":21.7,\"humidity\":41}");
        publish("globex/plant/door/7", "{\"event\":\"granted\",\"badge\":\"4711\"}");
        await(() -> journal.events().size() == 3, "three readings journaled");
        assertThat(of(acme)).hasSize(2).allSatisfy(event -> {
            assertThat(event.source().input()).isEqualTo("mqtt");
            assertThat(event.source().name()).isEqualTo(prefix + "/acme/hq/climate/hall");
            assertThat(event.source().codec()).isEqualTo("json");
        });
        assertThat(of(acme)).extracting(e -> new String(e.bytes(), StandardCharsets.UTF_8))
                .containsExactly("{\"temperature\":21.5,\"humidity\":40}", "{\"temperature\":21.7,\"humidity\":41}");
        assertThat(of(globex)).singleElement().satisfies(e -> assertThat(e.source().name()).endsWith("/globex/plant/door/7"));
        assertThat(messages("journaled")).isEqualTo(3.0);
        assertThat(meters.get("vigil.pipeline.events.out").tag("phase", Phase.RECEIVE.label()).tag("tenant", acme.toString())
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void aTopicNoTenantOwnsIsCountedAndDropped() throws Exception {
        // Equally specific filters of two tenants both match p/shared/x: it belongs to neither.
        start(List.of(mapping(acme, "p/+/x", "climate"), mapping(globex, "p/shared/+", "climate")));
        publish("p/shared/x", "{\"who\":\"nobody\"}");
        publish("p/acme/x", "{\"who\":\"acme\"}");
        await(() -> journal.events().size() == 1 && messages("unmapped") == 1.0, "one journaled, one dropped");
        assertThat(journal.events()).singleElement().satisfies(e -> assertThat(e.tenant()).isEqualTo(acme));
        assertThat(failures.failures()).isEmpty();
    }

    @Test
    void oversizePayloadsGoToTheFailureStoreNotTheJournal() throws Exception {
        start(List.of(mapping(acme, "cams/#", "video")));
        String big = "{\"blob\":\"" + "x".repeat(2000) + "\"}";
        publish("cams/gate", big, "{\"ok\":true}");
        await(() -> journal.events().size() == 1 && failures.failures().size() == 1, "one journaled, one kept as failure");
        assertThat(failures.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.tenant()).isEqualTo(acme);
            assertThat(failure.source().name()).isEqualTo(prefix + "/cams/gate");
            assertThat(failure.reason()).contains("max-payload-bytes");
            assertThat(failure.raw()).hasSize(big.length());
        });
    }

    @Test
    void aMessageIsAcknowledgedOnlyOnceJournaledSoTheBrokerRedeliversItAfterAStop() throws Exception {
        List<TopicMapping> mappings = List.of(mapping(acme, "fire/#", "fire"));
        MqttInput first = start(mappings);
        journal.refuseAppends(true);
        publish("fire/panel/1", "{\"alarm\":\"smoke\",\"zone\":3}");
        await(() -> messages("deferred") >= 1.0, "the refused append deferred");
        first.close();
        assertThat(journal.events()).isEmpty();
        journal.refuseAppends(false);
        start(mappings); // same client id: the broker still holds the unacknowledged message in our session
        await(() -> journal.events().size() == 1, "the message redelivered and journaled");
        assertThat(new String(journal.events().getFirst().bytes(), StandardCharsets.UTF_8)).contains("smoke");
    }

    @Test
    void aRefusingJournalDefersTheMessageUntilItAcceptsAgain() throws Exception {
        start(List.of(mapping(acme, "climate/#", "climate")));
        journal.refuseAppends(true);
        publish("climate/room1", "{\"t\":19}");
        await(() -> messages("deferred") >= 1.0, "deferred");
        journal.refuseAppends(false);
        await(() -> journal.events().size() == 1, "journaled after the journal accepts again");
    }

    @Test
    void aTenantOverItsAdmissionRateWaitsUnacknowledgedUntilItsBucketRefills() throws Exception {
        AtomicLong nanos = new AtomicLong();
        TenantAdmission admission = new TenantAdmission(new AdmissionConfig(true, 1.0, 1L), meters, nanos::get);
        start(List.of(mapping(acme, "doors/#", "access-control")), admission);
        publish("doors/1", "{\"n\":1}", "{\"n\":2}");
        await(() -> journal.events().size() == 1 && messages("deferred") >= 1.0, "one admitted, one deferred");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        await(() -> journal.events().size() == 2, "the deferred message journaled once the bucket refilled");
        assertThat(meters.get("vigil.ingest.admission.events").tag("tenant", acme.toString()).tag("input", "mqtt")
                .tag("outcome", "admitted").counter().count()).isEqualTo(2.0);
    }

    @Test
    void mappingsChangedAtRuntimeSubscribeAndUnsubscribe() throws Exception {
        MqttInput input = start(List.of(mapping(acme, "a/#", "climate")));
        List<TopicMapping> changed = List.of(mapping(globex, "b/#", "climate"));
        input.updateMappings(changed);
        await(() -> input.subscriptions().equals(java.util.Set.of(prefix + "/b/#")), "subscribed to the new filter only");
        publish("b/1", "{\"n\":1}");
        publish("a/1", "{\"n\":2}");
        await(() -> journal.events().size() == 1, "the new mapping's message journaled");
        assertThat(journal.events().getFirst().tenant()).isEqualTo(globex);
    }
}
