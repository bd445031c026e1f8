package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole path, run once per database: tenant and key through REST, telemetry through HTTP ingest,
 * processed events and failures back through REST, tenants isolated from each other.
 */
abstract class IngestEndToEndContract extends ServerTestSupport {

    @Test
    void eventsFlowFromIngestToTheRecentEventsViewOfTheirTenantOnly() {
        String acmeKey = tenantWithKey("acme");
        String globexKey = tenantWithKey("globex");

        Answer accepted = ingest(acmeKey, "{\"@timestamp\":\"2026-10-31T10:00:00Z\",\"host\":\"web-01\",\"src_ip\":\"10.0.0.7\"}\n"
                + "{\"message\":\"second\"}\n");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(ingest(globexKey, "{\"message\":\"globex only\"}").status()).isEqualTo(202);

        await("acme's events", () -> api("GET", "/api/v1/tenants/acme/events", null).body().path("total").asLong() == 2);
        JsonNode page = api("GET", "/api/v1/tenants/acme/events?limit=10", null).body();
        JsonNode oldest = page.get("items").get(1);
        assertThat(oldest.get("time").asText()).isEqualTo("2026-10-31T10:00:00Z");
        assertThat(oldest.get("common").get("device.hostname").asText()).isEqualTo("web-01");
        assertThat(oldest.get("common").get("src_endpoint.ip").asText()).isEqualTo("10.0.0.7");
        assertThat(oldest.get("source").get("name").asText()).isEqualTo("test-sender");
        assertThat(page.toString()).doesNotContain("globex only");

        String acmeEventId = oldest.get("id").asText();
        assertThat(api("GET", "/api/v1/tenants/acme/events/" + acmeEventId, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/tenants/globex/events/" + acmeEventId, null).status())
                .as("another tenant's event is not found").isEqualTo(404);
        await("globex's event", () -> api("GET", "/api/v1/tenants/globex/events", null).body().path("total").asLong() == 1);
    }

    @Test
    void aSysmonEventMatchingASigmaHqRuleBecomesADetectionWithTheRulesAuthor() throws java.io.IOException {
        // SigmaHQ's own regression event for "File Download Via Bitsadmin" (DRL 1.1), as evtx_dump writes it.
        java.nio.file.Path sample = sharedData().resolve("sigma-regression-dev/data/rules/windows/process_creation/"
                + "proc_creation_win_bitsadmin_download/d059842b-6b9d-4ed1-b5c3-5b89143c6ede.jsonl");
        String key = tenantWithKey("sigma-co");
        String other = tenantWithKey("sigma-other");
        assertThat(ingest(key, java.nio.file.Files.readString(sample) + "\n{\"message\":\"benign\"}\n").status())
                .isEqualTo(202);
        assertThat(ingest(other, "{\"message\":\"benign\"}").status()).isEqualTo(202);

        await("the detection", () -> api("GET", "/api/v1/tenants/sigma-co/detections", null).body().path("total").asLong() >= 1);
        JsonNode page = api("GET", "/api/v1/tenants/sigma-co/detections?limit=100", null).body();
        JsonNode detection = null;
        for (JsonNode item : page.get("items")) {
            if (item.get("ruleId").asText().equals("d059842b-6b9d-4ed1-b5c3-5b89143c6ede")) {
                detection = item;
            }
        }
        assertThat(detection).as("detections: %s", page).isNotNull();
        assertThat(detection.get("title").asText()).isEqualTo("File Download Via Bitsadmin");
        assertThat(detection.get("author").asText()).isEqualTo("Michael Haag, FPT.EagleEye");
        assertThat(detection.get("level").asText()).isNotBlank();
        assertThat(detection.get("matchedFields")).isNotEmpty();

        String id = detection.get("id").asText();
        assertThat(api("GET", "/api/v1/tenants/sigma-co/detections/" + id, null).body().get("eventId").asText())
                .isEqualTo(detection.get("eventId").asText());
        assertThat(api("GET", "/api/v1/tenants/sigma-other/detections/" + id, null).status())
                .as("another tenant's detection is not found").isEqualTo(404);
        JsonNode event = api("GET", "/api/v1/tenants/sigma-co/events/" + detection.get("eventId").asText(), null).body();
        assertThat(event.get("common").get("vigil.detections").toString()).contains("d059842b-6b9d-4ed1-b5c3-5b89143c6ede");
        await("the benign events", () -> api("GET", "/api/v1/tenants/sigma-co/events", null).body().path("total").asLong() == 2
                && api("GET", "/api/v1/tenants/sigma-other/events", null).body().path("total").asLong() == 1);
        assertThat(api("GET", "/api/v1/tenants/sigma-other/detections", null).body().get("total").asLong()).isZero();
    }

    private static java.nio.file.Path sharedData() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        java.nio.file.Path path = configured != null ? java.nio.file.Path.of(configured) : java.nio.file.Path.of("../../shared/data");
        assertThat(path.resolve("sigma-regression-dev")).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        return path;
    }

    @Test
    void malformedInputIsRefusedWithTheLineAndKeptInTheFailureStore() {
        String key = tenantWithKey("initech");
        Answer refused = ingest(key, "{\"ok\":1}\n{not json}\n");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("message").asText()).contains("line 2");

        JsonNode failures = api("GET", "/api/v1/tenants/initech/failures", null).body();
        assertThat(failures.get("total").asLong()).isEqualTo(1);
        JsonNode failure = failures.get("items").get(0);
        assertThat(failure.get("phase").asText()).isEqualTo("receive");
        assertThat(failure.get("reason").asText()).contains("line 2");
        JsonNode detail = api("GET", "/api/v1/tenants/initech/failures/" + failure.get("id").asText(), null).body();
        assertThat(new String(java.util.Base64.getDecoder().decode(detail.get("rawBase64").asText())))
                .isEqualTo("{\"ok\":1}\n{not json}\n");
        assertThat(api("GET", "/api/v1/tenants/acme-none/failures", null).status()).isEqualTo(404);
    }

    @Test
    void wellFormedButUndecodableEventsReachTheFailureStoreFromThePipeline() {
        String key = tenantWithKey("umbrella");
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThat(ingest(key, deep + "\n{\"fine\":true}\n").status()).isEqualTo(202);
        await("decode failure", () -> api("GET", "/api/v1/tenants/umbrella/failures", null).body().path("total").asLong() == 1);
        JsonNode failure = api("GET", "/api/v1/tenants/umbrella/failures", null).body().get("items").get(0);
        assertThat(failure.get("phase").asText()).isEqualTo("decode");
        assertThat(failure.get("stage").asText()).isEqualTo("json");
        assertThat(failure.get("reason").asText()).contains("nesting");
        await("the good event", () -> api("GET", "/api/v1/tenants/umbrella/events", null).body().path("total").asLong() == 1);
    }

    @Test
    void tenantLifecycleAndKeyRevocationControlIngest() {
        String key = tenantWithKey("hooli");
        JsonNode shown = api("GET", "/api/v1/platform/tenants/hooli", null).body();
        assertThat(shown.get("status").asText()).isEqualTo("active");
        assertThat(shown.get("timezone").asText()).isEqualTo("Europe/Berlin");

        JsonNode updated = api("PATCH", "/api/v1/platform/tenants/hooli", Map.of("displayName", "Hooli XYZ")).body();
        assertThat(updated.get("displayName").asText()).isEqualTo("Hooli XYZ");
        assertThat(api("GET", "/api/v1/platform/tenants/" + shown.get("id").asText(), null).body().get("slug").asText())
                .isEqualTo("hooli");

        assertThat(api("POST", "/api/v1/platform/tenants/hooli/suspend", null).body().get("status").asText()).isEqualTo("suspended");
        assertThat(ingest(key, "{\"a\":1}").status()).as("suspension takes effect at once").isEqualTo(403);
        api("POST", "/api/v1/platform/tenants/hooli/activate", null);
        assertThat(ingest(key, "{\"a\":1}").status()).isEqualTo(202);

        JsonNode keys = api("GET", "/api/v1/tenants/hooli/ingest-keys", null).body();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).has("secret")).as("secrets are shown once, at creation").isFalse();
        String keyId = keys.get(0).get("id").asText();
        assertThat(api("DELETE", "/api/v1/tenants/acme-missing/ingest-keys/" + keyId, null).status()).isEqualTo(404);
        assertThat(api("DELETE", "/api/v1/tenants/hooli/ingest-keys/" + keyId, null).body().get("revokedAt").isNull()).isFalse();
        assertThat(ingest(key, "{\"a\":1}").status()).isEqualTo(401);
    }

    @Test
    void invalidRequestsNameEveryProblem() {
        Answer bad = api("POST", "/api/v1/platform/tenants", Map.of("slug", "Not A Slug!", "displayName", "", "timezone", "Mars/Base"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("problems")).extracting(p -> p.get("location").asText())
                .containsExactly("slug", "displayName", "timezone");
        tenantWithKey("dupe");
        Answer duplicate = api("POST", "/api/v1/platform/tenants", Map.of("slug", "dupe", "displayName", "Again"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api("GET", "/api/v1/tenants/dupe/events?limit=0", null).status()).isEqualTo(400);
        assertThat(api("GET", "/api/v1/platform/tenants/nobody", null).status()).isEqualTo(404);
    }

    @Test
    void healthIsOpenAndMetricsAreNot() {
        Answer health = api("GET", "/actuator/health/readiness", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(api("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
        assertThat(api("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        String key = tenantWithKey("metrics-co");
        ingest(key, "{\"a\":1}");
        await("processing", () -> api("GET", "/api/v1/tenants/metrics-co/events", null).body().path("total").asLong() == 1);
        Answer metrics = api("GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("vigil_journal_backlog_bytes").contains("vigil_pipeline_events_in_total");
    }
}
