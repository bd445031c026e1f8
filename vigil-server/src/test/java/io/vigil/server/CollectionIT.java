package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.ingest.mqtt.MqttInput;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Collection end to end on the running application: MQTT mappings through the API and a Mosquitto publisher
 * (127.0.0.1:1883), log-source health and silence signals through the API, and the noisy-tenant fault test: one
 * tenant floods HTTP ingest far over its rate while another sends its normal rate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CollectionIT extends ServerTestSupport {

    private static final String PREFIX = "vigil-collection-it/" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.ingest.mqtt.enabled", () -> "true");
        registry.add("vigil.ingest.mqtt.client-id", () -> "vigil-collection-it-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("vigil.ingest.mqtt.reconnect-initial", () -> "200ms");
        registry.add("vigil.sources.evaluate-interval", () -> "200ms");
        registry.add("vigil.sources.persist-interval", () -> "500ms");
    }

    @Autowired
    MqttInput mqtt;

    private List<JsonNode> events(String tenant) {
        Answer page = api("GET", "/api/v1/tenants/" + tenant + "/events?limit=1000", null);
        List<JsonNode> items = new ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }

    private JsonNode source(String tenant, String input, String name) {
        for (JsonNode source : api("GET", "/api/v1/tenants/" + tenant + "/sources", null).body()) {
            if (source.get("input").asText().equals(input) && source.get("name").asText().equals(name)) {
                return source;
            }
        }
        return null;
    }

    @Test
    void sensorReadingsPublishedOverMqttLandUnderTheMappedTenant() throws Exception {
        tenantWithKey("mqtt-acme");
        tenantWithKey("mqtt-globex");
        Answer added = api("POST", "/api/v1/tenants/mqtt-acme/collectors/mqtt",
                Map.of("topicFilter", PREFIX + "/acme/+/climate", "sourceType", "climate", "codec", "json"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        assertThat(api("POST", "/api/v1/tenants/mqtt-globex/collectors/mqtt",
                Map.of("topicFilter", PREFIX + "/acme/+/climate", "sourceType", "climate")).status())
                .as("a filter belongs to one tenant").isEqualTo(409);
        Answer invalid = api("POST", "/api/v1/tenants/mqtt-globex/collectors/mqtt",
                Map.of("topicFilter", "a/#/b", "sourceType", "Not A Label"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().toString()).contains("topicFilter").contains("sourceType");
        assertThat(api("GET", "/api/v1/tenants/mqtt-acme/collectors/mqtt", null).body()).hasSize(1);
        assertThat(api("GET", "/api/v1/tenants/mqtt-globex/collectors/mqtt", null).body()).isEmpty();
        await("the MQTT input subscribed", () -> mqtt.subscriptions().contains(PREFIX + "/acme/+/climate"));

        String topic = PREFIX + "/acme/hall/climate";
        Process publisher = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", topic, "-l")
                .redirectErrorStream(true).start();
        try (OutputStream in = publisher.getOutputStream()) {
            in.write("{\"temperature\":22.5,\"humidity\":41}\n{\"temperature\":22.6,\"humidity\":42}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(publisher.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(publisher.exitValue()).isZero();

        await("both readings processed for mqtt-acme", () -> events("mqtt-acme").size() == 2);
        assertThat(events("mqtt-acme")).allSatisfy(event -> {
            assertThat(event.get("source").get("input").asText()).isEqualTo("mqtt");
            assertThat(event.get("source").get("name").asText()).isEqualTo(topic);
        });
        assertThat(events("mqtt-globex")).isEmpty();
        await("the source's health counted", () -> {
            JsonNode source = source("mqtt-acme", "mqtt", topic);
            return source != null && source.get("events").asLong() == 2;
        });
        assertThat(source("mqtt-acme", "mqtt", topic).get("codec").asText()).isEqualTo("json");
    }

    @Test
    void aSourceMissingItsHeartbeatRaisesASilenceSignal() {
        String key = tenantWithKey("health-acme");
        tenantWithKey("health-globex");
        assertThat(ingest(key, "{\"msg\":\"hello\"}\n").status()).isEqualTo(202);
        await("the source listed", () -> source("health-acme", "http", "test-sender") != null);
        JsonNode listed = source("health-acme", "http", "test-sender");
        assertThat(listed.get("events").asLong()).isEqualTo(1);
        assertThat(listed.get("firstSeen").isNull()).isFalse();
        assertThat(api("GET", "/api/v1/tenants/health-globex/sources", null).body()).isEmpty();

        Answer bad = api("PUT", "/api/v1/tenants/health-acme/sources/heartbeat",
                Map.of("input", "http", "name", "test-sender", "heartbeatSeconds", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("heartbeatSeconds");
        Answer set = api("PUT", "/api/v1/tenants/health-acme/sources/heartbeat",
                Map.of("input", "http", "name", "test-sender", "heartbeatSeconds", 1));
        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        assertThat(set.body().get("expectedHeartbeatSeconds").asLong()).isEqualTo(1);

        await("a silence signal stored", () -> api("GET", "/api/v1/tenants/health-acme/sources/signals", null).body().size() == 1);
        JsonNode signal = api("GET", "/api/v1/tenants/health-acme/sources/signals", null).body().get(0);
        assertThat(signal.get("state").asText()).isEqualTo("silent");
        assertThat(signal.get("name").asText()).isEqualTo("test-sender");
        assertThat(signal.get("detail").asText()).contains("expected heartbeat 1 s");
        assertThat(source("health-acme", "http", "test-sender").get("state").asText()).isEqualTo("silent");
        assertThat(api("GET", "/api/v1/tenants/health-globex/sources/signals", null).body()).isEmpty();
        await("the silent source became an incident", () -> api("GET", "/api/v1/tenants/health-acme/incidents", null)
                .body().path("items").findValuesAsText("title").stream()
                .anyMatch(title -> title.startsWith("Log source http:test-sender is silent")));
        assertThat(vigil("sources", "--tenant", "health-acme")).contains("test-sender", "silent", "json");
        assertThat(vigil("sources", "--tenant", "health-acme", "--signals")).contains("expected heartbeat 1 s");

        assertThat(ingest(key, "{\"msg\":\"back\"}\n").status()).isEqualTo(202);
        await("the signal cleared", () -> api("GET", "/api/v1/tenants/health-acme/sources/signals", null)
                .body().get(0).hasNonNull("clearedAt"));
    }

    @Test
    void theCliSetsAndRemovesHeartbeats() {
        tenantWithKey("cli-health");
        assertThat(vigil("sources", "heartbeat", "--tenant", "cli-health", "--input", "syslog", "--name", "fw-branch",
                "--seconds", "3600")).contains("fw-branch", "3600");
        assertThat(vigil("sources", "heartbeat", "--tenant", "cli-health", "--input", "syslog", "--name", "fw-branch",
                "--none")).contains("fw-branch").doesNotContain("3600");
    }

    @Test
    void aPinnedCodecDecidesHowASourceIsDecodedUntilUnpinned() {
        String key = tenantWithKey("pin-acme");
        tenantWithKey("pin-globex");
        assertThat(ingest(key, "{\"msg\":\"as json\"}\n").status()).isEqualTo(202);
        await("the source listed", () -> source("pin-acme", "http", "test-sender") != null);
        assertThat(source("pin-acme", "http", "test-sender").hasNonNull("pinnedCodec")).isFalse();

        Answer unknown = api("PUT", "/api/v1/tenants/pin-acme/sources/codec",
                Map.of("input", "http", "name", "test-sender", "codec", "no-such-codec"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("codec", "cef", "json");
        Answer pinned = api("PUT", "/api/v1/tenants/pin-acme/sources/codec",
                Map.of("input", "http", "name", "test-sender", "codec", "cef"));
        assertThat(pinned.status()).as(pinned.body().toString()).isEqualTo(200);
        assertThat(pinned.body().get("pinnedCodec").asText()).isEqualTo("cef");
        assertThat(source("pin-globex", "http", "test-sender")).as("pinned for one tenant only").isNull();

        // JSON is not CEF: with the codec pinned the event fails to decode, whatever the source declares.
        assertThat(ingest(key, "{\"msg\":\"still json\"}\n").status()).isEqualTo(202);
        await("the decode failure counted", () -> source("pin-acme", "http", "test-sender").get("decodeFailures").asLong() == 1);
        assertThat(vigil("sources", "--tenant", "pin-acme")).contains("test-sender", "cef");

        assertThat(vigil("sources", "codec", "--tenant", "pin-acme", "--input", "http", "--name", "test-sender", "--none"))
                .contains("test-sender");
        assertThat(source("pin-acme", "http", "test-sender").hasNonNull("pinnedCodec")).isFalse();
        assertThat(ingest(key, "{\"msg\":\"json again\"}\n").status()).isEqualTo(202);
        await("decoded as json again", () -> source("pin-acme", "http", "test-sender").get("events").asLong() == 2);
        assertThat(source("pin-acme", "http", "test-sender").get("decodeFailures").asLong()).isEqualTo(1);
        assertThat(vigil("sources", "codec", "--tenant", "pin-acme", "--input", "syslog-udp", "--name", "10.0.0.9",
                "--codec", "leef")).contains("10.0.0.9", "leef");
    }

    /** Runs the CLI in-process against this server; returns its output, failing on a non-zero exit. */
    private String vigil(String... args) {
        java.util.List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = io.vigil.server.cli.VigilCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void aFloodingTenantIsRefusedWhileAnotherTenantsNormalRateIsAllAcceptedAndProcessed() throws Exception {
        String noisy = tenantWithKey("flood-noisy");
        String steady = tenantWithKey("flood-steady");
        Answer limit = api("PUT", "/api/v1/tenants/flood-noisy/collectors/rate-limit", Map.of("eventsPerSecond", 100, "burst", 200));
        assertThat(limit.status()).as(limit.body().toString()).isEqualTo(200);
        assertThat(limit.body().get("source").asText()).isEqualTo("tenant");
        assertThat(api("GET", "/api/v1/tenants/flood-steady/collectors/rate-limit", null).body().get("source").asText())
                .isEqualTo("default");

        String batchOf100 = "{\"flood\":true}\n".repeat(100);
        Map<Integer, Integer> noisyStatuses = Collections.synchronizedMap(new HashMap<>());
        List<String> retryAfter = Collections.synchronizedList(new ArrayList<>());
        ExecutorService flooders = Executors.newFixedThreadPool(3);
        List<Future<?>> floods = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            floods.add(flooders.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    Answer answer = ingest(noisy, batchOf100);
                    noisyStatuses.merge(answer.status(), 1, Integer::sum);
                    answer.raw().headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                }
            }));
        }
        List<Integer> steadyStatuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StringBuilder batch = new StringBuilder();
            for (int j = 0; j < 5; j++) {
                batch.append("{\"steady\":").append(i * 5 + j).append("}\n");
            }
            steadyStatuses.add(ingest(steady, batch.toString()).status());
            Thread.sleep(25);
        }
        for (Future<?> flood : floods) {
            flood.get(60, TimeUnit.SECONDS);
        }
        flooders.shutdown();

        assertThat(steadyStatuses).as("every batch of the tenant at its normal rate accepted").containsOnly(202);
        assertThat(noisyStatuses.get(429)).as("the flooding tenant refused: " + noisyStatuses).isPositive();
        assertThat(noisyStatuses.keySet()).containsOnly(202, 429);
        assertThat(retryAfter).isNotEmpty().allSatisfy(value -> assertThat(Integer.parseInt(value)).isPositive());
        await("all 100 events of the steady tenant processed", () -> events("flood-steady").size() == 100);
        int noisyAccepted = noisyStatuses.getOrDefault(202, 0) * 100;
        await("the noisy tenant's accepted events processed", () -> events("flood-noisy").size() == Math.min(noisyAccepted, 1000));
    }
}
