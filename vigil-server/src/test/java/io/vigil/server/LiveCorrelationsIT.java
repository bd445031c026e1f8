package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Correlation rules and placeholder values live in the pipeline, per tenant, over real HTTP: real Sysmon events are
 * ingested, and the detections API shows what fired.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveCorrelationsIT extends ServerTestSupport {

    private static final String BITS_BASE = "7a1b0000-0000-4000-8000-0000000000b1";
    private static final String BITS_BURST = "vigil-test-bits-burst";
    private static final String FIRST = "7a1b0000-0000-4000-8000-0000000000c1";
    private static final String SECOND = "7a1b0000-0000-4000-8000-0000000000c2";
    private static final String CHAIN = "vigil-test-download-then-run";
    private static final String ADMIN_RULE = "7a1b0000-0000-4000-8000-0000000000d1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    private final Map<String, Long> ingested = new HashMap<>();
    private String sample;

    @BeforeEach
    void readSample() throws IOException {
        sample = Files.readString(sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/d059842b-6b9d-4ed1-b5c3-5b89143c6ede.jsonl")).strip();
    }

    @Test
    void eventCountFiresPerTenantAndNeverAcrossTenants() {
        String keyA = tenantWithKey("corr-a");
        String keyB = tenantWithKey("corr-b");
        // The spec's shape: the correlation first, then the base rule it names, in one MSSP-wide collection.
        Answer added = api("POST", "/api/v1/platform/rules",
                Map.of("yaml", burst(BITS_BURST, BITS_BASE, "bits_download")));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        assertThat(added.body().get("rules")).extracting(r -> r.get("kind").asText())
                .containsExactly("correlation", "rule");

        send("corr-a", keyA, sample);
        send("corr-a", keyA, sample);
        send("corr-b", keyB, sample);
        JsonNode event = send("corr-b", keyB, sample);
        assertThat(detections("corr-a", BITS_BURST)).as("two of three in A").isEmpty();
        assertThat(detections("corr-b", BITS_BURST)).as("two of three in B, four across tenants").isEmpty();
        assertThat(detections("corr-a", BITS_BASE)).as("generate: false withholds the base rule").isEmpty();
        assertThat(event.get("common").get("vigil.correlation_inputs").toString()).contains(BITS_BASE);

        send("corr-a", keyA, sample);
        List<JsonNode> fired = detections("corr-a", BITS_BURST);
        assertThat(fired).singleElement().satisfies(d -> {
            assertThat(d.get("title").asText()).isEqualTo("Burst of BITS downloads");
            assertThat(d.get("level").asText()).isEqualTo("high");
            assertThat(d.get("author").asText()).isEqualTo("Vigil tests");
            assertThat(d.get("correlation").get("type").asText()).isEqualTo("event_count");
            assertThat(d.get("correlation").get("value").asDouble()).isEqualTo(3.0);
            assertThat(d.get("correlation").get("groupBy").get("User").asText()).isEqualTo("swachchhanda\\xodih");
            assertThat(d.get("correlation").has("windowStart")).isTrue();
        });
        assertThat(detections("corr-b", BITS_BURST)).isEmpty();

        // A correlation is switched by its id like any rule.
        assertThat(api("PUT", "/api/v1/tenants/corr-b/rules/" + BITS_BURST + "/enabled", Map.of("enabled", false))
                .status()).isEqualTo(200);
        send("corr-b", keyB, sample);
        assertThat(detections("corr-b", BITS_BURST)).as("switched off").isEmpty();
        assertThat(api("DELETE", "/api/v1/platform/rules/" + BITS_BURST, null).status()).isEqualTo(204);
        assertThat(api("DELETE", "/api/v1/platform/rules/" + BITS_BASE, null).status()).isEqualTo(204);
    }

    @Test
    void temporalFiresForTheTenantWhoseEventsCompleteIt() {
        String keyA = tenantWithKey("temporal-a");
        String keyB = tenantWithKey("temporal-b");
        String collection = chain(CHAIN, FIRST, SECOND, "");
        assertThat(api("POST", "/api/v1/tenants/temporal-a/rules", Map.of("yaml", collection)).status()).isEqualTo(201);
        assertThat(api("POST", "/api/v1/tenants/temporal-b/rules", Map.of("yaml", collection)).status()).isEqualTo(201);
        assertThat(api("GET", "/api/v1/tenants/temporal-a/rules", null).body()).hasSize(3);
        String second = withCommandLine("powershell -File second-stage.ps1");

        send("temporal-a", keyA, sample);
        assertThat(detections("temporal-a", FIRST)).as("generate: true keeps the base detection").hasSize(1);
        assertThat(detections("temporal-a", CHAIN)).isEmpty();
        send("temporal-b", keyB, second);
        assertThat(detections("temporal-b", CHAIN)).as("A's first stage does not count for B").isEmpty();
        send("temporal-a", keyA, second);
        assertThat(detections("temporal-a", CHAIN)).singleElement().satisfies(d -> {
            assertThat(d.get("correlation").get("type").asText()).isEqualTo("temporal");
            assertThat(d.get("correlation").get("value").asDouble()).isEqualTo(2.0);
        });
        assertThat(detections("temporal-b", CHAIN)).isEmpty();
    }

    @Test
    void collectionsWithUnknownReferencesAreRefusedWithEveryProblem() {
        tenantWithKey("corr-broken");
        Answer broken = api("POST", "/api/v1/tenants/corr-broken/rules", Map.of("yaml", """
                title: Refers to nothing
                id: vigil-test-nothing
                correlation:
                    type: event_count
                    rules:
                        - no_such_rule
                    timespan: 1x
                    condition:
                        gte: 2
                ---
                title: No id
                logsource:
                    product: windows
                detection:
                    selection:
                        Image: x
                    condition: selection
                """));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().get("problems").toString())
                .contains("documents[0].correlation.rules[0]", "documents[0].correlation.timespan", "documents[1].id");
        assertThat(api("GET", "/api/v1/tenants/corr-broken/rules", null).body()).isEmpty();
    }

    @Test
    void expandMatchesWithEachTenantsOwnPlaceholderValues() {
        String keyA = tenantWithKey("ph-a");
        String keyB = tenantWithKey("ph-b");
        Answer rule = api("POST", "/api/v1/platform/rules", Map.of("yaml", """
                title: BITS run by an administrator
                id: %s
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '\\bitsadmin.exe'
                        User|expand: '%%Admins%%'
                    condition: selection
                """.formatted(ADMIN_RULE)));
        assertThat(rule.status()).as("%s", rule.body()).isEqualTo(201);
        assertThat(api("GET", "/api/v1/tenants/ph-a/rules/inactive", null).body().toString())
                .as("no value yet: inactive, and why").contains(ADMIN_RULE, "unresolved placeholder %Admins%");

        assertThat(api("PUT", "/api/v1/platform/placeholders/Admins", Map.of("values", List.of("*\\root"))).status())
                .isEqualTo(200);
        assertThat(api("PUT", "/api/v1/tenants/ph-a/placeholders/Admins", Map.of("values", List.of("*\\xodih")))
                .status()).isEqualTo(200);
        assertThat(api("PUT", "/api/v1/tenants/ph-a/placeholders/bad%20name", Map.of("values", List.of("x")))
                .status()).isEqualTo(400);
        assertThat(api("PUT", "/api/v1/tenants/ph-a/placeholders/Empty", Map.of("values", List.of())).status())
                .isEqualTo(400);
        assertThat(api("GET", "/api/v1/tenants/ph-a/rules/inactive", null).body().toString()).doesNotContain(ADMIN_RULE);
        JsonNode listed = api("GET", "/api/v1/tenants/ph-b/placeholders", null).body();
        assertThat(listed.get(0).get("source").asText()).isEqualTo("mssp");

        send("ph-a", keyA, sample);
        send("ph-b", keyB, sample);
        assertThat(detections("ph-a", ADMIN_RULE)).as("A's values match").hasSize(1);
        assertThat(detections("ph-b", ADMIN_RULE)).as("B has only the default, which does not").isEmpty();

        // B's own value, live on its next event; removing A's falls back to the default.
        assertThat(api("PUT", "/api/v1/tenants/ph-b/placeholders/Admins", Map.of("values", List.of("*xodih"))).status())
                .isEqualTo(200);
        assertThat(api("DELETE", "/api/v1/tenants/ph-a/placeholders/Admins", null).status()).isEqualTo(204);
        send("ph-a", keyA, sample);
        send("ph-b", keyB, sample);
        assertThat(detections("ph-a", ADMIN_RULE)).hasSize(1);
        assertThat(detections("ph-b", ADMIN_RULE)).hasSize(1);
        assertThat(api("DELETE", "/api/v1/platform/rules/" + ADMIN_RULE, null).status()).isEqualTo(204);
    }

    @Test
    void retroHuntFindsTheDetectionsAndCorrelationsLiveDetectionFound() {
        String key = tenantWithKey("hunt-corr");
        String collection = burst("vigil-test-hunt-burst", "7a1b0000-0000-4000-8000-0000000000e1", "hunt_bits")
                + "---\n" + chain("vigil-test-hunt-chain", "7a1b0000-0000-4000-8000-0000000000e2",
                "7a1b0000-0000-4000-8000-0000000000e3", "hunt_");
        assertThat(api("POST", "/api/v1/tenants/hunt-corr/rules", Map.of("yaml", collection)).status()).isEqualTo(201);
        // Live, in event-time order: a burst of three downloads, a second stage, and a download after the window.
        java.time.Instant t0 = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minus(java.time.Duration.ofHours(2));
        String second = withCommandLine("powershell -File second-stage.ps1");
        int[] minutes = {0, 1, 2, 3, 30};
        for (int i = 0; i < minutes.length; i++) {
            send("hunt-corr", key, at(i == 3 ? second : sample, t0.plus(java.time.Duration.ofMinutes(minutes[i]))));
        }
        List<String> live = new ArrayList<>();
        for (JsonNode d : api("GET", "/api/v1/tenants/hunt-corr/detections?limit=500", null).body().get("items")) {
            live.add(detectionKey(d));
        }
        assertThat(live).as("both correlations fired live").anyMatch(k -> k.contains("vigil-test-hunt-burst event_count 3"))
                .anyMatch(k -> k.contains("vigil-test-hunt-chain temporal 2"))
                .noneMatch(k -> k.contains("7a1b0000-0000-4000-8000-0000000000e1"));

        String from = t0.minus(java.time.Duration.ofHours(1)).toString();
        String to = t0.plus(java.time.Duration.ofHours(1)).toString();
        Answer effective = api("POST", "/api/v1/tenants/hunt-corr/hunts", Map.of("from", from, "to", to));
        assertThat(effective.status()).as("%s", effective.body()).isEqualTo(200);
        assertThat(effective.body().get("scanned").asLong()).isEqualTo(minutes.length);
        List<String> hunted = new ArrayList<>();
        effective.body().get("detections").forEach(d -> hunted.add(detectionKey(d)));
        assertThat(hunted).as("the hunt finds what live detection found").containsExactlyInAnyOrderElementsOf(live);
        assertThat(effective.body().get("withheld")).as("consumed without generate: with the hunt, not detections")
                .hasSize(minutes.length).allSatisfy(d -> assertThat(d.get("ruleId").asText())
                        .isEqualTo("7a1b0000-0000-4000-8000-0000000000e1"));

        Answer posted = api("POST", "/api/v1/tenants/hunt-corr/hunts", Map.of("from", from, "to", to, "rules", collection));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(200);
        assertThat(posted.body().get("correlations").asInt()).isEqualTo(2);
        List<String> postedKeys = new ArrayList<>();
        posted.body().get("detections").forEach(d -> postedKeys.add(detectionKey(d)));
        assertThat(postedKeys).as("the same collection posted: the same detections, less the shipped rules'")
                .containsExactlyInAnyOrderElementsOf(live.stream().filter(k -> k.contains("hunt") || k.contains("7a1b")).toList());
        assertThat(api("GET", "/api/v1/tenants/hunt-corr/detections?limit=500", null).body().get("items"))
                .as("hunts record nothing and leave the live windows alone").hasSize(live.size());

        // A posted correlation that names no posted rule is refused with the names it misses.
        String chainOnly = chain("vigil-test-hunt-unresolved", "7a1b0000-0000-4000-8000-0000000000e4",
                "7a1b0000-0000-4000-8000-0000000000e5", "none_").split("(?m)^---$")[0];
        String baseOnly = burst("vigil-test-hunt-burst-2", "7a1b0000-0000-4000-8000-0000000000e6", "hunt_bits_2")
                .split("(?m)^---$")[1];
        Answer unresolved = api("POST", "/api/v1/tenants/hunt-corr/hunts", Map.of("from", from, "to", to,
                "rules", chainOnly + "---" + baseOnly));
        assertThat(unresolved.status()).isEqualTo(400);
        assertThat(unresolved.body().get("problems").toString()).contains("none_first_stage");
    }

    /** An MSSP-wide or tenant collection: three BITS downloads of one user within 10 minutes (the base withheld). */
    private static String burst(String id, String baseId, String baseName) {
        return """
                title: Burst of BITS downloads
                id: %s
                level: high
                author: Vigil tests
                correlation:
                    type: event_count
                    rules:
                        - %s
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 3
                ---
                title: BITS download
                id: %s
                name: %s
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        Image|endswith: '\\bitsadmin.exe'
                    condition: selection
                """.formatted(id, baseName, baseId, baseName);
    }

    /** A first and a second stage of one user within 5 minutes, in this order (both also detections). */
    private static String chain(String id, String firstId, String secondId, String namePrefix) {
        return """
                title: Download then run
                id: %s
                correlation:
                    type: temporal
                    rules:
                        - %sfirst_stage
                        - %ssecond_stage
                    group-by:
                        - User
                    timespan: 5m
                    generate: true
                ---
                title: First stage
                id: %s
                name: %sfirst_stage
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains: 'hello.html'
                    condition: selection
                ---
                title: Second stage
                id: %s
                name: %ssecond_stage
                logsource:
                    category: process_creation
                    product: windows
                detection:
                    selection:
                        CommandLine|contains: 'second-stage.ps1'
                    condition: selection
                """.formatted(id, namePrefix, namePrefix, firstId, namePrefix, secondId, namePrefix);
    }

    /** The event (id), rule and, for a correlation, its type, value and window: what makes two detections the same. */
    private static String detectionKey(JsonNode d) {
        JsonNode c = d.path("correlation");
        return d.get("eventId").asText() + " " + d.get("ruleId").asText() + (c.isObject()
                ? " " + c.get("type").asText() + " " + (long) c.get("value").asDouble() + " "
                + java.time.Instant.parse(c.get("windowStart").asText()) + " "
                + java.time.Instant.parse(c.get("windowEnd").asText()) + " " + c.get("groupBy") : "");
    }

    /** The sample with another event time. */
    private static String at(String event, java.time.Instant time) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event);
            ((ObjectNode) node.get("Event").get("System").get("TimeCreated").get("#attributes"))
                    .put("SystemTime", time.toString());
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String withCommandLine(String commandLine) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(sample);
            ((ObjectNode) event.get("Event").get("EventData")).put("CommandLine", commandLine);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ingests one event and waits until it is stored; returns it as the events API shows it. */
    private JsonNode send(String tenant, String key, String ndjson) {
        long expected = ingested.merge(tenant, 1L, Long::sum);
        assertThat(ingest(key, ndjson).status()).isEqualTo(202);
        await("event " + expected + " of " + tenant, () -> api("GET", "/api/v1/tenants/" + tenant + "/events", null)
                .body().path("total").asLong() == expected);
        return api("GET", "/api/v1/tenants/" + tenant + "/events?limit=1", null).body().get("items").get(0);
    }

    private List<JsonNode> detections(String tenant, String ruleId) {
        JsonNode page = api("GET", "/api/v1/tenants/" + tenant + "/detections?limit=500", null).body();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            if (item.get("ruleId").asText().equals(ruleId)) {
                found.add(item);
            }
        }
        return found;
    }

    private static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        assertThat(path.resolve("sigma-regression-dev")).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        return path;
    }
}
