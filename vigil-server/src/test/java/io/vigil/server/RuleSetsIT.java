package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rule sets live in the pipeline: switches, exceptions, tenant and MSSP-wide rules, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class RuleSetsIT extends ServerTestSupport {

    private static final String BITSADMIN = "d059842b-6b9d-4ed1-b5c3-5b89143c6ede";
    private static final String TENANT_RULE = "6f1b1c57-0000-4000-8000-00000000000a";
    private static final String MSSP_RULE = "6f1b1c57-0000-4000-8000-00000000000b";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
    }

    private final Map<String, Long> ingested = new HashMap<>();

    @Test
    void switchesExceptionsAndRuleLayersApplyPerTenant() throws IOException {
        String sample = Files.readString(sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/" + BITSADMIN + ".jsonl")).strip();
        String keyA = tenantWithKey("rules-a");
        String keyB = tenantWithKey("rules-b");

        awaitDetectionOf("rules-a", send("rules-a", keyA, sample));
        assertThat(detections("rules-a", BITSADMIN)).isEqualTo(1);

        // Switched off for tenant A: no new detection.
        assertThat(api("PUT", "/api/v1/tenants/rules-a/rules/" + BITSADMIN + "/enabled", Map.of("enabled", false)).status())
                .isEqualTo(200);
        send("rules-a", keyA, sample);
        assertThat(api("PUT", "/api/v1/tenants/rules-a/rules/" + BITSADMIN + "/enabled", Map.of("enabled", true)).status())
                .isEqualTo(200);
        // outputs take events in order: once the third event's detection is stored, the second one's would be too
        awaitDetectionOf("rules-a", send("rules-a", keyA, sample));
        assertThat(detections("rules-a", BITSADMIN)).as("off for one event, on again for the next").isEqualTo(2);

        // An exception for the rule suppresses it, visibly.
        Answer exception = api("POST", "/api/v1/tenants/rules-a/exceptions", Map.of("yaml", """
                title: Atomic Red Team test downloads
                id: 7d0c6a3e-0000-4000-8000-0000000000f1
                logsource:
                  category: process_creation
                  product: windows
                filter:
                  rules:
                    - %s
                  selection:
                    CommandLine|contains: atomicredteam.io
                  condition: selection
                """.formatted(BITSADMIN), "reason", "purple-team exercise", "expires", "2999-01-01T00:00:00Z"));
        assertThat(exception.status()).as("%s", exception.body()).isEqualTo(201);
        assertThat(exception.body().get("author").asText()).isEqualTo("bootstrap");
        JsonNode event = send("rules-a", keyA, sample);
        assertThat(event.get("common").get("vigil.suppressed").toString())
                .contains(BITSADMIN, "7d0c6a3e-0000-4000-8000-0000000000f1", "purple-team exercise");
        assertThat(event.get("common").has("vigil.detections")).isFalse();
        assertThat(api("GET", "/actuator/prometheus", null).body().asText())
                .containsPattern("vigil_detection_suppressed_total\\{[^}]*rule=\"" + BITSADMIN + "\"[^}]*} 1");
        assertThat(api("GET", "/api/v1/tenants/rules-a/exceptions", null).body()).hasSize(1);
        assertThat(api("DELETE", "/api/v1/tenants/rules-a/exceptions/" + exception.body().get("id").asText(), null)
                .status()).isEqualTo(204);

        // An exception naming an unknown rule is refused.
        Answer unknown = api("POST", "/api/v1/tenants/rules-a/exceptions", Map.of("yaml", """
                title: Nothing
                logsource:
                  product: windows
                filter:
                  rules:
                    - no-such-rule
                  selection:
                    CommandLine: x
                  condition: selection
                """, "reason", "test"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("no-such-rule");

        // A tenant rule fires for its tenant only; an MSSP-wide rule for both.
        assertThat(api("POST", "/api/v1/tenants/rules-a/rules", Map.of("yaml", rule(TENANT_RULE, "Tenant A bitsadmin"))).status())
                .isEqualTo(201);
        assertThat(api("POST", "/api/v1/platform/rules", Map.of("yaml", rule(MSSP_RULE, "MSSP bitsadmin"))).status())
                .isEqualTo(201);
        assertThat(api("GET", "/api/v1/platform/rules", null).body().get(0).get("ruleId").asText()).isEqualTo(MSSP_RULE);
        send("rules-a", keyA, sample);
        send("rules-b", keyB, sample);
        assertThat(detections("rules-a", TENANT_RULE)).isEqualTo(1);
        assertThat(detections("rules-b", TENANT_RULE)).isZero();
        assertThat(detections("rules-a", MSSP_RULE)).isEqualTo(1);
        assertThat(detections("rules-b", MSSP_RULE)).isEqualTo(1);
        assertThat(detections("rules-b", BITSADMIN)).isEqualTo(1);

        // Removed again: nothing more from either.
        assertThat(api("DELETE", "/api/v1/platform/rules/" + MSSP_RULE, null).status()).isEqualTo(204);
        assertThat(api("DELETE", "/api/v1/tenants/rules-a/rules/" + TENANT_RULE, null).status()).isEqualTo(204);
        send("rules-a", keyA, sample);
        assertThat(detections("rules-a", MSSP_RULE)).isEqualTo(1);
        assertThat(detections("rules-a", TENANT_RULE)).isEqualTo(1);
        assertThat(detections("rules-a", BITSADMIN)).isEqualTo(4);
    }

    @Test
    void brokenRulesAreRefusedWithEveryProblem() {
        tenantWithKey("rules-broken");
        Answer broken = api("POST", "/api/v1/platform/rules", Map.of("yaml", """
                title: Broken
                id: 6f1b1c57-0000-4000-8000-0000000000ff
                logsource:
                  product: windows
                detection:
                  selection:
                    Image|nosuchmodifier: x
                  condition: selection and missing
                """));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().get("problems").size()).as("%s", broken.body()).isGreaterThanOrEqualTo(2);
        assertThat(api("POST", "/api/v1/tenants/rules-broken/rules", Map.of("yaml", "title: [")).status()).isEqualTo(400);
        assertThat(api("POST", "/api/v1/tenants/rules-broken/rules", Map.of("yaml", "x".repeat(300 * 1024))).status())
                .isEqualTo(400);
        assertThat(api("PUT", "/api/v1/tenants/rules-broken/rules/no-such-rule/enabled", Map.of("enabled", false)).status())
                .isEqualTo(404);
        assertThat(api("GET", "/api/v1/platform/rules", null).body()).isEmpty();
    }

    private static String rule(String id, String title) {
        return """
                title: %s
                id: %s
                status: experimental
                author: Vigil tests
                level: low
                logsource:
                  category: process_creation
                  product: windows
                detection:
                  selection:
                    Image|endswith: '\\bitsadmin.exe'
                  condition: selection
                """.formatted(title, id);
    }

    /** Ingests one event and waits until it is stored; returns it as the events API shows it. */
    private JsonNode send(String tenant, String key, String ndjson) {
        long expected = ingested.merge(tenant, 1L, Long::sum);
        assertThat(ingest(key, ndjson).status()).isEqualTo(202);
        await("event " + expected + " of " + tenant, () -> api("GET", "/api/v1/tenants/" + tenant + "/events", null)
                .body().path("total").asLong() == expected);
        return api("GET", "/api/v1/tenants/" + tenant + "/events?limit=1", null).body().get("items").get(0);
    }

    /** Waits until the detection output has stored a detection of {@code event} (the detection output is not the
     * events view, which can show the event first). */
    private void awaitDetectionOf(String tenant, JsonNode event) {
        String id = event.get("id").asText();
        await("a detection of event " + id, () -> {
            for (JsonNode item : api("GET", "/api/v1/tenants/" + tenant + "/detections?limit=500", null).body().get("items")) {
                if (item.get("eventId").asText().equals(id)) {
                    return true;
                }
            }
            return false;
        });
    }

    private long detections(String tenant, String ruleId) {
        JsonNode page = api("GET", "/api/v1/tenants/" + tenant + "/detections?limit=500", null).body();
        long count = 0;
        for (JsonNode item : page.get("items")) {
            if (item.get("ruleId").asText().equals(ruleId)) {
                count++;
            }
        }
        return count;
    }

    private static Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        assertThat(path.resolve("sigma-regression-dev")).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        return path;
    }
}
