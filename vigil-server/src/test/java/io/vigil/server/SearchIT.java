package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event store over real HTTP: real Sysmon events ingested by two tenants are searched, aggregated, exported,
 * pivoted from a detection and retro-hunted; a retro-hunt with the tenant's effective rules finds exactly what live
 * detection found on the same events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchIT extends ServerTestSupport {

    private static final String RANGE = "from=2000-01-01&to=2030-01-01";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        embeddedProperties(registry);
        // The samples are from 2025: keep them whatever the date the test runs on.
        registry.add("vigil.search.default-retention-days", () -> "36500");
    }

    @Test
    void searchesAggregatesExportsPivotsAndRetroHuntsLikeLiveDetection() throws IOException {
        List<String> samples = samples();
        String keyA = tenantWithKey("search-a");
        String keyB = tenantWithKey("search-b");
        assertThat(ingest(keyA, String.join("\n", samples)).status()).isEqualTo(202);
        assertThat(ingest(keyB, samples.getFirst()).status()).isEqualTo(202);
        int n = samples.size();
        await("events stored for search-a", () -> total("search-a", "") == n);
        await("events stored for search-b", () -> total("search-b", "") == 1);

        // Search: typed and raw fields, cursor paging, tenant isolation.
        assertThat(total("search-a", "Event.EventData.Image:*\\\\bitsadmin.exe")).isPositive();
        assertThat(total("search-a", "host:swachchhanda")).isPositive();
        assertThat(total("search-a", "Event.System.EventID:1")).isEqualTo(n);
        Set<String> paged = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/tenants/search-a/search?" + RANGE + "&limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("events").forEach(e -> {
                assertThat(e.get("tenant").asText()).isNotEqualTo(tenantId("search-b"));
                assertThat(paged.add(e.get("id").asText())).isTrue();
            });
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(paged).hasSize(n);
        Answer bad = api("GET", "/api/v1/tenants/search-a/search?" + RANGE + "&q=" + encode("user:(x"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("does not parse");
        assertThat(api("GET", "/api/v1/tenants/search-a/search?q=x", null).status()).as("range required").isEqualTo(400);

        // Aggregations.
        JsonNode terms = get("/api/v1/tenants/search-a/aggregate?" + RANGE + "&type=terms&field=source.name&size=5");
        assertThat(terms.get("buckets").get(0).get("count").asLong()).isEqualTo(n);
        JsonNode histogram = get("/api/v1/tenants/search-a/aggregate?" + RANGE.replace("2000-01-01", "2025-01-01")
                .replace("2030-01-01", "2026-06-01") + "&type=histogram&interval=P1D");
        assertThat(histogram.get("matched").asLong()).isEqualTo(n);
        JsonNode distinct = get("/api/v1/tenants/search-a/aggregate?" + RANGE + "&type=distinct&field=id.missing");
        assertThat(distinct.get("estimate").asLong()).isZero();

        // Export: JSON lines and CSV.
        Answer jsonl = api("GET", "/api/v1/tenants/search-a/export?" + RANGE + "&format=jsonl", null);
        assertThat(jsonl.raw().body().lines().count()).isEqualTo(n);
        Answer csv = api("GET", "/api/v1/tenants/search-a/export?" + RANGE + "&format=csv&fields=device.hostname,Event.EventData.Image", null);
        assertThat(csv.raw().body().lines().toList()).hasSize(n + 1).first().isEqualTo("time,id,source,device.hostname,Event.EventData.Image");

        // Retro-hunt with the effective rules equals live detection.
        Set<String> live = new HashSet<>();
        for (JsonNode d : get("/api/v1/tenants/search-a/detections?limit=1000").get("items")) {
            live.add(d.get("eventId").asText() + " " + d.get("ruleId").asText());
        }
        assertThat(live).isNotEmpty();
        Answer hunt = api("POST", "/api/v1/tenants/search-a/hunts", Map.of("from", "2000-01-01", "to", "2030-01-01"));
        assertThat(hunt.status()).as("%s", hunt.body()).isEqualTo(200);
        assertThat(hunt.body().get("scanned").asLong()).isEqualTo(n);
        Set<String> hunted = new HashSet<>();
        hunt.body().get("detections").forEach(d -> hunted.add(d.get("eventId").asText() + " " + d.get("ruleId").asText()));
        assertThat(hunted).isEqualTo(live);

        // Retro-hunt with a posted rule, narrowed by a query.
        Answer posted = api("POST", "/api/v1/tenants/search-a/hunts", Map.of("from", "2000-01-01", "to", "2030-01-01",
                "query", "Event.System.EventID:1", "rules", """
                        title: BITS download, hunted
                        id: 5d0d1f7e-0000-4000-8000-00000000a001
                        logsource:
                            category: process_creation
                            product: windows
                        detection:
                            selection:
                                Image|endswith: '\\bitsadmin.exe'
                            condition: selection
                        """));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(200);
        assertThat(posted.body().get("detections")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("ruleId").asText()).isEqualTo("5d0d1f7e-0000-4000-8000-00000000a001"));
        Answer broken = api("POST", "/api/v1/tenants/search-a/hunts", Map.of("from", "2000-01-01", "to", "2030-01-01",
                "rules", "title: no detection\n"));
        assertThat(broken.status()).isEqualTo(400);

        // Pivot from a detection to its event and the events around it.
        JsonNode detection = get("/api/v1/tenants/search-a/detections?limit=1").get("items").get(0);
        String pivotPath = "/api/v1/tenants/search-a/detections/" + detection.get("id").asText() + "/pivot?window=P1D";
        JsonNode source = get(pivotPath).get("event");
        assertThat(source.get("id").asText()).isEqualTo(detection.get("eventId").asText());
        // The same event sent again is another event of the same host at the same time.
        assertThat(ingest(keyA, source.get("raw").asText()).status()).isEqualTo(202);
        await("the copy stored", () -> total("search-a", "") == n + 1);
        JsonNode pivot = get(pivotPath);
        assertThat(pivot.get("event").get("id").asText()).isEqualTo(detection.get("eventId").asText());
        assertThat(pivot.get("related")).anySatisfy(r -> {
            assertThat(r.get("field").asText()).isEqualTo("host");
            assertThat(r.get("events")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.get("id").asText()).isNotEqualTo(detection.get("eventId").asText()));
        });
        assertThat(api("GET", "/api/v1/tenants/search-a/detections/" + detection.get("id").asText() + "/pivot?window=P9D",
                null).status()).as("window bounded").isEqualTo(400);
        assertThat(api("GET", "/api/v1/tenants/search-b/detections/" + detection.get("id").asText() + "/pivot", null)
                .status()).as("another tenant's detection").isEqualTo(404);

        // Retention and storage.
        JsonNode retention = get("/api/v1/tenants/search-a/retention");
        assertThat(retention.get("source").asText()).isEqualTo("default");
        assertThat(retention.get("usage").get("events").asLong()).isEqualTo(n + 1);
        assertThat(retention.get("usage").get("bytes").asLong()).isPositive();
        assertThat(api("PUT", "/api/v1/tenants/search-a/retention", Map.of("days", 30)).body().get("days").asInt())
                .isEqualTo(30);
        assertThat(api("PUT", "/api/v1/tenants/search-a/retention", Map.of("days", 0)).status()).isEqualTo(400);
        assertThat(get("/api/v1/tenants/search-a/retention").get("source").asText()).isEqualTo("tenant");
        assertThat(api("DELETE", "/api/v1/tenants/search-a/retention", null).body().get("source").asText())
                .isEqualTo("default");
        assertThat(get("/api/v1/tenants/search-b/storage").get("events").asLong()).isEqualTo(1);

        // Purge: all stored events of an offboarded tenant, confirmed by its slug, audited; no other tenant's.
        String purge = "/api/v1/tenants/search-b/stored-events?confirm=search-b";
        Answer active = api("DELETE", purge, null);
        assertThat(active.status()).as("an active tenant keeps its events").isEqualTo(400);
        assertThat(active.body().get("message").asText()).contains("offboard");
        assertThat(api("POST", "/api/v1/platform/tenants/search-b/offboard", null).status()).isEqualTo(200);
        assertThat(api("DELETE", "/api/v1/tenants/search-b/stored-events?confirm=search-a", null).status())
                .as("confirmed by the wrong slug").isEqualTo(400);
        Answer purged = api("DELETE", purge, null);
        assertThat(purged.status()).as("%s", purged.body()).isEqualTo(200);
        assertThat(purged.body().get("deleted").get("events").asLong()).isEqualTo(1);
        assertThat(purged.body().get("deleted").get("bytes").asLong()).isPositive();
        assertThat(total("search-b", "")).isZero();
        assertThat(get("/api/v1/tenants/search-b/storage").get("events").asLong()).isZero();
        assertThat(total("search-a", "")).as("another tenant's events stay").isEqualTo(n + 1);
        JsonNode audited = get("/api/v1/platform/audit?action=events.purge&tenant=search-b").get("items");
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry.get("target").asText()).isEqualTo("search-b");
            assertThat(entry.get("details").get("events").asText()).isEqualTo("1");
            assertThat(entry.get("outcome").asText()).isEqualToIgnoringCase("success");
        });
    }

    private JsonNode get(String path) {
        Answer answer = api("GET", path, null);
        assertThat(answer.status()).as("%s → %s", path, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private long total(String tenant, String query) {
        return get("/api/v1/tenants/" + tenant + "/search?" + RANGE + "&limit=1&q=" + encode(query)).get("total").asLong();
    }

    private String tenantId(String slug) {
        return get("/api/v1/platform/tenants/" + slug).get("id").asText();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The first event of each process-creation sample of the Sigma regression data. */
    private static List<String> samples() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        Path data = (configured != null ? Path.of(configured) : Path.of("../../shared/data"))
                .resolve("sigma-regression-dev/data/rules/windows/process_creation");
        assertThat(data).as("shared data (VIGIL_SHARED_DATA)").isDirectory();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().limit(40).toList()) {
                Files.readAllLines(file).stream().filter(l -> !l.isBlank()).findFirst().ifPresent(lines::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
