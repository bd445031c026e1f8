package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code serve --demo}: three tenants seeded, their telemetry replayed through HTTP ingest and processed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoIT extends ServerTestSupport {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        registry.add("vigil.demo.enabled", () -> "true");
    }

    @Test
    void seedsTenantsAndReplaysTheirTelemetryThroughIngest() {
        JsonNode tenants = api("GET", "/api/v1/platform/tenants", null).body();
        assertThat(tenants).extracting(t -> t.get("slug").asText())
                .contains("northwind-energy", "contoso-health", "fabrikam-logistics");
        for (String slug : new String[] {"northwind-energy", "contoso-health", "fabrikam-logistics"}) {
            await(slug + " events processed", () -> api("GET", "/api/v1/tenants/" + slug + "/events", null).body()
                    .path("total").asLong() >= 100);
        }
        JsonNode windows = api("GET", "/api/v1/tenants/northwind-energy/events?limit=1000", null).body().get("items");
        assertThat(windows.findValues("device.hostname")).isNotEmpty();
        JsonNode failures = api("GET", "/api/v1/tenants/fabrikam-logistics/failures", null).body();
        assertThat(failures.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(failures.get("items").get(0).get("reason").asText()).contains("line");

        // The demo's Sysmon and Windows Security telemetry trips shipped SigmaHQ rules (as `vigil hunt` finds offline).
        await("northwind-energy detections", () -> api("GET", "/api/v1/tenants/northwind-energy/detections", null).body()
                .path("total").asLong() >= 1);
        JsonNode detections = api("GET", "/api/v1/tenants/northwind-energy/detections?limit=1000", null).body().get("items");
        assertThat(detections.findValuesAsText("title")).contains("Sysmon Configuration Change");
        assertThat(detections).allSatisfy(d -> assertThat(d.get("author").asText()).isNotBlank());
        await("contoso-health detections", () -> api("GET", "/api/v1/tenants/contoso-health/detections", null).body()
                .path("total").asLong() >= 1);

        // Triage turns the detections into incidents, readable through the API with priority and reason.
        await("northwind-energy incidents", () -> api("GET", "/api/v1/tenants/northwind-energy/incidents", null).body()
                .path("total").asLong() >= 1);
        JsonNode incidents = api("GET", "/api/v1/tenants/northwind-energy/incidents?limit=1000", null).body().get("items");
        assertThat(incidents).allSatisfy(i -> assertThat(i.get("priority").asText()).matches("P[1-4]"));
        JsonNode first = api("GET", "/api/v1/tenants/northwind-energy/incidents/" + incidents.get(0).get("id").asText(), null).body();
        assertThat(first.get("priorityReason").asText()).contains("level", "confidence");
        assertThat(first.get("alerts")).isNotEmpty();
        assertThat(first.get("timeline").get(0).get("action").asText()).isEqualTo("created");
    }
}
